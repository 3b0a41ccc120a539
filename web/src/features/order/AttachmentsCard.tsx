import { DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Select, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ATTACHMENT_PURPOSE_LABELS } from '../../api/labels';
import { ordersApi } from '../../api/orders';
import type { AttachmentPurpose, OrderDetail } from '../../api/types';
import { fileSize, fmtTime } from '../../lib/time';
import { ACCEPT, useFileUpload } from '../actions/files';

export function AttachmentsCard({
  order,
  canUpload,
  onUploaded,
}: {
  order: OrderDetail;
  canUpload: boolean;
  onUploaded: () => void;
}) {
  const { message } = App.useApp();
  const [purpose, setPurpose] = useState<AttachmentPurpose>('material');
  const { busy, error, upload } = useFileUpload(
    (file) => ordersApi.upload(order.id, file, purpose),
    (_, file) => {
      message.success(`已上传「${file.name}」`);
      onUploaded();
    },
  );

  return (
    <Card size="small" title={`附件（${order.attachments.length}）`}>
      <Flex vertical gap={6}>
        {order.attachments.length === 0 && <Typography.Text type="secondary">暂无附件</Typography.Text>}
        {order.attachments.map((a) => (
          <Flex key={a.id} justify="space-between" align="start" gap={8}>
            <span style={{ minWidth: 0, flex: 1 }}>
              <PaperClipOutlined />{' '}
              <a href={ordersApi.attachmentUrl(a.id)} download={a.fileName}>
                {a.fileName}
              </a>{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {ATTACHMENT_PURPOSE_LABELS[a.purpose] ?? a.purpose} · {fileSize(a.size)} ·{' '}
                {a.uploadedByUnit ?? ''} {fmtTime(a.uploadedAt)}
              </Typography.Text>
            </span>
            <Button
              size="small"
              type="text"
              icon={<DownloadOutlined />}
              href={ordersApi.attachmentUrl(a.id)}
              aria-label={`下载 ${a.fileName}`}
            />
          </Flex>
        ))}
        {canUpload && (
          <Flex gap={8} wrap style={{ marginTop: 8 }}>
            <Select<AttachmentPurpose>
              value={purpose}
              onChange={setPurpose}
              aria-label="附件用途"
              style={{ width: 150 }}
              options={(['material', 'photo', 'other'] as const).map((p) => ({
                value: p,
                label: ATTACHMENT_PURPOSE_LABELS[p],
              }))}
            />
            <Upload
              accept={ACCEPT}
              showUploadList={false}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={busy}>
                上传附件
              </Button>
            </Upload>
          </Flex>
        )}
        {canUpload && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            支持 PDF、JPG、PNG、TIFF，单个文件不超过 20 MB。
          </Typography.Text>
        )}
        {error && <Alert type="error" showIcon title={error} />}
      </Flex>
    </Card>
  );
}
