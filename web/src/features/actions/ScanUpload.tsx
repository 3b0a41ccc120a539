import { CheckCircleFilled, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { ordersApi } from '../../api/orders';
import type { AttachmentPurpose } from '../../api/types';
import { ACCEPT, checkFile } from './files';

interface Props {
  orderId: number;
  purpose: AttachmentPurpose;
  value?: number;
  onChange?: (id: number | undefined) => void;
  label: string;
}

/** A form control that uploads the scan at once and holds the new attachment's id. */
export function ScanUpload({ orderId, purpose, value, onChange, label }: Props) {
  const [name, setName] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const upload = async (file: File) => {
    setError(undefined);
    const problem = checkFile(file);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    try {
      const saved = await ordersApi.upload(orderId, file, purpose);
      setName(saved.fileName);
      onChange?.(saved.id);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '上传失败,请重试。');
      onChange?.(undefined);
    } finally {
      setBusy(false);
    }
  };

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
            <CheckCircleFilled /> 已上传 {name ?? `附件 #${value}`}
          </Typography.Text>
        )}
      </Flex>
      {error && <Alert type="error" showIcon title={error} />}
    </Flex>
  );
}
