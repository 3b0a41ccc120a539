import { Alert, Descriptions, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Me } from '../../api/types';
import { useAuth, useMe } from '../../app/auth';
import { PasswordCard } from './PasswordCard';
import { SessionsCard } from './SessionsCard';
import { TotpCard } from './TotpCard';

/**
 * 「账号安全」: every user's own password, second factor and sessions. While the server asks for
 * a forced step (first login, a reset, a role that needs a second factor) it is the only page.
 */
export default function AccountPage() {
  const me = useMe();
  const { update } = useAuth();
  const navigate = useNavigate();
  const forced = me.mustChangePassword || me.mustEnrolTotp;
  // A password change ends the other sessions: the list is read again.
  const [changes, setChanges] = useState(0);

  const changed = (next: Me) => {
    update(next);
    setChanges((n) => n + 1);
    // The last forced step done: on to the user's own home.
    if (forced && !next.mustChangePassword && !next.mustEnrolTotp) navigate('/', { replace: true });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        账号安全
      </Typography.Title>
      {me.mustChangePassword && (
        <Alert
          type="warning"
          showIcon
          title="请先修改密码"
          description={
            me.passwordExpired
              ? '您的密码已超过安全设置规定的最长使用期限，修改后才能使用系统。新密码不能与最近用过的密码相同。'
              : '这是首次登录或管理员重置后的密码，修改后才能使用系统。'
          }
        />
      )}
      {!me.mustChangePassword && me.mustEnrolTotp && (
        <Alert
          type="warning"
          showIcon
          title="请先启用两步验证"
          description="按安全设置，您的角色登录须使用手机验证器的动态码。启用后才能使用系统。"
        />
      )}
      <Descriptions size="small" column={{ xs: 1, sm: 3 }} bordered>
        <Descriptions.Item label="用户名">{me.username}</Descriptions.Item>
        <Descriptions.Item label="姓名">{me.name}</Descriptions.Item>
        <Descriptions.Item label="单位">{me.unitName}</Descriptions.Item>
      </Descriptions>
      {(me.mustChangePassword || !forced) && (
        <PasswordCard forced={me.mustChangePassword} oneTime={!me.passwordExpired} onChanged={changed} />
      )}
      {!me.mustChangePassword && <TotpCard me={me} onChanged={changed} />}
      {!forced && <SessionsCard key={changes} />}
    </Space>
  );
}
