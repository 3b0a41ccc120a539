import { DownOutlined, EyeOutlined, HomeFilled } from '@ant-design/icons';
import { App, Button, Dropdown, type MenuProps, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { normalizeViewQuery } from '../../../../src/domain/saved-views';
import { ApiError } from '../../api/client';
import { type SavedView, savedViewsApi } from '../../api/savedViews';
import { useAsync } from '../../lib/useAsync';
import { ManageViewsModal } from './ManageViewsModal';
import { SaveViewModal } from './SaveViewModal';

/**
 * The views menu of the order list: open a saved view (its filters go into the address bar), save
 * the current filters as a view, manage one's views. The list opens on the user's home view when
 * it is opened without filters.
 */
export function SavedViewsMenu() {
  const navigate = useNavigate();
  // The list's filters as the address bar holds them now, as a view would keep them.
  const query = normalizeViewQuery(useLocation().search);
  const { message } = App.useApp();
  const { data, reload } = useAsync(() => savedViewsApi.list(), 'saved-views');
  // The filters to save, read from the address bar when the user asks: a navigation still being
  // rendered (router transitions) may not have reached this component's props yet.
  const [saving, setSaving] = useState<string | null>(null);
  const [managing, setManaging] = useState(false);
  const openedHome = useRef(false);

  const open = (view: SavedView) => navigate({ search: view.query ? `?${view.query}` : '' });

  // Opened without filters: show the home view, once (clearing the filters later stays cleared).
  useEffect(() => {
    if (!data || openedHome.current) return;
    openedHome.current = true;
    const home = data.items.find((v) => v.id === data.homeViewId);
    if (home && query === '') navigate({ search: `?${home.query}` }, { replace: true });
  }, [data, navigate, query]);

  const views = data?.items ?? [];
  const current = views.find((v) => v.query === query);

  const items: MenuProps['items'] = [
    ...views.map((v) => ({
      key: `view-${v.id}`,
      label: `${v.name}${v.shared === 'unit' ? '（共享）' : ''}${v.mine ? '' : ` · ${v.ownerName}`}`,
      icon: v.home ? <HomeFilled aria-label="打开列表时的视图" /> : <EyeOutlined />,
      onClick: () => open(v),
    })),
    ...(views.length ? [{ type: 'divider' as const }] : []),
    {
      key: 'save',
      label: '保存当前筛选为视图…',
      onClick: () => setSaving(normalizeViewQuery(window.location.search)),
    },
    { key: 'manage', label: '管理视图…', disabled: views.length === 0, onClick: () => setManaging(true) },
  ];

  const failed = (e: unknown) => message.error(e instanceof ApiError ? e.message : '操作失败，请重试。');

  return (
    <>
      <Dropdown menu={{ items }} trigger={['click']}>
        <Button aria-label={`视图：${current?.name ?? '未保存的筛选'}`}>
          <Space>
            视图{current ? `：${current.name}` : ''}
            <DownOutlined />
          </Space>
        </Button>
      </Dropdown>
      {saving !== null && (
        <SaveViewModal
          query={saving}
          onClose={() => setSaving(null)}
          onSaved={async (view, asHome) => {
            setSaving(null);
            try {
              if (asHome) await savedViewsApi.setHome(view.id);
              message.success(`已保存视图「${view.name}」`);
            } catch (e) {
              failed(e);
            }
            await reload();
          }}
        />
      )}
      {managing && data && (
        <ManageViewsModal
          views={data}
          query={query}
          reload={reload}
          failed={failed}
          onClose={() => setManaging(false)}
        />
      )}
    </>
  );
}
