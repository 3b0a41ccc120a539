import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { AttachmentRepository } from '../../db/repositories/attachment.repository.js';
import { KnowledgeRepository } from '../../db/repositories/knowledge.repository.js';
import { UnitRepository } from '../../db/repositories/unit.repository.js';
import { toSnapshot } from '../../db/repositories/work-order.mapping.js';
import { type EventActor, WorkOrderRepository } from '../../db/repositories/work-order.repository.js';
import { type KnownUnit, type WholeOrder, wholeAfter } from '../../db/repositories/work-order.whole.js';
import type { Database, WorkOrderRow } from '../../db/schema.js';
import { checkProof, type ProofRequirement, proofAlreadyUsed } from '../../domain/attachment-purpose.js';
import { CalendarYearMissing, type WorkingCalendar } from '../../domain/calendar.js';
import type { Urgency } from '../../domain/deadlines.js';
import type { NoticeFacts } from '../../domain/notification-policy.js';
import { type DispatchSettings, dispatchClock } from '../../domain/office-clock.js';
import { can, type OrderSubject } from '../../domain/policy.js';
import { AppRefusal, refuse } from '../../domain/refusal.js';
import { placeKey } from '../../domain/repeats.js';
import type { Actor, UnitKind } from '../../domain/roles.js';
import { shanghaiDate } from '../../domain/time.js';
import {
  type Action,
  type Command,
  checkPreconditions,
  decide,
  type OrderSnapshot,
  type WorkflowContext,
} from '../../domain/workflow/index.js';
import type { AppContext } from '../../server/context.js';
import { queueCityResults } from '../city/city-results.js';
import { citationOf } from '../knowledge/knowledge.service.js';
import { Notifier } from '../notifications/notifier.js';
import { ClusterService } from '../repeats/clusters.service.js';
import { recordUrges } from './side-records.js';
import type { ACTION_BODIES, RegisterInput } from './work-order.schemas.js';

export type NewOrderInput = Omit<
  RegisterInput,
  'townshipUnitId' | 'leaderInstruction' | 'channel' | 'confidential'
> &
  Partial<Pick<RegisterInput, 'townshipUnitId' | 'leaderInstruction' | 'confidential'>> & {
    channel: RegisterInput['channel'];
  };

/** What the office's dispatch clock of a new order is computed from (read before the transaction). */
export interface OfficeClockLimits {
  calendar: WorkingCalendar;
  settings: DispatchSettings;
}

export async function officeClockLimits(ctx: AppContext): Promise<OfficeClockLimits> {
  return { calendar: await ctx.calendar.calendar(), settings: await ctx.settings.timeLimits() };
}

/** The dispatch deadline of an order received at `now`; none when the calendar lacks the year (never refuse an order for that). */
function officeClockOf(limits: OfficeClockLimits, now: Date, urgency: Urgency) {
  try {
    const c = dispatchClock(limits.calendar, limits.settings, now, urgency);
    return { dispatch_by: c.dispatchBy.toISOString(), dispatch_warn_at: c.dispatchWarnAt.toISOString() };
  } catch (e) {
    if (e instanceof CalendarYearMissing) return {};
    throw e;
  }
}

/**
 * Writes a new order and its 'registered' event in the caller's transaction (the office's form,
 * the city link and the spreadsheet import all register through here). Inputs are checked already.
 * The office's dispatch clock (第一时间分发) starts at receipt.
 */
