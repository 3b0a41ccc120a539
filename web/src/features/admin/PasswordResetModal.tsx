import { Alert, Modal, Typography } from 'antd';
import { useState } from 'react';
import { INITIAL_PASSWORD_VALID_HOURS } from '../../../../src/domain/initial-password';
import { usersApi } from '../../api/admin';
import type { User } from '../../api/types';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { InitialPasswordModal, type ShownPassword } from './InitialPasswordModal';

/**
 * The security administrator resets a user's password: the system makes a new initial password,
 * shown once; the user's sessions end and the next sign-in asks for a password of their own.
 */
export function PasswordResetModal({ user, onClose }: { user: User; onClose: () => void }) {
  const [shown, setShown] = useState<ShownPassword | null>(null);
  const { busy, error, submit } = useFormSubmit();
  const reset = () =>
    submit(async () => {
      const { initialPassword } = await usersApi.resetPassword(user.id);
      setShown({ name: user.name, username: user.username, ...initialPassword });
    });
  if (shown) return <InitialPasswordModal shown={shown} onClose={onClose} />;
  return (
    <Modal
      open
      title={`重置密码：${user.name}`}
      onCancel={onClose}
      onOk={reset}
      okText="生成新的初始密码"
      confirmLoading={busy}
    >
      <Typography.Paragraph>
        系统将为{user.name}（{user.username}）生成新的一次性初始密码，只显示一次，
        {INITIAL_PASSWORD_VALID_HOURS}{' '}
        小时内有效。原密码立即失效，其登录全部退出，账号锁定随之解除；本人下次登录须先修改密码。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
