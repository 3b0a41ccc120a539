import type { WorkOrderRow } from '../../db/schema.js';
import { AppRefusal, refuse } from '../../domain/refusal.js';

/** Another unit's order is "not there": the same answer as an order that does not exist. */
export const notFound = (): never =>
  refuse('not_found', 'ORDER_NOT_FOUND', '工单不存在，或不在您的办理范围内。');

export function staleVersion(row: WorkOrderRow): AppRefusal {
  return new AppRefusal(
    'VERSION_CONFLICT',
    '工单已被他人修改，您看到的不是最新内容。请刷新页面后再操作（已填写的内容会保留）。',
    { currentVersion: row.version },
    'conflict',
  );
}