export async function insertOrder(
  repo: WorkOrderRepository,
  input: NewOrderInput,
  actor: EventActor,
  registeredBy: number | null,
  now: Date,
  limits: OfficeClockLimits,
  /** Where the order came from beyond its channel, for the timeline (e.g. the spreadsheet import's file and row). */
  origin?: Record<string, unknown>,
): Promise<number> {
  const day = shanghaiDate(now).replaceAll('-', '');
  const seq = await repo.nextInSequence(`order:${day}`);
  const code = `HY${day}${String(seq).padStart(4, '0')}`;
  const at = now.toISOString();
  const id = await repo.insert({
    code,
    city_order_no: input.cityOrderNo ?? null,
    channel: input.channel,
    citizen_name: input.citizenName,
    citizen_phone: input.citizenPhone,
    citizen_address: input.citizenAddress ?? '',
    township_unit_id: input.townshipUnitId ?? null,
    category_id: input.categoryId ?? null,
    type: input.type,
    title: input.title,
    content: input.content,
    urgency: input.urgency,
    leader_instruction: input.leaderInstruction?.trim() || null,
    leader_deadline: null,
    needs_citizen_reply: input.needsCitizenReply ? 1 : 0,
    city_deadline: input.cityDeadline ? new Date(input.cityDeadline).toISOString() : null,
    state: 'pending_dispatch',
    version: 1,
    registered_by: registeredBy,
    created_at: at,
    updated_at: at,
    created_day: shanghaiDate(now),
    place_key: placeKey(input.citizenAddress ?? ''),
    confidential: input.confidential ? 1 : 0,
    ...officeClockOf(limits, now, input.urgency),
  });
  await repo.addEvent(
    id,
    'registered',
    actor,
    now,
    { channel: input.channel, code, ...origin },
    { from: null, to: 'pending_dispatch' },
  );
  return id;
}

export type ActionBody<A extends Action> = z.infer<(typeof ACTION_BODIES)[A]>;

const notFound = (): never => refuse('not_found', 'ORDER_NOT_FOUND', '工单不存在,或不在您的办理范围内。');

/**
 * The use cases of a work order. Each action: load → authorize (visibility) → check the
 * version → apply the pure workflow rule → write state and timeline in one transaction.
 */
export class WorkOrderService {
  private readonly orders: WorkOrderRepository;

  private readonly notifier: Notifier;

  private readonly clusters: ClusterService;

  constructor(private readonly ctx: AppContext) {
    this.orders = new WorkOrderRepository(ctx.db.kysely);
    this.notifier = new Notifier(ctx.settings);
    this.clusters = new ClusterService(ctx.settings);
  }

  async workflowContext(actor: Actor): Promise<WorkflowContext> {
    return {
      actor,
      now: this.ctx.clock.now(),
      calendar: await this.ctx.calendar.calendar(),
      settings: await this.ctx.settings.timeLimits(),
    };
  }

  /** Loads an order the actor may see, or refuses with 404 (another unit's order is "not there"). */
  async loadVisible(
    id: number,
    actor: Actor,
    repo = this.orders,
  ): Promise<{ row: WorkOrderRow; snapshot: OrderSnapshot; subject: OrderSubject }> {
    const found = await repo.findWithSignOffMode(id);
    if (!found) return notFound();
    const units = await repo.assignments(id);
    const subject = visibleTo(actor, found.row, units);
    return { row: found.row, snapshot: toSnapshot(found.row, units, found.signOffMode), subject };
  }

  /** As `loadVisible`, with everything the order's page shows, in one statement. */
  async loadWholeVisible(id: number, actor: Actor, repo = this.orders): Promise<VisibleOrder> {
    const whole = await repo.whole(id);
    if (!whole) return notFound();
    return visibleWhole(whole, actor);
  }

