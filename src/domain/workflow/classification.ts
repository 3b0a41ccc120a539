import { AppRefusal } from '../refusal.js';
import type { CategoryChoice, CommandOf } from './commands.js';
import { type Effect, invalid, one } from './effect.js';
import type { CategoryNamed } from './event-payloads.js';
import type { OrderSnapshot } from './order-snapshot.js';

// An order's request category (诉求分类): chosen at registration, at dispatch when it had none,
// and set or corrected by the office at any time after (改分类). The figures by category read it.

/** 「城乡建设 / 市政设施 / 路灯」: a category as the office reads it. */
export const categoryPath = (c: CategoryNamed) => `${c.level1} / ${c.level2} / ${c.level3}`;

/** The category chosen, if an order may be given it: one that exists and is still in use. */
export function usableCategory(choice: CategoryChoice): CategoryNamed {
  const c = choice.found;
  if (!c) return invalid('CATEGORY_NOT_FOUND', '所选诉求分类不存在。', { categoryId: choice.id });
  if (!c.active)
    return invalid('CATEGORY_DISABLED', `诉求分类「${categoryPath(c)}」已停用，请选择在用的分类。`, {
      categoryId: c.id,
    });
  return { id: c.id, level1: c.level1, level2: c.level2, level3: c.level3 };
}

/**
 * 改分类: the office sets the category of an order registered without one, or corrects it, with
 * an optional reason; the timeline records from which category to which.
 */
export function reclassify(order: OrderSnapshot, command: CommandOf<'reclassify'>): Effect {
  const to = usableCategory(command.category);
  const from = order.category ?? null;
  if (from?.id === to.id)
    invalid('CATEGORY_UNCHANGED', `本工单的诉求分类已是「${categoryPath(to)}」，不用修改。`, {
      categoryId: to.id,
    });
  const reason = command.reason?.trim() || null;
  return { patch: { categoryId: to.id }, events: one('reclassified', { from, to, reason }) };
}

/**
 * The category a dispatch gives an order registered without one (recorded with the dispatch), or
 * null when it gives none. The dispatch only fills a missing category: choosing the one the order
 * has changes nothing, another is a correction, made (with its reason) by 改分类.
 */
export function categoryAtDispatch(
  order: OrderSnapshot,
  choice: CategoryChoice | null | undefined,
): CategoryNamed | null {
  if (!choice) return null;
  const chosen = usableCategory(choice);
  const current = order.category ?? null;
  if (!current) return chosen;
  if (current.id === chosen.id) return null;
  throw new AppRefusal(
    'CATEGORY_ALREADY_SET',
    `本工单已有诉求分类「${categoryPath(current)}」；派发时只能为尚未分类的工单选择分类，更正分类请用「改分类」。`,
    { categoryId: current.id },
    'rule',
  );
}
