import type { Kysely, Transaction } from 'kysely';
import { RegistrationRequestRepository } from '../../db/repositories/registration-request.repository.js';
import { UnitRepository } from '../../db/repositories/unit.repository.js';
import type { EventActor } from '../../db/repositories/work-order.repository.js';
import { WorkOrderRepository } from '../../db/repositories/work-order.repository.js';
import type { Database, WorkOrderRow } from '../../db/schema.js';
import { CalendarYearMissing, type WorkingCalendar } from '../../domain/calendar.js';
import { normalisePhone } from '../../domain/citizen-phone.js';
import type { Urgency } from '../../domain/deadlines.js';
import { type DispatchSettings, dispatchClock } from '../../domain/office-clock.js';
import { placeKey } from '../../domain/place-key.js';
import { refuse } from '../../domain/refusal.js';
import type { Actor } from '../../domain/roles.js';
import { shanghaiDate } from '../../domain/time.js';
import { usableCategory } from '../../domain/workflow/classification.js';
import type { EventPayloads } from '../../domain/workflow/index.js';
import type { AppContext } from '../../server/context.js';
import { contentHash } from '../api-clients/idempotency.js';
import type { ClusterService } from '../repeats/clusters.service.js';
import { categoryChoice } from './action-commands.js';
import { eventActor } from './event-actor.js';
import { requireUnit } from './order-units.js';
import type { RegisterInput } from './work-order.schemas.js';

export type NewOrderInput = Omit<
  RegisterInput,
  'townshipUnitId' | 'leaderInstruction' | 'channel' | 'confidential'
> &
  Partial<Pick<RegisterInput, 'townshipUnitId' | 'leaderInstruction' | 'confidential'>> & {
    channel: RegisterInput['channel'];
    /** The township's name (read before the day's number is taken), for the place key. */
    townshipName?: string;
  };

/** Where an order came from besides its channel (the city's export it was imported from), kept on its registered event. */
export type RegistrationOrigin = Pick<EventPayloads['registered'], 'importedFrom' | 'importedRow'>;

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
 *
 * The day's number is taken first: on PostgreSQL its counter row stays locked until the
 * transaction commits, so every registration of the county waits for the one before it to commit.
 * Callers therefore read what they need before calling this, and do as little as they can after.
 * Returns the row as written.
 */
export async function insertOrder(
  repo: WorkOrderRepository,
  input: NewOrderInput,
  actor: EventActor,
  registeredBy: number | null,
  now: Date,
  limits: OfficeClockLimits,
  /** Where the order came from beyond its channel, for the timeline (e.g. the spreadsheet import's file and row). */
  origin?: RegistrationOrigin,
): Promise<WorkOrderRow> {
  const day = shanghaiDate(now).replaceAll('-', '');
  const seq = await repo.nextInSequence(`order:${day}`);
  const code = `HY${day}${String(seq).padStart(4, '0')}`;
  const at = now.toISOString();
  const row = await repo.insert({
    code,
    city_order_no: input.cityOrderNo ?? null,
    channel: input.channel,
    citizen_name: input.citizenName,
    // One written form, whoever registered it (desk, city platform, import, Open311).
    citizen_phone: normalisePhone(input.citizenPhone),
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
    place_key: placeKey(input.citizenAddress ?? '', input.townshipName ?? null),
    confidential: input.confidential ? 1 : 0,
    ...officeClockOf(limits, now, input.urgency),
  });
  await repo.addEvent(
    row.id,
    'registered',
    actor,
    now,
    { channel: input.channel, code, ...origin },
    { from: null, to: 'pending_dispatch' },
  );
  return row;
}

export interface RegisterOptions {
  /** The caller's transaction, to register inside it; else one of its own. */
  inTransaction?: Transaction<Database>;
  /** Where a spreadsheet import's order came from. */
  origin?: RegistrationOrigin;
  /**
   * The form's key for this registration (`Idempotency-Key`): sent again with the same key, the
   * request answers with the order it registered the first time (`duplicate`), not a second one.
   */
  requestKey?: string;
}