  /**
   * Registers an order, in a transaction of its own or in the caller's (the city poll stores a
   * page of orders and its cursor together).
   */
  async register(
    input: RegisterInput,
    actor: Actor,
    ip: string | null,
    inTransaction?: Transaction<Database>,
    origin?: Record<string, unknown>,
  ): Promise<{ id: number; duplicate: boolean }> {
    if (input.channel === 'city_platform' && !input.cityOrderNo) {
      refuse('invalid', 'CITY_ORDER_NO_REQUIRED', '来自市级平台的工单须填写市平台工单编号。');
    }
    if (input.urgency === 'leader' && !input.leaderInstruction?.trim()) {
      refuse('invalid', 'LEADER_INSTRUCTION_REQUIRED', '领导批示件须填写领导批示内容。');
    }
    const now = this.ctx.clock.now();
    if (input.cityDeadline && new Date(input.cityDeadline).getTime() <= now.getTime()) {
      refuse('invalid', 'CITY_DEADLINE_PASSED', '市平台办理期限早于现在,请核对。');
    }
    const kysely = inTransaction ?? this.ctx.db.kysely;
    const limits = await officeClockLimits(this.ctx);
    if (input.townshipUnitId) await this.requireUnit(kysely, input.townshipUnitId, ['township'], '所属乡镇');
    if (input.categoryId && !(await new WorkOrderRepository(kysely).categoryExists(input.categoryId))) {
      refuse('invalid', 'CATEGORY_NOT_FOUND', '所选诉求分类不存在。');
    }
    const write = async (trx: Transaction<Database>) => {
      const repo = this.orders.with(trx);
      if (input.cityOrderNo) {
        const existing = await repo.findByCityOrderNo(input.cityOrderNo);
        if (existing) {
          // (The city's own resends come through its API route, which answers with the same order.)
          refuse(
            'conflict',
            'DUPLICATE_CITY_ORDER',
            `市平台工单 ${input.cityOrderNo} 已登记为 ${existing.code},请勿重复登记。`,
            {
              id: existing.id,
              code: existing.code,
            },
          );
        }
      }
      const id = await insertOrder(repo, input, eventActor(actor, ip), actor.userId, now, limits, origin);
      const registered = await repo.findById(id);
      if (registered) await this.clusters.onRegistered(trx, registered, eventActor(actor, ip), now);
      return { id, duplicate: false };
    };
    return inTransaction ? write(inTransaction) : this.ctx.db.kysely.transaction().execute(write);
  }

  /**
   * Performs one workflow action in one transaction; a stale version is refused with 409.
   * Reads the whole order once, writes the decision, and returns the order as it now stands,
   * built from what it read and wrote (read again only when a name it needs is new to it).
   */
  async perform<A extends Action>(
    id: number,
    action: A,
    body: ActionBody<A>,
    actor: Actor,
    ip: string | null,
  ): Promise<VisibleOrder> {
    const wctx = await this.workflowContext(actor);
    const after = await this.ctx.db.kysely.transaction().execute(async (trx) => {
      const repo = this.orders.with(trx);
      const { whole, snapshot } = await this.loadWholeVisible(id, actor, repo);
      const { row } = whole;
      if (row.version !== body.version) throw staleVersion(row);
      // Who, from which state, within which window: refused before the input is looked up.
      checkPreconditions(snapshot, action, wctx);
      const known = new Map<number, KnownUnit>();
      const command = await this.toCommand(trx, row, action, body, actor, known);
      const decision = decide(snapshot, command, wctx);
      const written = await repo.applyDecision(
        id,
        row.version,
        decision,
        eventActor(actor, ip),
        wctx.now,
        row.lead_unit_id,
        whole.assignments.some((a) => a.active === 1),
      );
      if (!written) throw staleVersion(row);
      await recordUrges(trx, id, decision.events, actor.userId, wctx.now);
      await queueCityResults(trx, row, decision.events, decision.to, wctx.now);
      const now = wholeAfter(whole, written, known) ?? (await repo.whole(id));
      if (!now) throw new Error(`order ${id} vanished inside its own transaction`);
      await this.notifier.forEvents(trx, id, noticeFactsOf(now), decision.events, wctx.now);
      return now;
    });
    // The actor may no longer see the order (a unit that returned it): then the answer is 404, as a read would be.
    return visibleWhole(after, actor);
  }

