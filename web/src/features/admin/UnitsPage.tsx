import { EditOutlined, IdcardOutlined, PlusOutlined, PrinterOutlined, TagsOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { unitsApi } from '../../api/admin';
import type { Unit, UnitInput } from '../../api/types';
import { useAuth } from '../../app/auth';
import { KeyboardScroll } from '../../lib/KeyboardScroll';
import { useAsync } from '../../lib/useAsync';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { loadUnits, unitMatches } from '../../lib/useUnits';
import { RegistrationForm } from './RegistrationForm';
import { SignOffModeSelect } from './SignOffModeSelect';
import { SynonymsModal } from './SynonymsModal';

const KINDS = [
  { value: 'department', label: '县直部门' },
  { value: 'township', label: '乡镇' },
  { value: 'hotline_office', label: '县热线办' },
  { value: 'supervision_office', label: '县委县政府督查室' },
  { value: 'city_platform', label: '市级平台' },
];

function UnitModal({
  unit,
  onClose,
  onSaved,
}: {
  unit: Unit | 'new';
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<UnitInput>();
  const { message } = App.useApp();
  const { busy, error, submit } = useFormSubmit(form);
  const save = async () => {
    const v = await form.validateFields();
    await submit(async () => {
      if (unit === 'new') await unitsApi.create(v);
      else await unitsApi.update(unit.id, v, unit.version);
      message.success('已保存');
      void loadUnits(true);
      onSaved();
    });
  };
  return (
    <Modal
      open
      title={unit === 'new' ? '新增单位' : `修改单位：${unit.name}`}
      onCancel={onClose}
      onOk={save}
      okText="保存"
      confirmLoading={busy}
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={unit === 'new' ? { kind: 'department', active: true, remit: '' } : unit}
      >
        <Form.Item name="name" label="单位名称" rules={[{ required: true, message: '请填写单位名称' }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="code"
          label="单位代码"
          extra="小写字母、数字和连字符，如 town-qiaotou"
          rules={[{ required: true, message: '请填写单位代码' }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="kind" label="类别">
          <Select options={KINDS} />
        </Form.Item>
        <Form.Item name="remit" label="职能范围" extra="派单时显示在单位旁，帮助派单员选对单位">
          <Input.TextArea rows={4} maxLength={1000} showCount />
        </Form.Item>
        <Form.Item name="active" label="启用" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

export default function UnitsPage() {
  const { data, loading, error, reload } = useAsync(() => unitsApi.list(), 'units');
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const [registration, setRegistration] = useState<Unit | null>(null);
  const [synonymsOf, setSynonymsOf] = useState<Unit | null>(null);
  const [filter, setFilter] = useState('');
  const auth = useAuth();
  // The administrator keeps the units; the office keeps their synonyms (as for categories).
  const manage = auth.can('unit.manage');
  const editSynonyms = auth.can('unit.editSynonyms');
  const setSignOffMode = auth.can('unit.setSignOffMode');
  const items = (data?.items ?? []).filter((u) => unitMatches(u, filter));
  const unfiled = (data?.items ?? []).filter(
    (u) => ['department', 'township'].includes(u.kind) && !u.registrationFiled,
  );

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          单位管理
        </Typography.Title>
      }
      extra={
        manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新增单位
          </Button>
        )
      }
    >
      {error && <Alert type="error" title={error.message} />}
      {unfiled.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${unfiled.length} 个承办单位尚未报送登记表：${unfiled.map((u) => u.name).join('、')}`}
        />
      )}
      <Input.Search
        placeholder="按名称、同义词、拼音首字母或职能查找"
        allowClear
        onSearch={setFilter}
        style={{ maxWidth: 320, marginBottom: 12 }}
        aria-label="查找单位"
      />
      <KeyboardScroll label="单位列表">
        <Table<Unit>
          rowKey="id"
          loading={loading}
          dataSource={items}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          size="middle"
          scroll={{ x: 1410 }}
          columns={[
            { title: '单位名称', dataIndex: 'name', width: 200 },
            { title: '类别', dataIndex: 'kindLabel', width: 130 },
            { title: '同义词', width: 160, render: (_, u) => u.synonyms.join('、') },
            {
              // Its own width: the columns beside it are fixed, and took all the room of a laptop's
              // screen, leaving this one a character wide. The table scrolls sideways instead.
              title: '职能范围',
              dataIndex: 'remit',
              width: 280,
              ellipsis: { showTitle: true },
            },
            {
              title: '登记表',
              width: 100,
              render: (_, u) =>
                ['department', 'township'].includes(u.kind) ? (
                  u.registrationFiled ? (
                    <Tag color="green">已报送</Tag>
                  ) : (
                    <Tag color="orange">未报送</Tag>
                  )
                ) : null,
            },
            {
              title: '答复签发',
              width: 170,
              render: (_, u) =>
                !['department', 'township'].includes(u.kind) ? null : setSignOffMode ? (
                  <SignOffModeSelect
                    unit={u}
                    options={data?.signOffModes ?? []}
                    onChanged={() => void reload()}
                  />
                ) : (
                  u.signOffModeLabel
                ),
            },
            {
              title: '状态',
              width: 80,
              render: (_, u) => (u.active ? <Tag color="blue">启用</Tag> : <Tag>停用</Tag>),
            },
            {
              title: '操作',
              width: 290,
              render: (_, u) => (
                <Space wrap>
                  {manage && (
                    <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(u)}>
                      修改
                    </Button>
                  )}
                  {editSynonyms && (
                    <Button
                      size="small"
                      icon={<TagsOutlined />}
                      onClick={() => setSynonymsOf(u)}
                      aria-label={`${u.name} 同义词`}
                    >
                      同义词
                    </Button>
                  )}
                  {manage && (
                    <Button size="small" icon={<IdcardOutlined />} onClick={() => setRegistration(u)}>
                      登记表
                    </Button>
                  )}
                  <Button
                    size="small"
                    icon={<PrinterOutlined />}
                    href={`/print/units/${u.id}/registration`}
                    target="_blank"
                    aria-label={`打印登记表 ${u.name}`}
                  >
                    打印登记表
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </KeyboardScroll>
      {editing && (
        <UnitModal
          unit={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void reload();
          }}
        />
      )}
      {synonymsOf && (
        <SynonymsModal
          name={synonymsOf.name}
          synonyms={synonymsOf.synonyms}
          hint="群众和派单员常说、但单位名称里没有的叫法（简称、旧称），用顿号或逗号隔开。派单、选择单位时输入这些词（或其拼音首字母）即可找到该单位。"
          placeholder="住建局、房管、建设局"
          save={(words) => unitsApi.setSynonyms(synonymsOf.id, words, synonymsOf.version)}
          onClose={() => setSynonymsOf(null)}
          onSaved={() => {
            setSynonymsOf(null);
            void loadUnits(true);
            void reload();
          }}
        />
      )}
      {registration && (
        <Modal
          open
          title="分管领导及联络员登记表"
          footer={null}
          width={980}
          onCancel={() => setRegistration(null)}
        >
          <RegistrationForm
            unit={registration}
            onSaved={() => {
              setRegistration(null);
              void reload();
            }}
          />
        </Modal>
      )}
    </Card>
  );
}
