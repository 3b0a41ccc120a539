import { Alert, App, Form, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useFormSubmit } from '../../lib/useFormSubmit';

export type Values = Record<string, unknown>;

interface Props {
  title: string;
  open: boolean;
  initialValues?: Values;
  onClose: () => void;
  /** Sends the form; a refusal keeps the form open with what was typed and says why. */
  onSubmit: (values: Values) => Promise<unknown>;
  done: string;
  children: ReactNode;
}

/** A small form in a dialog for one supervision record; the server's refusal is shown as it is. */
export function RecordModal({ title, open, initialValues, onClose, onSubmit, done, children }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, failure: error, submit: send } = useFormSubmit(form);
  const submit = async () => {
    const values = await form.validateFields();
    await send(async () => {
      await onSubmit(values);
      message.success(done);
      form.resetFields();
      onClose();
    });
  };
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      okText="提交"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
    >
      {error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={error.isVersionConflict ? `${error.message}（请关闭后刷新工单）` : error.message}
        />
      )}
      <Form form={form} layout="vertical" initialValues={initialValues} aria-label={title}>
        {children}
      </Form>
    </Modal>
  );
}
