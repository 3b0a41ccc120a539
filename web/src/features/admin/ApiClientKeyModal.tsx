import { Typography } from 'antd';
import { fmtTime } from '../../lib/time';
import { ShownOnceModal } from './ShownOnceModal';

export interface ShownKey {
  clientName: string;
  key: string;
  /** After a rotation: when the keys it replaced stop working. */
  oldKeysExpireAt: string | null;
}

/**
 * A new key, shown this once: the server keeps only its digest, so closing the dialog is the
 * last chance to copy it.
 */
export function ApiClientKeyModal({ shown, onClose }: { shown: ShownKey | null; onClose: () => void }) {
  return (
    <ShownOnceModal
      open={shown !== null}
      title={`「${shown?.clientName ?? ''}」的接口密钥`}
      okText="已妥善保存"
      warning="密钥只显示这一次"
      advice="系统只保存密钥的摘要，关闭后无法再查看。请立即复制，交给对方系统的管理员，经安全渠道保存。"
      secret={shown?.key ?? ''}
      label="新密钥"
      copyLabel="复制密钥"
      onClose={onClose}
    >
      {shown?.oldKeysExpireAt && (
        <Typography.Paragraph type="secondary">
          旧密钥在 {fmtTime(shown.oldKeysExpireAt)} 之前仍然有效，请在此之前让对方换用新密钥。
        </Typography.Paragraph>
      )}
    </ShownOnceModal>
  );
}
