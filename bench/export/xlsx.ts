import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Db } from '../../src/db/connection.js';
import { fromJson } from '../../src/db/json.js';
import { toShanghaiIso } from '../../src/domain/time.js';
import {
  CALLBACK_LABELS,
  type CallbackResult,
  ORDER_TYPE_LABELS,
  type OrderState,
  type OrderType,
  SOURCE_LABELS,
  type SourceChannel,
  STATE_LABELS,
  URGENCY_LABELS,
} from '../../src/domain/workflow/index.js';
import { streamWorkbook } from '../../src/modules/statistics/excel.js';

/**
 * A streaming Excel export through the product's writer (`streamWorkbook`, which the export
 * routes use): pages of the orders read by keyset (id > last, so page 500 costs what page 1
 * does) as the zip pulls them, so memory stays flat however many rows. Units and categories are
 * small: joined in memory.
 */
export interface ExportFilter {
  /** Instants, ISO. */
  from: string;
  to: string;
  limit: number;
}

const PAGE = 2000;

const local = (iso: string | null) =>
  iso ? toShanghaiIso(new Date(iso)).slice(0, 16).replace('T', ' ') : '';

export async function exportOrders(
  db: Db,
  filter: ExportFilter,
  file: string,
  onProgress?: (rows: number) => void,
): Promise<number> {
  const k = db.kysely;
  const units = new Map(
    (await k.selectFrom('units').select(['id', 'name']).execute()).map((u) => [u.id, u.name]),
  );
  const categories = new Map(
    (await k.selectFrom('categories').selectAll().execute()).map((c) => [
      c.id,
      `${c.level1}/${c.level2}/${c.level3}`,
    ]),
  );
  const columns: Array<{ header: string; key: string; width: number }> = [
    { header: '工单编号', key: 'code', width: 16 },
    { header: '市平台工单编号', key: 'city', width: 18 },
    { header: '来源', key: 'channel', width: 8 },
    { header: '登记时间', key: 'created', width: 17 },
    { header: '诉求人', key: 'citizen', width: 10 },
    { header: '联系电话', key: 'phone', width: 14 },
    { header: '地址', key: 'address', width: 30 },
    { header: '类型', key: 'type', width: 6 },
    { header: '诉求分类', key: 'category', width: 28 },
    { header: '标题', key: 'title', width: 30 },
    { header: '诉求内容', key: 'content', width: 60 },
    { header: '紧急程度', key: 'urgency', width: 10 },
    { header: '牵头单位', key: 'lead', width: 20 },
    { header: '状态', key: 'state', width: 8 },
    { header: '办理期限', key: 'handleBy', width: 17 },
    { header: '答复时间', key: 'replied', width: 17 },
    { header: '按期答复', key: 'onTime', width: 8 },
    { header: '答复内容(处理结果)', key: 'result', width: 40 },
    { header: '回访结果', key: 'callback', width: 8 },
    { header: '办结时间', key: 'closed', width: 17 },
  ];
  let written = 0;
  async function* pages(): AsyncGenerator<Array<Record<string, string>>> {
    let last = 0;
    while (written < filter.limit) {
      const rows = await k
        .selectFrom('work_orders')
        .select([
          'id',
          'code',
          'city_order_no',
          'channel',
          'created_at',
          'citizen_name',
          'citizen_phone',
          'citizen_address',
          'type',
          'category_id',
          'title',
          'content',
          'urgency',
          'lead_unit_id',
          'state',
          'handle_by',
          'replied_at',
          'reply',
          'last_callback_result',
          'closed_at',
        ])
        .where('id', '>', last)
        .where('created_at', '>=', filter.from)
        .where('created_at', '<', filter.to)
        .orderBy('id')
        .limit(Math.min(PAGE, filter.limit - written))
        .execute();
      if (rows.length === 0) break;
      yield rows.map((r) => ({
        code: r.code,
        city: r.city_order_no ?? '',
        channel: SOURCE_LABELS[r.channel as SourceChannel] ?? r.channel,
        created: local(r.created_at),
        citizen: r.citizen_name,
        phone: r.citizen_phone,
        address: r.citizen_address,
        type: ORDER_TYPE_LABELS[r.type as OrderType] ?? r.type,
        category: r.category_id ? (categories.get(r.category_id) ?? '') : '',
        title: r.title,
        content: r.content,
        urgency: URGENCY_LABELS[r.urgency as keyof typeof URGENCY_LABELS] ?? r.urgency,
        lead: r.lead_unit_id ? (units.get(r.lead_unit_id) ?? '') : '',
        state: STATE_LABELS[r.state as OrderState] ?? r.state,
        handleBy: local(r.handle_by),
        replied: local(r.replied_at),
        onTime: r.replied_at && r.handle_by ? (r.replied_at <= r.handle_by ? '是' : '否') : '',
        result: fromJson<{ result?: string }>(r.reply)?.result ?? '',
        callback: r.last_callback_result ? CALLBACK_LABELS[r.last_callback_result as CallbackResult] : '',
        closed: local(r.closed_at),
      }));
      written += rows.length;
      last = (rows[rows.length - 1] as (typeof rows)[number]).id;
      onProgress?.(written);
    }
  }
  const sheet = {
    name: '工单',
    rows: pages(),
    columns: columns.map((c) => ({
      header: c.header,
      width: c.width,
      value: (r: Record<string, string>) => r[c.key],
    })),
  };
  await pipeline(streamWorkbook([sheet]), createWriteStream(file));
  return written;
}
