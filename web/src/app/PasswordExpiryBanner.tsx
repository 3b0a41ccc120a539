import { Alert } from 'antd';
import { Link, useLocation } from 'react-router';
import { PASSWORD_EXPIRY_WARNING_DAYS } from '../../../src/domain/login-security';
import type { Me } from '../api/types';

/**
 * The password's maximum age (security settings) is near: said on every page from a week before,
 * with the way to change it, so that the day it ends nobody is stopped at the change step unawares.
 * The account page, where the password is changed, says nothing twice.
 */
export function PasswordExpiryBanner({ me }: { me: Me }) {
  const onAccountPage = useLocation().pathname.startsWith('/account');
  const left = me.passwordDaysLeft;
  if (left === null || left <= 0 || left > PASSWORD_EXPIRY_WARNING_DAYS || onAccountPage) return null;
  return (
    <Alert
      type="warning"
      showIcon
      banner
      style={{ marginBottom: 12 }}
      title={
        <>
          您的密码还有 {left} 天到期，到期后须先修改密码才能使用系统。<Link to="/account">现在修改密码</Link>
        </>
      }
    />
  );
}
