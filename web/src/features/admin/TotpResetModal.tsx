import { Alert, App, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { usersApi } from '../../api/admin';
import type { User } from '../../api/types';
import { useFormSubmit } from '../../lib/useFormSubmit';

/**
 * The security administrator clears a user's second factor when the phone with the authenticator
 * and the recovery codes are both lost. The reason goes into the audit log.
 */
export function TotpResetModal({
  user,
  onClose,
  onDone,
}: {
  user: User;
  onClose: () => void;
  onDone: () => void;
}) {
  const [reason, setReason] = useState('');
  const { busy, error, submit } = useFormSubmit();
  const { message } = App.useApp();
  const save = () =>
    submit(async () => {
      await usersApi.resetTotp(user.id, reason);
      message.success(`已重置${user.name}的两步验证，其登录已全部退出`);
      onDone();
    });
  return (
    <Modal
      open
      title={`重置两步验证：${user.name}`}
      onCancel={onClose}
      onOk={save}
      okText="重置"
      okButtonProps={{ danger: true }}
      confirmLoading={busy}
    >
      <Typography.Paragraph type="secondary">
        仅在本人手机验证器和恢复码都已丢失时使用。请先当面或电话核实是本人。重置后其登录全部退出；若其角色要求两步验证，下次登录须重新绑定手机验证器。
      </Typography.Paragraph>
      <Input.TextArea
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        aria-label="重置原因"
        placeholder="重置原因（如：本人手机丢失，已电话核实）"
        autoSize={{ minRows: 2 }}
        maxLength={200}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
