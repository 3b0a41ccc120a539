import { Alert, Button, Space, Tag } from 'antd';
import { useSearchParams } from 'react-router';
import { categoriesApi } from '../../api/admin';
import { api } from '../../api/client';
import type { Category } from '../../api/types';
import { useAsync } from '../../lib/useAsync';

const KEYS = { level1: '一级分类', level2: '二级分类', categoryId: '分类', townshipUnitId: '乡镇' } as const;

/** Filters a dashboard link set that the list's own filter bar does not show, with a way to drop them. */
export function DrillFilters() {
  const [params, setParams] = useSearchParams();
  const present = (Object.keys(KEYS) as Array<keyof typeof KEYS>).filter((k) => params.get(k));
  const township = params.get('townshipUnitId');
  const category = params.get('categoryId');
  const units = useAsync(
    () =>
      township
        ? api.get<{ items: Array<{ id: number; name: string }> }>('/api/units')
        : Promise.resolve({ items: [] }),
    township ?? '',
  );
  const categories = useAsync(
    () => (category ? categoriesApi.list(true) : Promise.resolve({ items: [] as Category[] })),
    category ?? '',
  );
  if (present.length === 0) return null;
  const value = (k: keyof typeof KEYS) => {
    const v = params.get(k) ?? '';
    if (k === 'townshipUnitId') return units.data?.items.find((u) => String(u.id) === v)?.name ?? v;
    if (k === 'categoryId') {
      const c = categories.data?.items.find((x) => String(x.id) === v);
      return c ? [c.level1, c.level2, c.level3].filter(Boolean).join(' / ') : v;
    }
    return v;
  };
  return (
    <Alert
      type="info"
      style={{ marginBottom: 12 }}
      title={
        <Space wrap size={4}>
          来自统计分析的筛选：
          {present.map((k) => (
            <Tag key={k}>
              {KEYS[k]}：{value(k)}
            </Tag>
          ))}
        </Space>
      }
      action={
        <Button
          size="small"
          onClick={() =>
            setParams(() => {
              const p = new URLSearchParams(window.location.search);
              for (const k of Object.keys(KEYS)) p.delete(k);
              p.delete('page');
              return p;
            })
          }
        >
          清除
        </Button>
      }
    />
  );
}
