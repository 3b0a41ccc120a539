import { Alert, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';

/** The addresses typed one per line (or separated by commas, 、 or spaces, full-width or not). */
export const splitAddresses = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/[\s,，、;；]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export const ADDRESSES_HELP =
  '每行一个 IP 地址或网段，如 10.1.2.3、10.1.0.0/16（市平台多在政务外网）；不填表示不限来源地址。限定后，从其他地址使用该密钥一律拒绝，并记入调用记录。';

export const addressesText = (list: string[]) => (list.length === 0 ? '不限' : list.join('、'));

/** Changes the addresses an existing client may call from; the server checks each entry. */
export function ApiClientAddressesModal({
  client,
  busy,
  error,
  onSave,
  onCancel,
}: {
  client: { name: string; allowedAddresses: string[] } | null;
  busy: boolean;
  error: string | undefined;
  onSave: (addresses: string[]) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState('');
  useEffect(() => setText(client?.allowedAddresses.join('\n') ?? ''), [client]);
  return (
    <Modal
      open={client !== null}
      title={`「${client?.name ?? ''}」允许的来源地址`}
      okText="保存"
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => onSave(splitAddresses(text))}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">{ADDRESSES_HELP}</Typography.Paragraph>
      <Input.TextArea
        aria-label="允许的来源地址"
        rows={4}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={'10.1.2.3\n10.20.0.0/16'}
      />
    </Modal>
  );
}
