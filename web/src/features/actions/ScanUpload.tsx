import { CheckCircleFilled, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Select, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ATTACHMENT_PURPOSE_LABELS } from '../../api/labels';
import { ordersApi } from '../../api/orders';
import type { AttachmentPurpose, OrderDetail } from '../../api/types';
import { ACCEPT, useFileUpload } from './files';

interface Props {
  /** The order the scan is for; or `send`, for a scan that belongs to no order (the registration form). */
  orderId?: number;
  send?: (file: File) => Promise<{ id: number; fileName: string }>;
  purpose: AttachmentPurpose;
  value?: number;
  onChange?: (id: number | undefined) => void;
  label: string;
  /** Files already on the order: the user may pick one; the server decides whether it proves the request. */
  existing?: OrderDetail['attachments'];
}

/** A form control that uploads the scan at once and holds the new attachment's id. */
export function ScanUpload({ orderId, send, purpose, value, onChange, label, existing = [] }: Props) {
  const [name, setName] = useState<string>();
  const { busy, error, upload } = useFileUpload(
    (file) => (send ? send(file) : ordersApi.upload(orderId as number, file, purpose)),
    (saved) => {
      setName(saved.fileName);
      onChange?.(saved.id);
    },
    () => onChange?.(undefined),
  );

  return (
    <Flex vertical gap={6}>
      <Flex gap={8} align="center" wrap>
        <Upload
          accept={ACCEPT}
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy}>
            {value ? '重新上传' : label}
          </Button>
        </Upload>
        {value && (
          <Typography.Text type="success">
            {/* A form restored from its draft holds the id only: the order's files name it. */}
            <CheckCircleFilled /> 已上传{' '}
            {name ?? existing.find((a) => a.id === value)?.fileName ?? `附件 #${value}`}
          </Typography.Text>
        )}
      </Flex>
      {existing.length > 0 && (
        <Select<number>
          aria-label="选用本工单已上传的附件"
          placeholder="或选用本工单已上传的附件"
          allowClear
          value={existing.some((a) => a.id === value) ? value : undefined}
          onChange={(id) => {
            setName(existing.find((a) => a.id === id)?.fileName);
            onChange?.(id);
          }}
          options={existing.map((a) => ({
            value: a.id,
            label: `${a.fileName}（${ATTACHMENT_PURPOSE_LABELS[a.purpose] ?? a.purpose}）`,
          }))}
        />
      )}
      {error && <Alert type="error" showIcon title={error} />}
    </Flex>
  );
}
