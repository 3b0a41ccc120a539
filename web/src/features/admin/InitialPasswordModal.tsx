import { Typography } from 'antd';
import { INITIAL_PASSWORD_VALID_HOURS } from '../../../../src/domain/initial-password';
import { fmtTime } from '../../lib/time';
import { ShownOnceModal } from './ShownOnceModal';

export interface ShownPassword {
  name: string;
  username: string;
  password: string;
  expiresAt: string;
}

/**
 * A system-made initial password, shown this once to the security administrator who issued it:
 * the server keeps only its hash. The holder must sign in and replace it before it lapses.
 */
export function InitialPasswordModal({ shown, onClose }: { shown: ShownPassword; onClose: () => void }) {
  return (
    <ShownOnceModal
      open
      title={`${shown.name}的初始密码`}
      okText="已交给本人"
      warning="初始密码只显示这一次"
      advice="系统只保存密码的摘要，关闭后任何人（包括您）都无法再查看。请复制后当面或经安全渠道交给本人，不要另行保存。"
      secret={shown.password}
      label="初始密码"
      copyLabel="复制初始密码"
      secretStyle={{ fontSize: 20, letterSpacing: 1 }}
      before={<Typography.Paragraph>登录名：{shown.username}</Typography.Paragraph>}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">
        只含大写字母和数字（没有容易混淆的 0、O、1、I），四个一组，便于念给本人。本人须在{' '}
        {fmtTime(shown.expiresAt)} 前（{INITIAL_PASSWORD_VALID_HOURS}{' '}
        小时内）登录并修改密码，过期后须重新生成。
      </Typography.Paragraph>
    </ShownOnceModal>
  );
}