  /** Turns an API body into the workflow's command, resolving what only the database knows. */
  private async toCommand(
    trx: Transaction<Database>,
    row: WorkOrderRow,
    action: Action,
    body: ActionBody<Action>,
    actor: Actor,
    /** The units the command names, as looked up: the answer is built with their names. */
    known: Map<number, KnownUnit>,
  ): Promise<Command> {
    const b = body as Record<string, unknown>;
    switch (action) {
      case 'dispatch': {
        const d = body as ActionBody<'dispatch'>;
        await this.requireUnits(
          trx,
          [
            { id: d.leadUnitId, what: '牵头单位' },
            ...d.coUnitIds.map((unitId) => ({ id: unitId, what: '协办单位' })),
          ],
          known,
        );
        return {
          action,
          leadUnitId: d.leadUnitId,
          coUnitIds: d.coUnitIds,
          urgency: d.urgency,
          leaderDeadline: d.leaderDeadline ? new Date(d.leaderDeadline) : null,
          note: d.note,
        };
      }
      case 'addCoUnit': {
        const a = body as ActionBody<'addCoUnit'>;
        await this.requireUnits(trx, [{ id: a.unitId, what: '协办单位' }], known);
        return { action, unitId: a.unitId, note: a.note };
      }
      case 'requestExtension': {
        const e = body as ActionBody<'requestExtension'>;
        await requireProof(
          trx,
          e.scanAttachmentId,
          {
            purpose: 'extension_scan',
            orderId: row.id,
            unitId: actor.unitId,
          },
          `requestExtension@${this.ctx.clock.now().toISOString()}`,
        );
        return { ...e, action, requestedDeadline: new Date(e.requestedDeadline) };
      }
      case 'reply': {
        const r = body as ActionBody<'reply'>;
        // The scan backs a typed issuer; a unit signing off in Huiyin is refused before this (SIGN_OFF_REQUIRED).
        if (r.issuerScanAttachmentId)
          await requireProof(
            trx,
            r.issuerScanAttachmentId,
            { purpose: 'signed_reply', orderId: row.id, unitId: actor.unitId },
            `reply@${this.ctx.clock.now().toISOString()}`,
          );
        return { action, reply: r.reply, issuerScanAttachmentId: r.issuerScanAttachmentId ?? null };
      }
      case 'approveExtension': {
        const e = body as ActionBody<'approveExtension'>;
        return { action, newDeadline: e.newDeadline ? new Date(e.newDeadline) : null, opinion: e.opinion };
      }
      case 'recordFaxReply': {
        const f = body as ActionBody<'recordFaxReply'>;
        await requireProof(
          trx,
          f.scanAttachmentId,
          { purpose: 'fax_reply', orderId: row.id },
          `recordFaxReply@${this.ctx.clock.now().toISOString()}`,
        );
        return {
          action,
          reply: f.reply,
          scanAttachmentId: f.scanAttachmentId,
          faxReceivedAt: new Date(f.faxReceivedAt),
        };
      }
      case 'recordPhoneSupervision': {
        const p = body as ActionBody<'recordPhoneSupervision'>;
        return { ...p, action, calledAt: new Date(p.calledAt) };
      }
      case 'merge': {
        const m = body as ActionBody<'merge'>;
        const target = await new WorkOrderRepository(trx).findByCode(m.intoCode.trim());
        if (!target || target.state === 'voided') {
          refuse('invalid', 'MERGE_TARGET_INVALID', `要合并到的工单 ${m.intoCode} 不存在或已作废。`);
        }
        return { action, intoOrderId: target.id, reason: m.reason };
      }
      case 'linkRepeat': {
        const l = body as ActionBody<'linkRepeat'>;
        const target = await new WorkOrderRepository(trx).findByCode(l.repeatOfCode.trim());
        if (!target || target.state === 'voided') {
          refuse('invalid', 'REPEAT_TARGET_INVALID', `所重复的工单 ${l.repeatOfCode} 不存在或已作废。`);
        }
        return { action, repeatOfId: target.id, repeatOfCode: target.code };
      }
      case 'answerOnSpot': {
        const a = body as ActionBody<'answerOnSpot'>;
        const cited = await new KnowledgeRepository(trx).version(a.knowledgeVersionId);
        return { action, citation: cited ? citationOf(cited) : null, answer: a.answer };
      }
      default:
        return { ...b, action } as Command;
    }
  }

