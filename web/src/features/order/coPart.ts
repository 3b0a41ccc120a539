import type { OrderDetail } from '../../api/types';
import type { Badge } from '../orders/badges';

/** A unit's own part in an order it assists with (协办), when it is not also the lead. */
export type CoPart = OrderDetail['assignments'][number] & { role: 'co' };

/**
 * The viewer's co-unit part, if their unit assists with the order. The order's own state and its
 * sign-for and return clocks are the lead's: a co-unit reads its part from this instead (the tester
 * read the lead's 「待签收」 as its own after giving its opinion).
 */
export function coPartOf(order: OrderDetail, unitId: number | null): CoPart | null {
  if (unitId === null) return null;
  const mine = order.assignments.filter((a) => a.active && a.unitId === unitId);
  if (mine.some((a) => a.role === 'lead')) return null;
  return (mine.find((a) => a.role === 'co') as CoPart | undefined) ?? null;
}

/** What the co-unit still owes: its signature, then its opinion; then nothing. */
export function coPartBadge(part: CoPart): Badge {
  if (!part.signedAt) return { label: '本单位协办：待签收', color: 'orange' };
  if (!part.opinionAt) return { label: '本单位协办：待提意见', color: 'processing' };
  return {
    label: '本单位协办：已提意见',
    color: 'success',
    title: '本单位的协办已完成，工单由牵头单位继续办理',
  };
}
