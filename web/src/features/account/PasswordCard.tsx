import { Alert, App, Button, Card, Form, Input } from 'antd';
import type { Me } from '../../api/types';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { accountApi } from './api';

interface Values {
  current: string;
  next: string;
  repeat: string;
}

/**
 * The user's own password. The policy (length, classes, not the username, not a common one) is the
 * server's: its message is shown as it comes, the page repeats none of its numbers.
 */
export function PasswordCard({
  forced,
  oneTime = true,
  onChanged,
}: {
  forced: boolean;
  /** The forced change replaces the administrator's one-time password (not an expired one of the user's). */
  oneTime?: boolean;
  onChanged: (me: Me) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const { busy, error, submit } = useFormSubmit(form);

  const save = (v: Values) =>
    submit(async () => {
      const me = await accountApi.changePassword(v.current, v.next);
      form.resetFields();
      message.success('密码已修改，您在其他地方的登录已结束');
      onChanged(me);
    });

  return (
    <Card title={forced ? '设置新密码' : '修改密码'}>
      <Form form={form} layout="vertical" onFinish={save} style={{ maxWidth: 420 }}>
        <Form.Item
          name="current"
          label={forced && oneTime ? '当前密码（管理员交给您的初始密码）' : '当前密码'}
          rules={[{ required: true, message: '请输入当前密码' }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="next"
          label="新密码"
          extra="足够长、混用大小写字母、数字和符号，不含用户名，不用常见密码，也不用最近用过的密码"
          rules={[{ required: true, message: '请输入新密码' }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="repeat"
          label="再次输入新密码"
          dependencies={['next']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('next')
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的新密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={busy}>
          修改密码
        </Button>
      </Form>
    </Card>
  );
}
