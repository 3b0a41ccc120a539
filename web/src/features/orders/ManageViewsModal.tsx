import { Button, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import { type SavedView, type SavedViews, savedViewsApi } from '../../api/savedViews';

/**
 * One's views and the unit's shared ones: set the home view (any), and for one's own views,
 * replace their filters with the current ones or delete them. A change made meanwhile elsewhere
 * is refused by the server (409) and the list is loaded again.
 */
export function ManageViewsModal({
  views,
  query,
  reload,
  failed,
  onClose,
}: {
  views: SavedViews;
  query: string;
  reload: () => Promise<unknown>;
  failed: (e: unknown) => void;
  onClose: () => void;
}) {
  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (e) {
      failed(e);
    }
    await reload();
  };
  return (
    <Modal open title="管理视图" footer={null} onCancel={onClose} width={720}>
      <Table<SavedView>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={views.items}
        columns={[
          {
            title: '名称',
            render: (_, v) => (
              <Space>
                {v.name}
                {v.home && <Tag color="blue">打开时显示</Tag>}
              </Space>
            ),
          },
          {
            title: '共享',
            width: 150,
            render: (_, v) => (v.shared === 'unit' ? `本单位共享 · ${v.ownerName}` : '仅自己'),
          },
          {
            title: '操作',
            width: 300,
            render: (_, v) => (
              <Space wrap>
                <Button
                  size="small"
                  onClick={() => run(() => savedViewsApi.setHome(v.home ? null : v.id))}
                  aria-label={v.home ? `取消打开时显示 ${v.name}` : `打开时显示 ${v.name}`}
                >
                  {v.home ? '取消打开时显示' : '打开时显示'}
                </Button>
                {v.mine && (
                  <Button
                    size="small"
                    onClick={() =>
                      run(() =>
                        savedViewsApi.update(v.id, {
                          name: v.name,
                          shared: v.shared,
                          query,
                          version: v.version,
                        }),
                      )
                    }
                    aria-label={`用当前筛选更新 ${v.name}`}
                  >
                    用当前筛选更新
                  </Button>
                )}
                {v.mine && (
                  <Popconfirm
                    title={`删除视图「${v.name}」？`}
                    okText="删除"
                    onConfirm={() => run(() => savedViewsApi.remove(v))}
                  >
                    <Button size="small" danger aria-label={`删除 ${v.name}`}>
                      删除
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Modal>
  );
}