  /** Handling units (departments, townships) the action names, checked in order in one statement. */
  private async requireUnits(
    trx: Transaction<Database>,
    wanted: Array<{ id: number; what: string }>,
    known: Map<number, KnownUnit>,
  ): Promise<void> {
    const found = new Map(
      (await this.orders.with(trx).unitsByIds(wanted.map((w) => w.id))).map((u) => [u.id, u]),
    );
    for (const { id, what } of wanted) {
      const unit = found.get(id);
      checkUnit(unit, ['department', 'township'], what);
      if (unit) known.set(id, { name: unit.name, sign_off_mode: unit.sign_off_mode });
    }
  }

  private async requireUnit(
    db: Transaction<Database> | AppContext['db']['kysely'],
    id: number,
    kinds: UnitKind[],
    what: string,
  ) {
    const unit = await new UnitRepository(db).find(id);
    checkUnit(unit, kinds, what);
    return unit;
  }
}

/** A unit an order may be given to: there, active, and of the right kind. */
function checkUnit(
  unit: { kind: string; active: number; name: string } | undefined,
  kinds: UnitKind[],
  what: string,
): asserts unit is { kind: string; active: number; name: string } {
  if (unit?.active !== 1) refuse('invalid', 'UNIT_NOT_FOUND', `${what}不存在或已停用。`);
  if (!kinds.includes(unit.kind as UnitKind)) {
    refuse('invalid', 'UNIT_KIND_INVALID', `「${unit.name}」不能作为${what}。`);
  }
}

/** Whether the actor may see the order, from its assignments; refuses with 404 otherwise. */
function visibleTo(
  actor: Actor,
  row: WorkOrderRow,
  units: ReadonlyArray<{ unit_id: number; active: number; returned_at: string | null }>,
): OrderSubject {
  // A co-unit that returned its part still reads what it returned (it can no longer act on it).
  const activeUnitIds = units.filter((u) => u.active === 1 || u.returned_at !== null).map((u) => u.unit_id);
  const subject: OrderSubject = { kind: 'order', channel: row.channel, activeUnitIds };
  if (!can(actor, 'workOrder.read', subject)) return notFound();
  return subject;
}

/** An order the actor may see, whole, with its workflow snapshot and its subject for the policy. */
export interface VisibleOrder {
  whole: WholeOrder;
  snapshot: OrderSnapshot;
  subject: OrderSubject;
}

function visibleWhole(whole: WholeOrder, actor: Actor): VisibleOrder {
  const subject = visibleTo(actor, whole.row, whole.assignments);
  const snapshot = toSnapshot(whole.row, whole.assignments, whole.leadSignOffMode ?? 'leader');
  return { whole, snapshot, subject };
}

/** What notices need to know about the order as it stands after the action. */
function noticeFactsOf(whole: WholeOrder): NoticeFacts {
  return {
    code: whole.row.code,
    title: whole.row.title,
    leadUnitId: whole.row.lead_unit_id,
    coUnitIds: whole.assignments.filter((a) => a.active === 1 && a.role === 'co').map((a) => a.unit_id),
  };
}

/**
 * Checks that a file proves what the step needs (its purpose, order and uploader) and binds it
 * to this request in the same transaction, so it proves no later one.
 */
async function requireProof(
  trx: Transaction<Database>,
  attachmentId: number,
  need: ProofRequirement,
  request: string,
) {
  const files = new AttachmentRepository(trx);
  checkProof(await files.facts(attachmentId), need);
  if (!(await files.bind(attachmentId, request))) throw proofAlreadyUsed(need, attachmentId);
}

export function eventActor(actor: Actor, ip: string | null): EventActor {
  return { userId: actor.userId, unitId: actor.unitId, name: actor.name, ip };
}

export function staleVersion(row: WorkOrderRow): AppRefusal {
  return new AppRefusal(
    'VERSION_CONFLICT',
    '工单已被他人修改,您看到的不是最新内容。请刷新页面后再操作(已填写的内容会保留)。',
    { currentVersion: row.version },
    'conflict',
  );
}
