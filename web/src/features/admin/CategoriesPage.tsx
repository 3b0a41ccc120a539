import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { matchesSearch } from '../../../../src/domain/search-match';
import { categoriesApi } from '../../api/admin';
import { ApiError } from '../../api/client';
import type { Category } from '../../api/types';
import { useAuth } from '../../app/auth';
import { useAsync } from '../../lib/useAsync';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { SynonymsModal } from './SynonymsModal';

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
  const { busy, error, submit } = useFormSubmit(form);
  const { message } = App.useApp();
  const save = async () => {
    const v = await form.validateFields();
    await submit(async () => {
      if (category === 'new') await categoriesApi.create(v);
      else await categoriesApi.update(category.id, { ...v, active: category.active }, category.version);
      message.success('已保存');
      onSaved();
    });
  };
  return (
    <Modal
      open
      title={category === 'new' ? '新增分类' : '修改分类名称'}
      onCancel={onClose}
      onOk={save}
      okText="保存"
      confirmLoading={busy}
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
  const admin = useAuth().can('category.manage');
  const [synonymsOf, setSynonymsOf] = useState<Category | null>(null);
  const { data, loading, reload, error } = useAsync(() => categoriesApi.list(true), 'categories');
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  const [q, setQ] = useState('');
  const items = (data?.items ?? []).filter((c) => matchesSearch(c.searchText, q));

  const toggle = async (c: Category, active: boolean) => {
    try {
      await categoriesApi.update(
        c.id,
        { level1: c.level1, level2: c.level2, level3: c.level3, active },
        c.version,
      );
      message.success(active ? '已启用' : '已停用，登记时不再可选');
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
        admin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新增分类
          </Button>
        )
      }
    >
      {error && <Alert type="error" title={error.message} />}
      <Input.Search
        placeholder="查找分类（名称、同义词或拼音首字母）"
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
          { title: '三级', dataIndex: 'level3', width: 180 },
          { title: '同义词', render: (_, c) => c.synonyms.join('、') },
          {
            title: '状态',
            width: 90,
            render: (_, c) => (c.active ? <Tag color="blue">启用</Tag> : <Tag>已停用</Tag>),
          },
          {
            title: '操作',
            width: 230,
            render: (_, c) => (
              <Space>
                <Button size="small" onClick={() => setSynonymsOf(c)} aria-label={`${c.level3} 同义词`}>
                  同义词
                </Button>
                {admin && (
                  <Button size="small" onClick={() => setEditing(c)}>
                    改名
                  </Button>
                )}
                {admin && (
                  <Switch
                    size="small"
                    checked={c.active}
                    checkedChildren="启用"
                    unCheckedChildren="停用"
                    onChange={(v) => void toggle(c, v)}
                    aria-label={`${c.level3} 启用`}
                  />
                )}
              </Space>
            ),
          },
        ]}
      />
      {synonymsOf && (
        <SynonymsModal
          name={synonymsOf.level3}
          synonyms={synonymsOf.synonyms}
          hint="群众和话务员常说、但分类名称里没有的词，用顿号或逗号隔开。登记时输入这些词（或其拼音首字母）即可找到该分类。"
          placeholder="排水、下水道、井盖"
          save={(words) => categoriesApi.setSynonyms(synonymsOf.id, words, synonymsOf.version)}
          onClose={() => setSynonymsOf(null)}
          onSaved={() => {
            setSynonymsOf(null);
            void reload();
          }}
        />
      )}
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