/**
 * Registers an order from the office's form: checks what the schema cannot (city number, leader
 * instruction, township, category, a city order registered twice), writes it, and raises a
 * cluster when it joins others. In a transaction of its own or in the caller's.
 */
export const registerOrder =
  (ctx: AppContext, clusters: ClusterService) =>
  async (
    input: RegisterInput,
    actor: Actor,
    ip: string | null,
    { inTransaction, origin, requestKey }: RegisterOptions = {},
  ): Promise<{ id: number; duplicate: boolean }> => {
    if (input.channel === 'city_platform' && !input.cityOrderNo) {
      refuse('invalid', 'CITY_ORDER_NO_REQUIRED', '来自市级平台的工单须填写市平台工单编号。');
    }
    if (input.urgency === 'leader' && !input.leaderInstruction?.trim()) {
      refuse('invalid', 'LEADER_INSTRUCTION_REQUIRED', '领导批示件须填写领导批示内容。');
    }
    const now = ctx.clock.now();
    if (input.cityDeadline && new Date(input.cityDeadline).getTime() <= now.getTime()) {
      refuse('invalid', 'CITY_DEADLINE_PASSED', '市平台办理期限早于现在，请核对。');
    }
    const db: Kysely<Database> = inTransaction ?? ctx.db.kysely;
    const limits = await officeClockLimits(ctx);
    const township = input.townshipUnitId
      ? await requireUnit(new UnitRepository(db), input.townshipUnitId, ['township'], '所属乡镇')
      : undefined;
    // One that exists and is still in use, as 改分类 and a dispatch require (a stopped category's
    // orders would fall outside the figures the office now reads). The city's orders are taken
    // whatever the county did with its categories (city-inbound.service.ts).
    if (input.categoryId) usableCategory(await categoryChoice(db, input.categoryId));
    const write = async (trx: Transaction<Database>) => {
      const repo = new WorkOrderRepository(trx);
      const requests = new RegistrationRequestRepository(trx);
      const sent = requestKey ? contentHash(input) : '';
      const kept = requestKey ? await requests.claim(requestKey, actor.userId, sent, now) : undefined;
      if (kept) {
        if (kept.userId !== actor.userId || kept.orderId === null)
          refuse('conflict', 'REQUEST_KEY_USED', '这次登记的请求编号已被使用，请刷新页面后重新登记。');
        // The same key with other content is not a resend: answering with the first order would
        // tell the desk that what it typed now was registered.
        if (kept.contentHash !== null && kept.contentHash !== sent)
          refuse(
            'conflict',
            'REQUEST_KEY_REUSED',
            '这份登记表此前已提交并登记，本次提交的内容与那次不同，没有保存。请打开已登记的工单核对，或刷新页面后重新登记。',
            { id: kept.orderId },
          );
        return { id: kept.orderId, duplicate: true };
      }
      if (input.cityOrderNo) {
        const existing = await repo.findByCityOrderNo(input.cityOrderNo);
        if (existing) {
          // (The city's own resends come through its API route, which answers with the same order.)
          refuse(
            'conflict',
            'DUPLICATE_CITY_ORDER',
            `市平台工单 ${input.cityOrderNo} 已登记为 ${existing.code}，请勿重复登记。`,
            { id: existing.id, code: existing.code },
          );
        }
      }
      // Read before the day's number is taken (insertOrder): from there to the commit, other
      // registrations wait. The cluster check stays after it, so that two orders from one place
      // registered at the same moment see each other.
      const clusterSettings = await clusters.settingsIn(trx);
      const registered = await insertOrder(
        repo,
        { ...input, townshipName: township?.name },
        eventActor(actor, ip),
        actor.userId,
        now,
        limits,
        origin,
      );
      await clusters.onRegistered(trx, registered, eventActor(actor, ip), now, clusterSettings);
      if (requestKey) await requests.registered(requestKey, registered.id);
      return { id: registered.id, duplicate: false };
    };
    return inTransaction ? write(inTransaction) : ctx.db.kysely.transaction().execute(write);
  };
