import { EditOutlined, KeyOutlined, MobileOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { INITIAL_PASSWORD_VALID_HOURS } from '../../../../src/domain/initial-password';
import { ADMIN_ROLES } from '../../../../src/domain/roles';
import { usersApi } from '../../api/admin';
import { options, ROLE_LABELS } from '../../api/labels';
import type { Role, User, UserInput } from '../../api/types';
import { useAuth } from '../../app/auth';
import { useAsync } from '../../lib/useAsync';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { unitPicker, useUnits } from '../../lib/useUnits';
import { InitialPasswordModal, type ShownPassword } from './InitialPasswordModal';
import { PasswordResetModal } from './PasswordResetModal';
import { TotpResetModal } from './TotpResetModal';

type FormValues = Omit<UserInput, 'awayFrom' | 'awayUntil'> & { away?: [Dayjs | null, Dayjs | null] | null };

const today = dayjs().format('YYYY-MM-DD');
const isAway = (u: User) => !!u.awayFrom && u.awayFrom <= today && (!u.awayUntil || u.awayUntil >= today);

function UserModal({
  user,
  onClose,
  onSaved,
}: {
  user: User | 'new';
  onClose: () => void;
  /** With the initial password of a new account, to be shown once. */
  onSaved: (created?: ShownPassword) => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const units = useUnits();
  // Roles, unit and status are the security administrator's (三员分立); others see them read-only.
  // The administrators' own accounts (三员) change their access only on the server (npm run
  // account:admin / account:active): one administrator may not demote or switch off another.
  const adminAccount = user !== 'new' && user.roles.some((r) => ADMIN_ROLES.includes(r));
  const grants = useAuth().can('user.grantRole') && !adminAccount;
  const roleOptions = options(ROLE_LABELS).filter(
    (o) => adminAccount || !ADMIN_ROLES.includes(o.value as Role),
  );
  const { message } = App.useApp();
  const { busy, error, submit } = useFormSubmit(form);
  const initial: Partial<FormValues> =
    user === 'new'
      ? { active: true, roles: ['unit_liaison'], liaisonSlot: null, phone: '', email: null }
      : {
          ...user,
          away: user.awayFrom ? [dayjs(user.awayFrom), user.awayUntil ? dayjs(user.awayUntil) : null] : null,
        };
  const save = async () => {
    const { away, ...v } = await form.validateFields();
    const body: UserInput = {
      ...v,
      phone: v.phone ?? '',
      email: v.email?.trim() || null,
      liaisonSlot: v.liaisonSlot ?? null,
      awayFrom: away?.[0]?.format('YYYY-MM-DD') ?? null,
      awayUntil: away?.[1]?.format('YYYY-MM-DD') ?? null,
      awayNote: v.awayNote || null,
    };
    await submit(async () => {
      if (user === 'new') {
        const { initialPassword, name, username } = await usersApi.create(body);
        message.success('已新增用户');
        onSaved({ name, username, ...initialPassword });
        return;
      }
      await usersApi.update(user.id, body, user.version);
      message.success('已保存');
      onSaved();
    });
  };
  return (
    <Modal
      open
      title={user === 'new' ? '新增用户' : `修改用户：${user.name}`}
      onCancel={onClose}
      onOk={save}
      okText="保存"
      confirmLoading={busy}
      width={680}
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请填写用户名' }]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        {user === 'new' && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={`保存后系统生成一次性初始密码，只显示一次；本人须在 ${INITIAL_PASSWORD_VALID_HOURS} 小时内登录并修改。`}
          />
        )}
        <Form.Item name="unitId" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]}>
          <Select disabled={!grants} {...unitPicker(units)} />
        </Form.Item>
        <Form.Item name="roles" label="角色" rules={[{ required: true, message: '至少选择一个角色' }]}>
          <Select mode="multiple" disabled={!grants} options={roleOptions} />
        </Form.Item>
        {adminAccount && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title="三员账号的角色、所属单位和启用停用不在系统中修改，由运维人员在服务器上运行 npm run account:admin 或 npm run account:active 办理。"
          />
        )}
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="phone" label="电话">
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="email"
              label="邮箱"
              extra="通知渠道开启电子邮件时，通知发到这里"
              rules={[{ type: 'email', message: '邮箱格式不正确，如 liu@hewan.gov.cn' }]}
            >
              <Input inputMode="email" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="liaisonSlot" label="联络员 AB 角" extra="A 角为主，A 角不在岗时由 B 角接办">
              <Select
                allowClear
                placeholder="不是联络员"
                options={[
                  { value: 'A', label: 'A 角' },
                  { value: 'B', label: 'B 角' },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item name="away" label="不在岗时间（出差、休假）">
              <DatePicker.RangePicker allowEmpty={[false, true]} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="awayNote" label="不在岗说明">
              <Input placeholder="如：休年假" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="active" label="启用" valuePropName="checked">
          <Switch disabled={!grants} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

export default function UsersPage() {
  const { data, loading, error, reload } = useAsync(() => usersApi.list(), 'users');
  const { can } = useAuth();
  const units = useUnits();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [password, setPassword] = useState<User | null>(null);
  const [created, setCreated] = useState<ShownPassword | null>(null);
  const [totp, setTotp] = useState<User | null>(null);
  const [unitFilter, setUnitFilter] = useState<number>();
  const [q, setQ] = useState('');
  const items = (data?.items ?? []).filter(
    (u) => (!unitFilter || u.unitId === unitFilter) && (!q || u.name.includes(q) || u.username.includes(q)),
  );
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          用户管理
        </Typography.Title>
      }
      extra={
        can('user.grantRole') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新增用户
          </Button>
        )
      }
    >
      {error && <Alert type="error" title={error.message} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search placeholder="姓名或用户名" allowClear onSearch={setQ} aria-label="查找用户" />
        <Select
          allowClear
          placeholder="所属单位"
          aria-label="所属单位"
          style={{ width: 220 }}
          value={unitFilter}
          onChange={setUnitFilter}
          {...unitPicker(units)}
        />
      </Space>
      <Table<User>
        rowKey="id"
        loading={loading}
        dataSource={items}
        size="middle"
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 100 },
          { title: '用户名', dataIndex: 'username', width: 140 },
          { title: '所属单位', dataIndex: 'unitName' },
          { title: '角色', render: (_, u) => u.roleLabels.join('、') },
          { title: 'AB 角', width: 70, render: (_, u) => (u.liaisonSlot ? `${u.liaisonSlot} 角` : '') },
          {
            title: '在岗',
            width: 200,
            render: (_, u) =>
              u.awayFrom ? (
                <Tag color={isAway(u) ? 'orange' : 'default'}>
                  {isAway(u) ? '不在岗' : '计划不在岗'} {u.awayFrom}~{u.awayUntil ?? ''}
                </Tag>
              ) : (
                <Tag color="green">在岗</Tag>
              ),
          },
          { title: '状态', width: 70, render: (_, u) => (u.active ? '启用' : <Tag>停用</Tag>) },
          {
            title: '操作',
            width: 300,
            render: (_, u) => (
              <Space>
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(u)}>
                  修改
                </Button>
                {can('user.resetPassword') && (
                  <Button size="small" icon={<KeyOutlined />} onClick={() => setPassword(u)}>
                    重置密码
                  </Button>
                )}
                {can('user.resetPassword') && u.totpEnabled && (
                  <Button size="small" icon={<MobileOutlined />} onClick={() => setTotp(u)}>
                    重置两步验证
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <UserModal
          user={editing}
          onClose={() => setEditing(null)}
          onSaved={(shown) => {
            setEditing(null);
            if (shown) setCreated(shown);
            void reload();
          }}
        />
      )}
      {password && <PasswordResetModal user={password} onClose={() => setPassword(null)} />}
      {created && <InitialPasswordModal shown={created} onClose={() => setCreated(null)} />}
      {totp && (
        <TotpResetModal
          user={totp}
          onClose={() => setTotp(null)}
          onDone={() => {
            setTotp(null);
            void reload();
          }}
        />
      )}
    </Card>
  );
}
