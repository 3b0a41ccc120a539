import { Alert, Checkbox, Form, Input, Modal, Radio, Typography } from 'antd';
import { type SavedView, savedViewsApi } from '../../api/savedViews';
import { useMe } from '../../app/auth';
import { useFormSubmit } from '../../lib/useFormSubmit';

interface Values {
  name: string;
  shared: SavedView['shared'];
  asHome: boolean;
}

/** Names the list's current filters as a view, kept to oneself or shared with one's unit. */
export function SaveViewModal({
  query,
  onClose,
  onSaved,
}: {
  query: string;
  onClose: () => void;
  onSaved: (view: SavedView, asHome: boolean) => void;
}) {
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const { busy, error, submit } = useFormSubmit(form);
  const save = async () => {
    const v = await form.validateFields();
    await submit(async () =>
      onSaved(await savedViewsApi.create({ name: v.name, query, shared: v.shared }), v.asHome),
    );
  };
  return (
    <Modal open title="保存视图" onCancel={onClose} onOk={save} okText="保存" confirmLoading={busy}>
      <Typography.Paragraph type="secondary">
        {query
          ? '把列表当前的筛选条件和排序保存下来，以后一点即可打开。'
          : '当前没有筛选条件：视图将显示全部工单。'}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ shared: 'private', asHome: false }}
        aria-label="保存视图表单"
      >
        <Form.Item
          name="name"
          label="视图名称"
          rules={[
            { required: true, whitespace: true, message: '请填写视图名称' },
            { max: 30, message: '视图名称不超过 30 个字' },
          ]}
        >
          <Input placeholder="如：本周待签收、超期未办结" maxLength={30} />
        </Form.Item>
        <Form.Item name="shared" label="谁能看到">
          <Radio.Group
            options={[
              { value: 'private', label: '仅自己' },
              { value: 'unit', label: `共享给本单位（${me.unitName}）` },
            ]}
          />
        </Form.Item>
        <Form.Item name="asHome" valuePropName="checked">
          <Checkbox>设为打开工单查询时的视图</Checkbox>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}
