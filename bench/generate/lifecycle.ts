import { patchToColumns, toSnapshot } from '../../src/db/repositories/work-order.mapping.js';
import type { WorkOrderRow, WorkOrderUnitRow } from '../../src/db/schema.js';
import type { WorkingCalendar } from '../../src/domain/calendar.js';
import { eventFacts } from '../../src/domain/event-facts.js';
import { AppRefusal } from '../../src/domain/refusal.js';
import { placeKey } from '../../src/domain/repeats.js';
import type { Actor } from '../../src/domain/roles.js';
import { HOUR_MS } from '../../src/domain/time.js';
import type { TimeLimitSettings } from '../../src/domain/time-limits.js';
import {
  type AssignmentChange,
  type CallbackResult,
  type Command,
  type Decision,
  decide,
  type OrderType,
  type SourceChannel,
} from '../../src/domain/workflow/index.js';
import type { DemoOrder } from '../../src/setup/seed/demo-county.js';
import type { Rng } from './rng.js';
import * as text from './text.js';

/**
 * One order's whole life, simulated with the real workflow: every step is the pure `decide()`
 * of src/domain/workflow, applied to the rows exactly as WorkOrderRepository.applyDecision
 * writes them (patch columns, version + 1, assignment changes, events with from/to on the
 * first). So states, deadlines, counters and event payloads are what the API would have
 * written (the events' unit and outcome too, as eventFacts() gives them). The simulation stops at the data set's "now": recent orders are still open.
 */
/** Who an event is written by: a person, or the city platform's API client (no user account). */
type Author = Pick<Actor, 'unitId' | 'name'> & { userId: number | null };

export interface Org {
  dispatchers: Actor[];
  reviewers: Actor[];
  city: Author;
  /** Liaisons (unit roles) of each handling unit. */
  liaisons: Map<number, Actor[]>;
  /** Who signs off a unit's replies (leader in charge, main leader), and who reads urgent orders (main leader). */
  leaders: Map<number, Actor[]>;
  mainLeaders: Map<number, Actor[]>;
  /** Units whose replies carry a typed issuer and the signed scan (their leaders have no accounts). */
  typedSignOff: Set<number>;
  unitByCode: Map<string, number>;
  handlingUnitIds: number[];
  townships: Array<{ id: number; name: string }>;
  categoryIds: Map<string, number>;
}

export interface GenContext {
  rng: Rng;
  calendar: WorkingCalendar;
  settings: TimeLimitSettings;
  /** The data set's present: no action happens after it. */
  now: Date;
  org: Org;
  templates: DemoOrder[];
  ids: { unit: number; event: number; attachment: number };
  /** Recent orders that are not voided, as merge targets. */
  mergeTargets: number[];
  stats: {
    refusals: number;
    refusalCodes: Map<string, number>;
    events: number;
    byState: Map<string, number>;
  };
}

export type Row = unknown[];
export interface Batch {
  orders: Row[];
  units: Row[];
  events: Row[];
  attachments: Row[];
}

export const ORDER_COLUMNS = [
  'id',
  'code',
  'city_order_no',
  'channel',
  'citizen_name',
  'citizen_phone',
  'citizen_address',
  'place_key',
  'township_unit_id',
  'category_id',
  'type',
  'title',
  'content',
  'urgency',
  'leader_instruction',
  'leader_deadline',
  'needs_citizen_reply',
  'city_deadline',
  'state',
  'version',
  'lead_unit_id',
  'dispatched_at',
  'sign_by',
  'return_by',
  'handle_by',
  'co_unit_by',
  'warn_at',
  'state_before_return',
  'pending_extension',
  'return_count',
  'extension_count',
  'redo_count',
  'callback_count',
  'last_callback_result',
  'reply',
  'reply_draft',
  'leader_read',
  'replied_at',
  'closed_at',
  'void_reason',
  'merged_into_id',
  'registered_by',
  'created_at',
  'updated_at',
] as const satisfies ReadonlyArray<keyof WorkOrderRow>;

