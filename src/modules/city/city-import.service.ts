import { randomUUID } from 'node:crypto';
import { CategoryRepository } from '../../db/repositories/category.repository.js';
import {
  CityImportRepository,
  type SheetRow,
  type StoredPreview,
} from '../../db/repositories/city-import.repository.js';
import { isUniqueViolation } from '../../db/repositories/idempotency.repository.js';
import { WorkOrderRepository } from '../../db/repositories/work-order.repository.js';
import {
  type Cell,
  type ColumnMapping,
  checkRow,
  cityOwnedChanges,
  headerSignature,
  IMPORT_FIELDS,
  type ImportedOrder,
  type ImportField,
  mappingProblems,
  normalizeHeader,
  type RowCheckContext,
  type RowProblem,
  suggestMapping,
} from '../../domain/city-import.js';
import { formatDeadline } from '../../domain/deadline-text.js';
import { AppRefusal, refuse } from '../../domain/refusal.js';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../../server/context.js';
import { eventActor } from '../work-orders/event-actor.js';
import { WorkOrderService } from '../work-orders/work-order.service.js';
import { cityOrderBody } from './city.schemas.js';
import { recordCityUpdate } from './city-inbound.service.js';
import { readSpreadsheet } from './spreadsheet-reader.js';

/** How long a preview waits for its confirmation; afterwards the file is uploaded again. */
const PREVIEW_TTL_MS = 60 * 60 * 1000;

export type PlannedOutcome = 'create' | 'update' | 'unchanged' | 'refused';

export interface PlannedRow {
  row: number;
  cityOrderNo: string;
  title: string;
  outcome: PlannedOutcome;
  orderCode: string | null;
  /** What an update changes, in words. */
  changes: string | null;
  problems: RowProblem[];
  /** The order as read, for rows to create or update: what the confirmation imports. */
  order: ImportedOrder | null;
}

export interface ImportPlan {
  mappingProblems: string[];
  rows: PlannedRow[];
}

export type RowResultOutcome = 'created' | 'updated' | 'unchanged' | 'refused' | 'failed';
export interface RowResult {
  row: number;
  cityOrderNo: string;
  outcome: RowResultOutcome;
  orderId: number | null;
  orderCode: string | null;
  message: string | null;
}
export type ImportResult = RowResult[];

type Preview = StoredPreview<ImportPlan, ImportResult>;

const count = <T extends string>(items: { outcome: T }[], keys: readonly T[]) =>
  Object.fromEntries(keys.map((k) => [k, items.filter((i) => i.outcome === k).length])) as Record<T, number>;

/** What the office sees of a preview (and, once confirmed, of its result). */
export function presentPreview(p: Preview, mappingSaved: boolean) {
  return {
    id: p.id,
    fileName: p.fileName,
    createdAt: p.createdAt,
    expiresAt: p.expiresAt,
    status: p.status,
    headers: p.headers,
    mapping: Object.fromEntries(IMPORT_FIELDS.map((f) => [f, p.mapping[f] ?? null])) as Record<
      ImportField,
      string | null
    >,
    mappingSaved,
    mappingProblems: p.plan.mappingProblems,
    counts: count(p.plan.rows, ['create', 'update', 'unchanged', 'refused'] as const),
    rows: p.plan.rows.map(({ order: _order, ...r }) => r),
    result: p.result
      ? {
          confirmedAt: p.confirmedAt ?? '',
          counts: count(p.result, ['created', 'updated', 'unchanged', 'refused', 'failed'] as const),
          rows: p.result,
        }
      : null,
  };
}
export type PreviewView = ReturnType<typeof presentPreview>;

/**
 * Importing the city's order export (issue 10, item 6), the office's fallback when the link is
 * down. Upload → a preview stored server-side (each row: create, update, unchanged or refused
 * and why) → the office fixes the column mapping if needed → confirm imports exactly the
 * preview's rows, one transaction per row, through the same registration as the city link.
 * Idempotent by city order number: a file imported twice creates nothing the second time.
 */
export class CityImportService {
  private readonly previews: CityImportRepository;

  constructor(private readonly ctx: AppContext) {
    this.previews = new CityImportRepository(ctx.db.kysely);
  }

