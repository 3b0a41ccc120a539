import { Cascader } from 'antd';
import { useMemo } from 'react';
import { matchesSearch } from '../../../../src/domain/search-match';
import { categoriesApi } from '../../api/admin';
import type { OrderQuery } from '../../api/types';
import { type CatNode, categoryTree } from '../../lib/CategoryPicker';
import { useAsync } from '../../lib/useAsync';
import type { OrderFiltersProps } from './OrderFilters';

/**
 * 工单查询's request-category filter: any level (城乡建设, or 城乡建设 / 市政设施, or one category),
 * the same filter the statistics page's drill-down sets (level1, level2, categoryId), so a list
 * reached from a chart shows what narrows it and can be changed or cleared. A file of its own,
 * loaded after the list, like the date filter. Includes categories no longer in use: old orders
 * keep theirs.
 */
export default function CategoryFilter({
  query,
  update,
  width,
}: Pick<OrderFiltersProps, 'update'> & { query: OrderQuery; width: number | string }) {
  const cats = useAsync(() => categoriesApi.list(true), 'categories-all');
  const items = cats.data?.items;
  const tree = useMemo(() => categoryTree(items ?? []), [items]);
  const picked = items?.find((c) => String(c.id) === query.categoryId);
  const value: Array<string | number> = picked
    ? [picked.level1, picked.level2, picked.id]
    : [query.level1, query.level2].filter((v): v is string => Boolean(v));
  return (
    <Cascader<CatNode>
      aria-label="诉求分类"
      placeholder="诉求分类"
      options={tree}
      value={value}
      changeOnSelect
      showSearch={{
        filter: (input, path) =>
          path.some((n) => n.label.includes(input)) || matchesSearch(path.at(-1)?.searchText ?? '', input),
        limit: 50,
      }}
      onChange={(path) => {
        const [level1, level2, id] = (path ?? []) as Array<string | number | undefined>;
        update(
          id !== undefined
            ? { categoryId: String(id), level1: undefined, level2: undefined }
            : {
                level1: level1 as string | undefined,
                level2: level2 as string | undefined,
                categoryId: undefined,
              },
        );
      }}
      style={{ width }}
    />
  );
}