export const UNIT_COLUMNS = [
  'id',
  'order_id',
  'unit_id',
  'role',
  'active',
  'dispatched_at',
  'signed_at',
  'signed_by',
  'opinion_at',
  'silent',
] as const satisfies ReadonlyArray<keyof WorkOrderUnitRow>;

export const EVENT_COLUMNS = [
  'id',
  'order_id',
  'type',
  'at',
  'actor_user_id',
  'actor_unit_id',
  'actor_name',
  'ip',
  'from_state',
  'to_state',
  'payload',
  'unit_id',
  'outcome',
] as const;

export const ATTACHMENT_COLUMNS = [
  'id',
  'order_id',
  'purpose',
  'file_name',
  'mime_type',
  'size',
  'sha256',
  'storage_key',
  'uploaded_by',
  'unit_id',
  'created_at',
] as const;

/** Thrown when the next step would happen after the data set's present. */
class Cutoff extends Error {}

type Plan =
  | 'plain'
  | 'co'
  | 'return'
  | 'rejectReturn'
  | 'extension'
  | 'redoAtReview'
  | 'unsatisfied'
  | 'fax'
  | 'void'
  | 'merge';

const PLANS: Record<Plan, number> = {
  plain: 58,
  co: 14,
  return: 5,
  rejectReturn: 1.5,
  extension: 6,
  redoAtReview: 3,
  unsatisfied: 6,
  fax: 1.5,
  void: 3,
  merge: 2,
};

const CHANNELS: Record<SourceChannel, number> = {
  city_platform: 45,
  phone: 38,
  web: 7,
  walk_in: 5,
  fax: 3,
  other: 2,
};

const CALLBACKS: Record<CallbackResult, number> = {
  satisfied: 74,
  basically_satisfied: 16,
  unsatisfied: 0,
  unreachable: 10,
};

const OFFSET = 8 * HOUR_MS;

/** Moves an instant into office hours (08:00–20:00 Beijing time), as people act then. */
function officeHours(rng: Rng, t: number): number {
  const local = (t + OFFSET) % (24 * HOUR_MS);
  const hour = local / HOUR_MS;
  if (hour >= 8 && hour < 20) return t;
  const nextMorning = t - local + (hour >= 20 ? 24 * HOUR_MS : 0) + 8 * HOUR_MS;
  return nextMorning + rng.int(0, 150) * 60_000;
}