  async upload(buffer: Buffer, fileName: string, actor: Actor): Promise<PreviewView> {
    const sheet = await readSpreadsheet(buffer, fileName);
    const now = this.ctx.clock.now();
    await this.previews.deleteExpired(now.toISOString());
    const signature = headerSignature(sheet.headers);
    const saved = (await this.previews.mappingFor(signature)) ?? (await this.previews.latestMapping());
    const mapping = suggestMapping(sheet.headers, saved);
    const preview = {
      id: randomUUID(),
      createdBy: actor.userId,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + PREVIEW_TTL_MS).toISOString(),
      fileName: fileName.slice(0, 200) || '导入文件',
      headers: sheet.headers,
      cells: sheet.rows,
      mapping,
      plan: await this.plan(sheet.headers, sheet.rows, mapping),
    };
    await this.previews.insertPreview(preview);
    return this.view(preview.id, actor);
  }

  async view(id: string, actor: Actor): Promise<PreviewView> {
    const p = await this.load(id, actor);
    const saved = await this.previews.mappingFor(headerSignature(p.headers));
    return presentPreview(p, saved !== null && sameMapping(saved, p.mapping));
  }

  /** Reads the stored rows again with the office's mapping, and saves the mapping for files with these headers. */
  async remap(
    id: string,
    mapping: Partial<Record<ImportField, string | null>>,
    save: boolean,
    actor: Actor,
  ): Promise<PreviewView> {
    const p = await this.openPreview(id, actor);
    const clean: ColumnMapping = {};
    for (const f of IMPORT_FIELDS) {
      const h = mapping[f];
      if (h) clean[f] = h;
    }
    const plan = await this.plan(p.headers, p.cells, clean);
    if (!(await this.previews.replan(id, clean, plan)))
      refuse('state', 'IMPORT_ALREADY_CONFIRMED', '这次导入已经确认，不能再修改列对应关系。');
    if (save) {
      if (plan.mappingProblems.length > 0)
        refuse(
          'invalid',
          'IMPORT_MAPPING_INCOMPLETE',
          `列对应关系不完整，不能保存：${plan.mappingProblems.join('')}`,
        );
      await this.previews.saveMapping({
        signature: headerSignature(p.headers),
        headers: p.headers,
        mapping: clean,
        savedBy: actor.userId,
        savedAt: this.ctx.clock.now().toISOString(),
      });
    }
    return this.view(id, actor);
  }

  /**
   * Imports the previewed rows, each in a transaction of its own: a row that fails now (someone
   * registered the order meanwhile, its deadline has passed) is reported and the others go on.
   * A second confirmation of the same preview answers with the first one's result.
   */
  async confirm(id: string, actor: Actor, ip: string | null): Promise<PreviewView> {
    const p = await this.load(id, actor);
    if (p.status === 'confirmed') return this.view(id, actor);
    this.refuseIfExpired(p);
    if (p.plan.mappingProblems.length > 0)
      refuse('rule', 'IMPORT_MAPPING_INCOMPLETE', `列对应关系不完整：${p.plan.mappingProblems.join('')}`);
    if (!(await this.previews.claim(id)))
      refuse('conflict', 'IMPORT_IN_PROGRESS', '这次导入正在确认中，请稍候刷新查看结果。');
    const result: ImportResult = [];
    for (const row of p.plan.rows) result.push(await this.importRow(row, p.fileName, actor, ip));
    await this.previews.finish(id, this.ctx.clock.now().toISOString(), result);
    return this.view(id, actor);
  }

  private async importRow(
    row: PlannedRow,
    fileName: string,
    actor: Actor,
    ip: string | null,
  ): Promise<RowResult> {
    const base = { row: row.row, cityOrderNo: row.cityOrderNo, orderId: null, orderCode: row.orderCode };
    if (row.outcome === 'unchanged')
      return { ...base, outcome: 'unchanged', message: '已登记，没有市平台变更' };
    if (row.outcome === 'refused' || !row.order)
      return {
        ...base,
        outcome: 'refused',
        message: row.problems.map((x) => `${x.column}：${x.message}`).join('；'),
      };
    const order = row.order;
    try {
      if (row.outcome === 'create') {
        const registered = await new WorkOrderService(this.ctx).register(
          { ...cityOrderBody.parse(order), channel: 'city_platform', confidential: false },
          actor,
          ip,
          { origin: { importedFrom: fileName, importedRow: row.row } },
        );
        const code =
          (await new WorkOrderRepository(this.ctx.db.kysely).findById(registered.id))?.code ?? null;
        return { ...base, outcome: 'created', orderId: registered.id, orderCode: code, message: null };
      }
      return await this.ctx.db.kysely.transaction().execute(async (trx) => {
        const existing = await new WorkOrderRepository(trx).findByCityOrderNo(order.cityOrderNo);
        if (!existing) return { ...base, outcome: 'refused' as const, message: '工单已不存在' };
        const changes = cityOwnedChanges({ cityDeadline: existing.city_deadline }, order);
        if (!changes)
          return {
            ...base,
            outcome: 'unchanged' as const,
            orderId: existing.id,
            message: '市平台期限已是表中的值',
          };
        await recordCityUpdate(
          this.ctx,
          trx,
          existing,
          {
            kind: 'deadline',
            cityDeadline: changes.cityDeadline,
            reason: `由市平台导出表导入（${fileName} 第 ${row.row} 行）`,
          },
          eventActor(actor, ip),
          this.ctx.clock.now(),
        );
        return {
          ...base,
          outcome: 'updated' as const,
          orderId: existing.id,
          orderCode: existing.code,
          message: null,
        };
      });
    } catch (err) {
      if (err instanceof AppRefusal && err.code === 'DUPLICATE_CITY_ORDER')
        return { ...base, outcome: 'unchanged', message: '此前已登记（可能由市平台同时下发）' };
      if (isUniqueViolation(err))
        return { ...base, outcome: 'unchanged', message: '此前已登记（可能由市平台同时下发）' };
      if (err instanceof AppRefusal) return { ...base, outcome: 'refused', message: err.message };
      return {
        ...base,
        outcome: 'failed',
        message: '导入这一行时出错，未登记；可重新上传文件再导入这一行。',
      };
    }
  }

  /** Each row's outcome with this mapping, against the orders Huiyin holds now. */
  private async plan(headers: string[], rows: SheetRow[], mapping: ColumnMapping): Promise<ImportPlan> {
    const problems = mappingProblems(headers, mapping);
    if (problems.length > 0) return { mappingProblems: problems, rows: [] };
    const index = new Map(headers.map((h, i) => [normalizeHeader(h), i] as const));
    const ctx: RowCheckContext = {
      now: this.ctx.clock.now(),
      categories: await new CategoryRepository(this.ctx.db.kysely).active(),
    };
    const checked = rows.map((r) => {
      const cells: Partial<Record<ImportField, Cell>> = {};
      for (const f of IMPORT_FIELDS) {
        const h = mapping[f];
        const i = h === undefined ? undefined : index.get(normalizeHeader(h));
        if (i !== undefined) cells[f] = r.cells[i] ?? null;
      }
      return { n: r.n, result: validate(checkRow(cells, mapping, ctx), mapping) };
    });
    const nos = checked.flatMap((c) => (c.result.ok ? [c.result.order.cityOrderNo] : []));
    const known = new Map(
      (await new WorkOrderRepository(this.ctx.db.kysely).cityOrdersAmong(nos)).map((o) => [
        o.city_order_no,
        o,
      ]),
    );
    const firstRow = new Map<string, number>();
    return {
      mappingProblems: [],
      rows: checked.map(({ n, result }): PlannedRow => {
        if (!result.ok)
          return {
            row: n,
            cityOrderNo: result.cityOrderNo,
            title: result.title,
            outcome: 'refused',
            orderCode: null,
            changes: null,
            problems: result.problems,
            order: null,
          };
        const o = result.order;
        const base = { row: n, cityOrderNo: o.cityOrderNo, title: o.title };
        const earlier = firstRow.get(o.cityOrderNo);
        if (earlier !== undefined)
          return {
            ...base,
            outcome: 'refused',
            orderCode: null,
            changes: null,
            problems: [
              { column: mapping.cityOrderNo ?? '', message: `与第 ${earlier} 行的市平台工单编号重复。` },
            ],
            order: null,
          };
        firstRow.set(o.cityOrderNo, n);
        const existing = known.get(o.cityOrderNo);
        if (!existing)
          return { ...base, outcome: 'create', orderCode: null, changes: null, problems: [], order: o };
        const changes = cityOwnedChanges({ cityDeadline: existing.city_deadline }, o);
        return changes
          ? {
              ...base,
              outcome: 'update',
              orderCode: existing.code,
              changes: `市平台办理期限：${existing.city_deadline ? formatDeadline(existing.city_deadline) : '无'} → ${formatDeadline(changes.cityDeadline)}`,
              problems: [],
              order: o,
            }
          : {
              ...base,
              outcome: 'unchanged',
              orderCode: existing.code,
              changes: null,
              problems: [],
              order: null,
            };
      }),
    };
  }

  /** A preview of this actor's (another user's previews are not theirs to see or confirm). */
  private async load(id: string, actor: Actor): Promise<Preview> {
    const p = await this.previews.findPreview<ImportPlan, ImportResult>(id);
    if (!p || p.createdBy !== actor.userId)
      refuse(
        'not_found',
        'IMPORT_PREVIEW_NOT_FOUND',
        '找不到这次导入的预览，可能已过期被清除，请重新上传文件。',
      );
    return p;
  }

  private async openPreview(id: string, actor: Actor): Promise<Preview> {
    const p = await this.load(id, actor);
    if (p.status !== 'open')
      refuse('state', 'IMPORT_ALREADY_CONFIRMED', '这次导入已经确认，不能再修改列对应关系。');
    this.refuseIfExpired(p);
    return p;
  }

  private refuseIfExpired(p: Preview): void {
    if (Date.parse(p.expiresAt) <= this.ctx.clock.now().getTime())
      refuse('state', 'IMPORT_PREVIEW_EXPIRED', '预览已过期（超过 1 小时未确认），请重新上传文件。');
  }
}

const sameMapping = (a: ColumnMapping, b: ColumnMapping) =>
  IMPORT_FIELDS.every((f) => normalizeHeader(a[f] ?? '') === normalizeHeader(b[f] ?? ''));

/** The row read, checked again as the city's own post would be (phone format, lengths). */
function validate(read: ReturnType<typeof checkRow>, mapping: ColumnMapping): ReturnType<typeof checkRow> {
  if (!read.ok) return read;
  const parsed = cityOrderBody.safeParse(read.order);
  if (parsed.success) return read;
  return {
    ok: false,
    cityOrderNo: read.order.cityOrderNo,
    title: read.order.title,
    problems: parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      const field = (key === 'categoryId' ? 'category' : key) as ImportField;
      return { column: mapping[field] ?? key, message: issue.message };
    }),
  };
}
