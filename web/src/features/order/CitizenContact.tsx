import { EyeOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { UNIT_CLOCK_STATES } from '../../../../src/domain/workflow/states';
import { ApiError } from '../../api/client';
import { ordersApi, type RevealedContact } from '../../api/orders';
import type { OrderDetail } from '../../api/types';

interface Props {
  order: OrderDetail;
  /** The full contact once revealed (kept by the page, so the address shows it too). */
  revealed: RevealedContact | undefined;
  onRevealed: (contact: RevealedContact) => void;
}

/**
 * The caller's phone as the server presents it: in full for the office, masked (138****1234)
 * for the others; the unit handling the order reveals it by giving a reason, which is
 * recorded. A 保密 order shows nothing.
 */
export function CitizenPhone({ order, revealed, onRevealed }: Props) {
  const [open, setOpen] = useState(false);
  if (revealed) return <span>{revealed.citizenPhone}</span>;
  if (order.contactAccess === 'hidden')
    return <Typography.Text type="secondary">{order.citizenPhone}</Typography.Text>;
  // Only while the unit handles the order (the server refuses after its reply).
  const mayReveal =
    order.contactAccess === 'masked' &&
    order.abilities.includes('workOrder.revealPhone') &&
    UNIT_CLOCK_STATES.includes(order.state);
  return (
    <Space size={4} wrap>
      <span>{order.citizenPhone}</span>
      {mayReveal && (
        <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => setOpen(true)}>
          查看完整号码
        </Button>
      )}
      {open && (
        <RevealDialog
          orderId={order.id}
          onClose={() => setOpen(false)}
          onRevealed={(c) => {
            setOpen(false);
            onRevealed(c);
          }}
        />
      )}
    </Space>
  );
}

function RevealDialog({
  orderId,
  onClose,
  onRevealed,
}: {
  orderId: number;
  onClose: () => void;
  onRevealed: (contact: RevealedContact) => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const submit = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      onRevealed(await ordersApi.revealContact(orderId, reason));
    } catch (e) {
      const text = e instanceof ApiError ? e.message : '查看失败，请稍后再试。';
      form.setFields([{ name: 'reason', errors: [text] }]);
      void message.error(text);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title="查看来电人完整号码"
      okText="查看"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        来电人的电话属于个人信息。请说明查看理由；查看记录（谁、何时、理由）会写入流转记录和审计日志，县热线办可见。
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label="查看理由"
          rules={[{ required: true, whitespace: true, message: '请填写查看理由' }]}
        >
          <Input.TextArea rows={2} maxLength={200} showCount placeholder="如：电话联系来电人，核实现场情况" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
