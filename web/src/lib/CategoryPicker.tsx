import { Cascader } from 'antd';
import { useMemo } from 'react';
import { matchesSearch } from '../../../src/domain/search-match';
import { categoriesApi } from '../api/admin';
import type { Category } from '../api/types';
import { useAsync } from './useAsync';

export interface CatNode {
  value: string | number;
  label: string;
  children?: CatNode[];
  searchText?: string;
}

/** The three-level tree of the categories in use; the leaves carry the category's id. */
export function categoryTree(items: Category[]): CatNode[] {
  const roots: CatNode[] = [];
  const find = (list: CatNode[], label: string) => {
    let n = list.find((x) => x.label === label);
    if (!n) {
      n = { value: label, label, children: [] };
      list.push(n);
    }
    return n;
  };
  for (const c of items) {
    const l1 = find(roots, c.level1);
    const l2 = find(l1.children as CatNode[], c.level2);
    (l2.children as CatNode[]).push({ value: c.id, label: c.level3, searchText: c.searchText });
  }
  return roots;
}

/** A category as the picker holds it: its first two levels' names, then its id. */
export type CategoryPath = Array<string | number>;

/** The category id of a picked path (the leaf's), or null when none is picked. */
export const pickedCategoryId = (path: unknown): number | null =>
  Array.isArray(path) && typeof path[2] === 'number' ? path[2] : null;

/** The picker's value for a category the order has. */
export const categoryPathOf = (c: { id: number; level1: string; level2: string }): CategoryPath => [
  c.level1,
  c.level2,
  c.id,
];

/**
 * The request category (诉求分类) picker of the registration form, the dispatch form and 改分类:
 * three levels, searched by any level, the office's synonyms, pinyin initials or full pinyin
 * (「ps」 → 排水). A form control: Form.Item gives it its value and onChange.
 */
export function CategoryPicker(props: {
  id?: string;
  value?: CategoryPath;
  onChange?: (value: CategoryPath) => void;
}) {
  const cats = useAsync(() => categoriesApi.list(), 'categories');
  const tree = useMemo(() => categoryTree(cats.data?.items ?? []), [cats.data]);
  return (
    <Cascader
      {...props}
      options={tree}
      showSearch={{
        filter: (input, path) => matchesSearch(path.at(-1)?.searchText ?? '', input),
        limit: 50,
      }}
      placeholder="选择或输入关键词"
      aria-label="诉求分类"
    />
  );
}
