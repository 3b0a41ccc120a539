import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { categoriesApi } from '../../api/admin';
import { ApiError } from '../../api/client';
import type { Category } from '../../api/types';
import { useAsync } from '../../lib/useAsync';

type Levels = Pick<Category, 'level1' | 'level2' | 'level3'>;

function CategoryModal({
  category,
  onClose,
  onSaved,
}: {
  category: Category | 'new';
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<Levels>();
  const [error, setError] = useState<string>();
  const { message } = App.useApp();
  const save = async () => {
    const v = await form.validateFields();
    try {
      if (category === 'new') await categoriesApi.create(v);
      else await categoriesApi.update(category.id, { ...v, active: category.active });
      message.success('已保存');
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '保存失败');
    }
  };
  return (
    <Modal
      open
      title={category === 'new' ? '新增分类' : '修改分类名称'}
      onCancel={onClose}
      onOk={save}
      okText="保存"
    >
      <Form form={form} layout="vertical" initialValues={category === 'new' ? {} : category}>
        {(['level1', 'level2', 'level3'] as const).map((k, i) => (
          <Form.Item
            key={k}
            name={k}
            label={`${['一', '二', '三'][i]}级分类`}
            rules={[{ required: true, whitespace: true, message: '请填写分类名称' }]}
          >
            <Input maxLength={30} />
          </Form.Item>
        ))}
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

/** The three-level request classification: add, rename, deactivate (used ones are never deleted). */
export default function CategoriesPage() {
  const { data, loading, reload, error } = useAsync(() => categoriesApi.list(true), 'categories');
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  const [q, setQ] = useState('');
  const items = (data?.items ?? []).filter((c) => !q || `${c.level1}${c.level2}${c.level3}`.includes(q));

  const toggle = async (c: Category, active: boolean) => {
    try {
      await categoriesApi.update(c.id, { level1: c.level1, level2: c.level2, level3: c.level3, active });
      message.success(active ? '已启用' : '已停用,登记时不再可选');
      void reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败');
    }
  };

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          诉求分类
        </Typography.Title>
      }
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          新增分类
        </Button>
      }
    >
      {error && <Alert type="error" title={error.message} />}
      <Input.Search
        placeholder="查找分类"
        allowClear
        onSearch={setQ}
        style={{ maxWidth: 320, marginBottom: 12 }}
        aria-label="查找分类"
      />
      <Table<Category>
        rowKey="id"
        loading={loading}
        dataSource={items}
        size="small"
        pagination={{ pageSize: 50, showTotal: (t) => `共 ${t} 类` }}
        columns={[
          { title: '一级', dataIndex: 'level1', width: 160 },
          { title: '二级', dataIndex: 'level2', width: 200 },
          { title: '三级', dataIndex: 'level3' },
          {
            title: '状态',
            width: 90,
            render: (_, c) => (c.active ? <Tag color="blue">启用</Tag> : <Tag>已停用</Tag>),
          },
          {
            title: '操作',
            width: 170,
            render: (_, c) => (
              <Space>
                <Button size="small" onClick={() => setEditing(c)}>
                  改名
                </Button>
                <Switch
                  size="small"
                  checked={c.active}
                  checkedChildren="启用"
                  unCheckedChildren="停用"
                  onChange={(v) => void toggle(c, v)}
                  aria-label={`${c.level3} 启用`}
                />
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <CategoryModal
          category={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void reload();
          }}
        />
      )}
    </Card>
  );
}