export function simulateOrder(
  g: GenContext,
  batch: Batch,
  id: number,
  code: string,
  createdAt: number,
): void {
  const { rng, org } = g;
  const template = rng.pick(g.templates);
  const channel = rng.weighted(CHANNELS);
  const townshipId = template.townshipCode ? (org.unitByCode.get(template.townshipCode) ?? null) : null;
  const township = org.townships.find((t) => t.id === townshipId) ?? rng.pick(org.townships);
  const where = text.place(rng, township.name);
  const urgencyRoll = rng.next();
  const urgency =
    urgencyRoll < 0.015
      ? 'leader'
      : urgencyRoll < 0.09
        ? 'urgent'
        : template.urgency === 'leader'
          ? 'normal'
          : template.urgency;
  const created = new Date(createdAt).toISOString();
  const day = code.slice(2, 10);
  const cityDeadline =
    channel === 'city_platform' && rng.chance(0.5) ? createdAt + rng.int(7, 12) * 24 * HOUR_MS : null;

  // Typed as the full row for toSnapshot(); columns added by later migrations take their defaults.
  const row = {
    id,
    code,
    city_order_no: channel === 'city_platform' ? `SZ${day}${code.slice(10).padStart(5, '0')}` : null,
    channel,
    citizen_name: text.citizenName(rng),
    citizen_phone: text.mobile(rng),
    citizen_address: where.address,
    // As the repository stores it on registration: the repeat check and clusters look it up.
    place_key: placeKey(where.address),
    township_unit_id: townshipId ?? (rng.chance(0.6) ? township.id : null),
    category_id: g.org.categoryIds.get(template.category.join('/')) ?? null,
    type: (rng.chance(0.85)
      ? template.type
      : rng.pick(['consult', 'help', 'suggestion', 'other'])) as OrderType,
    title: text.title(rng, template, where),
    content: text.content(rng, template, where),
    urgency,
    leader_instruction: urgency === 'leader' ? text.leaderInstruction(rng) : null,
    leader_deadline: null,
    needs_citizen_reply: template.needsCitizenReply || rng.chance(0.5) ? 1 : 0,
    city_deadline: cityDeadline ? new Date(cityDeadline).toISOString() : null,
    state: 'pending_dispatch',
    version: 1,
    lead_unit_id: null,
    dispatched_at: null,
    sign_by: null,
    return_by: null,
    handle_by: null,
    co_unit_by: null,
    warn_at: null,
    state_before_return: null,
    pending_extension: null,
    return_count: 0,
    extension_count: 0,
    redo_count: 0,
    callback_count: 0,
    last_callback_result: null,
    reply: null,
    reply_draft: null,
    leader_read: null,
    replied_at: null,
    closed_at: null,
    void_reason: null,
    merged_into_id: null,
    registered_by: null,
    created_at: created,
    updated_at: created,
  } as WorkOrderRow;
  const units: WorkOrderUnitRow[] = [];
  const snapshot = () =>
    toSnapshot(
      row,
      units,
      row.lead_unit_id !== null && org.typedSignOff.has(row.lead_unit_id) ? 'typed' : 'leader',
    );
  const registrar = channel === 'city_platform' ? org.city : rng.pick(org.dispatchers);
  row.registered_by = registrar.userId;

  const event = (
    actor: Author,
    at: number,
    type: string,
    payload: object,
    from: string | null = null,
    to: string | null = null,
    facts: { unitId: number | null; outcome: string | null } = { unitId: null, outcome: null },
  ) => {
    batch.events.push([
      g.ids.event++,
      id,
      type,
      new Date(at).toISOString(),
      actor.userId,
      actor.unitId,
      actor.name,
      null,
      from,
      to,
      JSON.stringify(payload),
      facts.unitId,
      facts.outcome,
    ]);
    g.stats.events++;
  };
  event(registrar, createdAt, 'registered', { channel, code }, null, 'pending_dispatch');

  // --- applying a decision as WorkOrderRepository.applyDecision does --------------------------
  const apply = (decision: Decision, actor: Actor, at: number) => {
    const iso = new Date(at).toISOString();
    const leadBefore = row.lead_unit_id;
    const leadAfter = decision.patch.leadUnitId !== undefined ? decision.patch.leadUnitId : leadBefore;
    Object.assign(row, patchToColumns(decision.patch), {
      state: decision.to,
      version: row.version + 1,
      updated_at: iso,
    });
    for (const change of decision.assignments) assign(change);
    decision.events.forEach((e, i) => {
      const states = i === 0 ? [decision.from, decision.to] : [null, null];
      event(actor, at, e.type, e.payload, states[0], states[1], eventFacts(e, leadBefore, leadAfter));
    });
  };
  const assign = (change: AssignmentChange) => {
    const active = units.filter((u) => u.active === 1);
    switch (change.op) {
      case 'replaceActive': {
        for (const u of active) u.active = 0;
        const at = change.at.toISOString();
        for (const [unit_id, role] of [
          [change.leadUnitId, 'lead'],
          ...change.coUnitIds.map((c) => [c, 'co'] as const),
        ] as Array<[number, string]>) {
          units.push({
            id: g.ids.unit++,
            order_id: id,
            unit_id,
            role,
            active: 1,
            dispatched_at: at,
            signed_at: null,
            signed_by: null,
            opinion_at: null,
            silent: 0,
            returned_at: null,
          });
        }
        return;
      }
      case 'deactivateAll':
        for (const u of active) u.active = 0;
        return;
      case 'sign':
        for (const u of active.filter((x) => x.unit_id === change.unitId)) {
          u.signed_at = change.at.toISOString();
          u.signed_by = change.userId;
        }
        return;
      case 'opinion':
        for (const u of active.filter((x) => x.unit_id === change.unitId))
          u.opinion_at = change.at.toISOString();
        return;
      case 'silent':
        for (const u of active.filter((x) => change.unitIds.includes(x.unit_id))) u.silent = 1;
        return;
      case 'coReturned':
        for (const u of active.filter((x) => x.unit_id === change.unitId && x.role === 'co')) {
          u.active = 0;
          u.returned_at = change.at.toISOString();
        }
        return;
    }
  };

  let t = createdAt;
  const step = (minHours: number, maxHours: number) => {
    t = officeHours(rng, t + (minHours + rng.next() * (maxHours - minHours)) * HOUR_MS);
    if (t > g.now.getTime()) throw new Cutoff();
    return t;
  };
  /** One workflow action at time `at`; false when the workflow refuses it (counted). */
  const act = (actor: Actor, command: Command, at = t): boolean => {
    if (at > g.now.getTime()) throw new Cutoff();
    try {
      const decision = decide(snapshot(), command, {
        actor,
        now: new Date(at),
        calendar: g.calendar,
        settings: g.settings,
      });
      apply(decision, actor, at);
      t = Math.max(t, at);
      return true;
    } catch (e) {
      if (!(e instanceof AppRefusal)) throw e;
      g.stats.refusals++;
      g.stats.refusalCodes.set(e.code, (g.stats.refusalCodes.get(e.code) ?? 0) + 1);
      return false;
    }
  };
  const attach = (
    actor: Actor,
    purpose: 'extension_scan' | 'fax_reply' | 'signed_reply',
    at: number,
  ): number => {
    const attachmentId = g.ids.attachment++;
    const fileName = {
      extension_scan: '延期申请扫描件.pdf',
      fax_reply: '传真答复件.pdf',
      signed_reply: '签发件扫描件.pdf',
    }[purpose];
    batch.attachments.push([
      attachmentId,
      id,
      purpose,
      fileName,
      'application/pdf',
      rng.int(60_000, 2_000_000),
      rng.hex(64),
      `${new Date(at).getUTCFullYear()}/${rng.hex(32)}`,
      actor.userId,
      actor.unitId,
      new Date(at).toISOString(),
    ]);
    event(actor, at, 'attachment_added', { attachmentId, fileName, purpose });
    return attachmentId;
  };
  const liaisonOf = (unitId: number) => rng.pick(org.liaisons.get(unitId) ?? org.dispatchers);
  const replyContent = (handler: Actor, at: number) => {
    const r = text.reply(rng, row.title, row.citizen_address, handler.name);
    const unreasonable = rng.chance(0.04);
    const dispatched = row.dispatched_at ? Date.parse(row.dispatched_at) : at;
    return {
      ...r,
      unreasonableDemand: unreasonable,
      explanation: unreasonable
        ? '已向群众耐心解释相关政策规定,讲明该诉求超出政策范围的原因,群众表示理解。'
        : null,
      citizenContact: row.needs_citizen_reply
        ? {
            contactedAt: new Date(Math.max(dispatched, at - rng.int(10, 600) * 60_000)).toISOString(),
            method: rng.pick(['phone', 'phone', 'phone', 'visit', 'sms'] as const),
            contactedBy: handler.name,
            citizenResponse: rng.pick(['群众表示认可处理结果', '群众表示满意', '群众表示理解', '群众无异议']),
          }
        : null,
    };
  };
  /** The unit replies: mostly before the deadline in force, sometimes late. */
  const replyNow = (lead: Actor) => {
    const handleBy = row.handle_by ? Date.parse(row.handle_by) : t + 72 * HOUR_MS;
    const at = rng.chance(0.9)
      ? t + Math.max(0.2 * HOUR_MS, (handleBy - t) * (0.15 + 0.8 * rng.next()))
      : Math.max(t, handleBy) + rng.int(1, 72) * HOUR_MS;
    const when = Math.max(t + 10 * 60_000, at);
    if (when > g.now.getTime()) throw new Cutoff();
    const reply = replyContent(lead, when);
    const unitId = lead.unitId as number;
    if (org.typedSignOff.has(unitId)) {
      const scan = attach(lead, 'signed_reply', when);
      return act(lead, { action: 'reply', reply, issuerScanAttachmentId: scan }, when);
    }
    // 阅批 (urgent and leader-instructed orders), then 签发 by a leader of the unit, as the notice asks.
    const chiefs = org.mainLeaders.get(unitId) ?? [];
    if (snapshot().urgency !== 'normal' && !snapshot().leaderRead && chiefs.length > 0) {
      act(
        rng.pick(chiefs),
        { action: 'leaderRead', instruction: null },
        Math.max(t, when - rng.int(20, 240) * 60_000),
      );
    }
    if (!act(lead, { action: 'submitForSignOff', reply: { ...reply, issuer: '' } }, when)) return false;
    const signer = rng.pick(org.leaders.get(unitId) ?? []);
    return signer !== undefined && act(signer, { action: 'signOff' }, when + rng.int(10, 300) * 60_000);
  };

  const plan = rng.weighted(PLANS);
  const dispatcher = rng.pick(org.dispatchers);
  const reviewer = rng.pick(org.reviewers);
  try {
    if (plan === 'void') {
      step(0.2, 6);
      act(dispatcher, { action: 'void', reason: text.texts.voidReason(rng) });
      return;
    }
    if (plan === 'merge') {
      const into = g.mergeTargets.length ? rng.pick(g.mergeTargets) : null;
      step(0.2, 6);
      if (into) act(dispatcher, { action: 'merge', intoOrderId: into, reason: '同一诉求重复来电,合并办理' });
      else act(dispatcher, { action: 'void', reason: text.texts.voidReason(rng) });
      return;
    }

    const leadCode = template.suggestedLeadUnitCode;
    let leadId = org.unitByCode.get(leadCode) ?? rng.pick(org.handlingUnitIds);
    const coIds =
      plan === 'co'
        ? (template.suggestedCoUnitCodes?.length
            ? template.suggestedCoUnitCodes.map((c) => org.unitByCode.get(c) as number)
            : [rng.pick(org.townships).id]
          ).filter((c) => c !== leadId)
        : [];
    const dispatch = (lead: number, co: number[]) => {
      const at = step(0.2, 5);
      return act(dispatcher, {
        action: 'dispatch',
        leadUnitId: lead,
        coUnitIds: co,
        urgency,
        leaderDeadline: urgency === 'leader' ? new Date(at + rng.int(48, 120) * HOUR_MS) : null,
        ...(rng.chance(0.2) ? { note: '请尽快联系来电人核实情况' } : {}),
      });
    };
    if (!dispatch(leadId, coIds)) return;

    if (plan === 'return' || plan === 'rejectReturn') {
      const lead = liaisonOf(leadId);
      step(0.5, 4);
      act(lead, {
        action: 'requestReturn',
        reason: text.texts.returnReason(rng),
        suggestedUnit: '属地乡镇人民政府',
      });
      step(0.5, 4);
      if (plan === 'return') {
        if (!act(dispatcher, { action: 'approveReturn', opinion: '同意回退,改派属地乡镇' })) return;
        leadId = rng.pick(org.townships).id;
        if (!dispatch(leadId, [])) return;
      } else {
        act(dispatcher, { action: 'rejectReturn', opinion: '经核实属于本单位职责,请继续办理' });
      }
    }

    const lead = liaisonOf(leadId);
    const signBy = row.sign_by ? Date.parse(row.sign_by) : t + 24 * HOUR_MS;
    const signAt = rng.chance(0.93)
      ? t + Math.max(0.1 * HOUR_MS, (signBy - t) * rng.next())
      : signBy + rng.int(1, 30) * HOUR_MS;
    if (plan === 'fax') {
      const at = step(4, 48);
      const scan = attach(dispatcher, 'fax_reply', at);
      act(dispatcher, {
        action: 'recordFaxReply',
        reply: replyContent(lead, at),
        scanAttachmentId: scan,
        faxReceivedAt: new Date(Math.max(Date.parse(row.dispatched_at as string), at - 2 * HOUR_MS)),
      });
    } else {
      if (signAt > g.now.getTime()) throw new Cutoff();
      if (!act(lead, { action: 'sign' }, officeHours(rng, signAt))) return;
      for (const co of coIds) {
        const coActor = liaisonOf(co);
        step(0.2, 8);
        act(coActor, { action: 'coSign' });
        if (rng.chance(0.8)) {
          step(2, 40);
          act(coActor, { action: 'coOpinion', content: text.texts.coOpinion(rng) });
        }
      }
      if (rng.chance(0.15)) {
        step(4, 30);
        act(lead, { action: 'reportProgress', content: text.texts.progress(rng) });
      }
      if (plan === 'extension') {
        const handleBy = Date.parse(row.handle_by as string);
        const at = officeHours(rng, t + Math.max(0.1 * HOUR_MS, (handleBy - t) * 0.5 * rng.next()));
        const requested = handleBy + rng.int(3, 10) * 24 * HOUR_MS;
        const cityOk = !row.city_deadline || requested <= Date.parse(row.city_deadline);
        if (at < handleBy && cityOk) {
          if (at > g.now.getTime()) throw new Cutoff();
          const scan = attach(lead, 'extension_scan', at);
          act(
            lead,
            {
              action: 'requestExtension',
              reason: text.texts.extensionReason(rng),
              requestedDeadline: new Date(requested),
              mainLeaderName: text.personName(rng),
              scanAttachmentId: scan,
            },
            at,
          );
          step(1, 8);
          if (rng.chance(0.75)) act(dispatcher, { action: 'approveExtension', opinion: '同意延期' });
          else act(dispatcher, { action: 'rejectExtension', opinion: '理由不充分,请按期办结' });
        }
      }
      if (!replyNow(lead)) return;
    }

    const review = () => {
      step(1, 30);
      return act(reviewer, { action: 'acceptReview', opinion: text.texts.officeOpinion(rng) });
    };
    if (plan === 'redoAtReview') {
      step(1, 20);
      const redone = act(reviewer, {
        action: 'orderRedo',
        reasons: [rng.pick(['unclear', 'poor_quality', 'not_done'] as const)],
        opinion: text.texts.redoOpinion(rng),
      });
      if (redone && !replyNow(lead)) return;
    }
    if (!review()) return;
    step(2, 48);
    if (plan === 'unsatisfied') {
      act(reviewer, { action: 'callback', result: 'unsatisfied', note: '群众表示问题没有解决,要求重新处理' });
      step(0.5, 6);
      const redone =
        rng.chance(0.6) &&
        act(reviewer, {
          action: 'orderRedo',
          reasons: ['citizen_unsatisfied'],
          opinion: text.texts.redoOpinion(rng),
        });
      if (redone) {
        if (!replyNow(lead) || !review()) return;
        step(2, 48);
        act(reviewer, {
          action: 'callback',
          result: rng.chance(0.7) ? 'satisfied' : 'basically_satisfied',
          note: '',
        });
      } else {
        act(reviewer, {
          action: 'close',
          explanation: '群众诉求超出政策规定,已做好解释说明工作,按规定办结。',
        });
        return;
      }
    } else {
      const result = rng.weighted(CALLBACKS);
      act(reviewer, {
        action: 'callback',
        result,
        note: result === 'unreachable' ? '连续三次电话无人接听' : '',
      });
    }
    step(0.1, 4);
    act(reviewer, { action: 'close' });
  } catch (e) {
    if (!(e instanceof Cutoff)) throw e;
  } finally {
    if (row.state !== 'voided') {
      g.mergeTargets.push(id);
      if (g.mergeTargets.length > 200) g.mergeTargets.shift();
    }
    g.stats.byState.set(row.state, (g.stats.byState.get(row.state) ?? 0) + 1);
    batch.orders.push(ORDER_COLUMNS.map((c) => row[c]));
    for (const u of units) batch.units.push(UNIT_COLUMNS.map((c) => u[c]));
  }
}
