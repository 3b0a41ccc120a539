import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { ordersApi } from '../../api/orders';
import type { OrderDetail } from '../../api/types';

/** The office marks an order 保密 at the citizen's request, or lifts it; with a reason, recorded. */
export function ConfidentialButton({
  order,
  onDone,
}: {
  order: OrderDetail;
  onDone: (o: OrderDetail) => void;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  if (!order.abilities.includes('workOrder.setConfidential')) return null;
  const to = !order.confidential;
  const submit = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      onDone(await ordersApi.setConfidential(order.id, order.version, to, reason));
      setOpen(false);
    } catch (e) {
      form.setFields([
        { name: 'reason', errors: [e instanceof ApiError ? e.message : '保存失败，请稍后再试。'] },
      ]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button icon={to ? <LockOutlined /> : <UnlockOutlined />} onClick={() => setOpen(true)}>
        {to ? '设为保密' : '取消保密'}
      </Button>
      {open && (
        <Modal
          open
          title={to ? '设为保密件' : '取消保密'}
          okText="确定"
          cancelText="取消"
          confirmLoading={busy}
          onOk={() => void submit().catch(() => undefined)}
          onCancel={() => setOpen(false)}
        >
          <Typography.Paragraph type="secondary">
            {to
              ? '设为保密后，承办单位看不到来电人的姓名、电话和地址，也不能查看其历史工单。'
              : '取消保密后，承办单位可看到来电人姓名和遮盖后的电话、地址。'}
          </Typography.Paragraph>
          <Form form={form} layout="vertical">
            <Form.Item
              name="reason"
              label="原因"
              rules={[{ required: true, whitespace: true, message: '请填写原因' }]}
            >
              <Input.TextArea rows={2} maxLength={200} placeholder="如：来电人要求对承办单位保密" />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </>
  );
}
