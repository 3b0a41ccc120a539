import { Button, Typography } from 'antd';
import type { DispatchSuggestions } from '../../api/assistant';
import type { CategoryPath } from '../../lib/CategoryPicker';

export const pct = (c: number) => `${Math.round(c * 100)}%`;

/**
 * The assistant's likeliest request categories as buttons: a click, or Alt+Shift+1…3 from
 * anywhere in the form (formKeys.ts), puts that category in the picker, where it can still be
 * changed.
 */
export function CategoryChoices({
  categories,
  onPick,
}: {
  categories: DispatchSuggestions['categories'];
  onPick: (value: CategoryPath) => void;
}) {
  return categories.map((c, i) => (
    <Button
      key={c.categoryId}
      size="small"
      data-suggestion="category"
      aria-keyshortcuts={`Alt+Shift+${i + 1}`}
      aria-label={`采用推荐分类 ${c.path.join(' / ')}（${pct(c.confidence)}）`}
      onClick={() => onPick([c.path[0], c.path[1], c.categoryId])}
    >
      {c.path.join(' / ')} <Typography.Text type="secondary">{pct(c.confidence)}</Typography.Text>
    </Button>
  ));
}
