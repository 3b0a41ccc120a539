import type { Kysely } from 'kysely';
import { StatisticsRepository } from '../../db/repositories/statistics.repository.js';
import type { Database, WorkOrderRow } from '../../db/schema.js';
import { formatDeadline } from '../../domain/deadline-text.js';
import { type OrderScope, orderScope } from '../../domain/policy.js';
import type { Actor } from '../../domain/roles.js';
import { toShanghaiIso } from '../../domain/time.js';
import {
  ORDER_TYPE_LABELS,
  type OrderState,
  type OrderType,
  SOURCE_LABELS,
  type SourceChannel,
  STATE_LABELS,
  URGENCY_LABELS,
} from '../../domain/workflow/index.js';
import type { EscalationRuleSettings } from '../../domain/workflow/supervision.js';
import { mayReadContacts, type PresentedCitizen, presentCitizen } from '../work-orders/citizen-presenter.js';
import { filtered, scoped, storedDeadlineStatus } from '../work-orders/work-order.queries.js';
import type { ListQuery } from '../work-orders/work-order.schemas.js';
import type { SheetSpec } from './excel.js';

type ExportRow = WorkOrderRow & {
  lead_name: string | null;
  township_name: string | null;
  level1: string | null;
  level2: string | null;
  level3: string | null;
  /** The caller as the exporting user may see them (citizen-presenter.ts). */
  citizen: PresentedCitizen;
};

const BATCH = 1000;

/** The orders a list shows (same scope and filters), in batches by id, for a flat-memory export. */
async function* batches(
  db: Kysely<Database>,
  actor: Actor,
  f: ListQuery,
  now: Date,
  escalation: EscalationRuleSettings,
): AsyncIterable<ExportRow[]> {
  const scope: OrderScope = orderScope(actor);
  const readsContacts = mayReadContacts(actor);
  const repo = new StatisticsRepository(db);
  let after = 0;
  for (;;) {
    const rows = await repo.exportBatch(
      (q) => filtered(db, scoped(q, scope), f, scope, now.toISOString(), readsContacts, escalation),
      after,
      BATCH,
    );
    if (rows.length === 0) return;
    yield rows.map((r) => ({ ...r, citizen: presentCitizen(actor, r) }));
    after = rows[rows.length - 1]?.id ?? after;
    if (rows.length < BATCH) return;
  }
}

const local = (iso: string | null) =>
  iso ? toShanghaiIso(new Date(iso)).slice(0, 16).replace('T', ' ') : '';
const STATUS = { ok: '正常', due_soon: '预警', overdue: '超期' } as const;

export function orderSheet(
  db: Kysely<Database>,
  actor: Actor,
  f: ListQuery,
  now: Date,
  escalation: EscalationRuleSettings,
): SheetSpec<ExportRow> {
  return {
    name: '工单',
    rows: batches(db, actor, f, now, escalation),
    columns: [
      { header: '工单编号', width: 18, value: (r) => r.code },
      { header: '市平台编号', width: 18, value: (r) => r.city_order_no },
      { header: '来源', value: (r) => SOURCE_LABELS[r.channel as SourceChannel] },
      { header: '类型', value: (r) => ORDER_TYPE_LABELS[r.type as OrderType] },
      { header: '紧急程度', value: (r) => URGENCY_LABELS[r.urgency as keyof typeof URGENCY_LABELS] },
      { header: '标题', width: 30, value: (r) => r.citizen.text(r.title) },
      { header: '诉求内容', width: 60, value: (r) => r.citizen.text(r.content) },
      { header: '来电人', value: (r) => r.citizen.name },
      { header: '联系电话', value: (r) => r.citizen.phone },
      { header: '地址', width: 24, value: (r) => r.citizen.address },
      { header: '乡镇', value: (r) => r.township_name },
      { header: '一级分类', value: (r) => r.level1 },
      { header: '二级分类', value: (r) => r.level2 },
      { header: '三级分类', value: (r) => r.level3 },
      { header: '状态', value: (r) => STATE_LABELS[r.state as OrderState] },
      { header: '牵头单位', width: 22, value: (r) => r.lead_name },
      { header: '登记时间', width: 17, value: (r) => local(r.created_at) },
      { header: '派发时间', width: 17, value: (r) => local(r.dispatched_at) },
      { header: '办理期限', width: 17, value: (r) => formatDeadline(r.handle_by) },
      {
        header: '时限状态',
        value: (r) => {
          const s = storedDeadlineStatus(r, now);
          return s ? STATUS[s] : '';
        },
      },
      { header: '答复时间', width: 17, value: (r) => local(r.replied_at) },
      { header: '办结时间', width: 17, value: (r) => local(r.closed_at) },
      { header: '重办次数', value: (r) => r.redo_count },
      { header: '延期次数', value: (r) => r.extension_count },
      { header: '催办次数', value: (r) => r.urge_count },
      {
        header: '回访结果',
        value: (r) =>
          ({
            satisfied: '满意',
            basically_satisfied: '基本满意',
            unsatisfied: '不满意',
            unreachable: '联系不上',
          })[r.last_callback_result ?? ''] ?? '',
      },
    ],
  };
}
