import { patchToColumns, toSnapshot } from '../../src/db/repositories/work-order.mapping.js';
import type { WorkOrderRow, WorkOrderUnitRow } from '../../src/db/schema.js';
import type { Urgency } from '../../src/domain/deadlines.js';
import { eventFacts, happenedAt } from '../../src/domain/event-facts.js';
import { placeKey } from '../../src/domain/place-key.js';
import { AppRefusal } from '../../src/domain/refusal.js';
import type { Actor } from '../../src/domain/roles.js';
import { HOUR_MS } from '../../src/domain/time.js';
import type {
  AssignmentChange,
  CallbackResult,
  CallbackTimelineEntry,
  Command,
  Decision,
  OrderType,
  SourceChannel,
} from '../../src/domain/workflow/index.js';
import { decide, unreachableAttemptsOf } from '../../src/domain/workflow/index.js';
import type { DemoOrder } from '../../src/setup/seed/demo-county.js';
import { ATTACHMENT_COLUMNS, type Batch, ORDER_COLUMNS, UNIT_COLUMNS } from './columns.js';
import type { Author, GenContext } from './context.js';
import * as text from './text.js';

/** Thrown when the next step would happen after the data set's present. */
export class Cutoff extends Error {}

const OFFSET = 8 * HOUR_MS;

/** Moves an instant into office hours (08:00–20:00 Beijing time), as people act then. */
export function officeHours(rng: GenContext['rng'], t: number): number {
  const local = (t + OFFSET) % (24 * HOUR_MS);
  const hour = local / HOUR_MS;
  if (hour >= 8 && hour < 20) return t;
  const nextMorning = t - local + (hour >= 20 ? 24 * HOUR_MS : 0) + 8 * HOUR_MS;
  return nextMorning + rng.int(0, 150) * 60_000;
}

/** What a registration draws: the matter, the channel, the place and the urgency. */
export interface Registration {
  template: DemoOrder;
  channel: SourceChannel;
  township: { id: number; name: string };
  townshipId: number | null;
  where: ReturnType<typeof text.place>;
  urgency: Urgency;
  cityDeadline: number | null;
}

/**
 * One order during its simulated life: its row and assignments as WorkOrderRepository writes
 * them, the clock of its next step, and the steps people take on it. Every step is the pure
 * `decide()` applied to the rows exactly as WorkOrderRepository.applyDecision writes them (patch
 * columns, version + 1, assignment changes, events with from/to on the first), so states,
 * deadlines, counters and payloads are what the API would have written.
 */
export class SimulatedOrder {
  readonly row: WorkOrderRow;
  readonly units: WorkOrderUnitRow[] = [];
  /** The instant of the last step taken. */
  t: number;
  /** What the 联系不上 rule reads of the timeline (the repository reads it from the events). */
  private readonly callbacks: CallbackTimelineEntry[] = [];

  constructor(
    private readonly g: GenContext,
    private readonly batch: Batch,
    readonly id: number,
    code: string,
    createdAt: number,
    reg: Registration,
  ) {
    const { rng } = g;
    const created = new Date(createdAt).toISOString();
    const day = code.slice(2, 10);
    this.t = createdAt;
    // Typed as the full row for toSnapshot(); columns added by later migrations take their defaults.
    this.row = {
      id,
      code,
      city_order_no: reg.channel === 'city_platform' ? `SZ${day}${code.slice(10).padStart(5, '0')}` : null,
      channel: reg.channel,
      citizen_name: text.citizenName(rng),
      citizen_phone: text.mobile(rng),
      citizen_address: reg.where.address,
      // Keyed below, once the township is drawn (the repeat check and clusters look it up).
      place_key: '',
      township_unit_id: reg.townshipId ?? (rng.chance(0.6) ? reg.township.id : null),
      category_id: g.org.categoryIds.get(reg.template.category.join('/')) ?? null,
      type: (rng.chance(0.85)
        ? reg.template.type
        : rng.pick(['consult', 'help', 'suggestion', 'other'])) as OrderType,
      title: text.title(rng, reg.template, reg.where),
      content: text.content(rng, reg.template, reg.where),
      urgency: reg.urgency,
      leader_instruction: reg.urgency === 'leader' ? text.leaderInstruction(rng) : null,
      leader_deadline: null,
      needs_citizen_reply: reg.template.needsCitizenReply || rng.chance(0.5) ? 1 : 0,
      city_deadline: reg.cityDeadline ? new Date(reg.cityDeadline).toISOString() : null,
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
    // As the repository stores it on registration: under the township when the address names none.
    this.row.place_key = placeKey(
      reg.where.address,
      this.row.township_unit_id === reg.township.id ? reg.township.name : null,
    );
    const registrar = reg.channel === 'city_platform' ? g.org.city : rng.pick(g.org.dispatchers);
    this.row.registered_by = registrar.userId;
    this.event(registrar, createdAt, 'registered', { channel: reg.channel, code }, null, 'pending_dispatch');
  }

  snapshot() {
    const { row, units } = this;
    const signOff = row.lead_unit_id !== null && this.g.org.typedSignOff.has(row.lead_unit_id);
    return {
      ...toSnapshot(row, units, signOff ? 'typed' : 'leader'),
      unreachableAttempts: unreachableAttemptsOf(this.callbacks),
    };
  }

  /** The next step, `minHours` to `maxHours` after the last, in office hours; Cutoff past the present. */
  step(minHours: number, maxHours: number): number {
    const { rng } = this.g;
    this.t = officeHours(rng, this.t + (minHours + rng.next() * (maxHours - minHours)) * HOUR_MS);
    if (this.t > this.g.now.getTime()) throw new Cutoff();
    return this.t;
  }

  /** One workflow action at time `at`; false when the workflow refuses it (counted). */
  act(actor: Actor, command: Command, at = this.t): boolean {
    const { g } = this;
    if (at > g.now.getTime()) throw new Cutoff();
    try {
      const decision = decide(this.snapshot(), command, {
        actor,
        now: new Date(at),
        calendar: g.calendar,
        settings: g.settings,
      });
      this.apply(decision, actor, at);
      this.t = Math.max(this.t, at);
      return true;
    } catch (e) {
      if (!(e instanceof AppRefusal)) throw e;
      g.stats.refusals++;
      g.stats.refusalCodes.set(e.code, (g.stats.refusalCodes.get(e.code) ?? 0) + 1);
      if (!g.stats.refusalExamples.has(e.code))
        g.stats.refusalExamples.set(e.code, `${command.action}: ${e.message}`);
      return false;
    }
  }

  /** A scanned file added to the order (its event written), as the upload route stores it. */
  attach(actor: Actor, purpose: 'extension_scan' | 'fax_reply' | 'signed_reply', at: number): number {
    const { g } = this;
    const attachmentId = g.ids.attachment++;
    const fileName = {
      extension_scan: '延期申请扫描件.pdf',
      fax_reply: '传真答复件.pdf',
      signed_reply: '签发件扫描件.pdf',
    }[purpose];
    const values = {
      id: attachmentId,
      order_id: this.id,
      purpose,
      file_name: fileName,
      mime_type: 'application/pdf',
      size: g.rng.int(60_000, 2_000_000),
      sha256: g.rng.hex(64),
      storage_key: `${new Date(at).getUTCFullYear()}/${g.rng.hex(32)}`,
      uploaded_by: actor.userId,
      unit_id: actor.unitId,
      created_at: new Date(at).toISOString(),
    };
    this.batch.attachments.push(ATTACHMENT_COLUMNS.map((c) => values[c]));
    this.event(actor, at, 'attachment_added', { attachmentId, fileName, purpose });
    return attachmentId;
  }

  liaisonOf(unitId: number): Actor {
    const { rng, org } = this.g;
    return rng.pick(org.liaisons.get(unitId) ?? org.dispatchers);
  }

  /** A reply in the county's words, with the contact with the citizen when the order asks for it. */
  replyContent(handler: Actor, at: number) {
    const { rng } = this.g;
    const { row } = this;
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
  }

  /** The unit replies: mostly before the deadline in force, sometimes late. */
  replyNow(lead: Actor): boolean {
    const { rng, org, now } = this.g;
    const { t } = this;
    const handleBy = this.row.handle_by ? Date.parse(this.row.handle_by) : t + 72 * HOUR_MS;
    const at = rng.chance(0.9)
      ? t + Math.max(0.2 * HOUR_MS, (handleBy - t) * (0.15 + 0.8 * rng.next()))
      : Math.max(t, handleBy) + rng.int(1, 72) * HOUR_MS;
    const when = Math.max(t + 10 * 60_000, at);
    if (when > now.getTime()) throw new Cutoff();
    const unitId = lead.unitId as number;
    // A reply the standard refuses is written again and sent again (up to three drafts), as a
    // liaison told what is missing would; the drafts differ by their random parts.
    const sent = (send: (reply: ReturnType<SimulatedOrder['replyContent']>) => boolean) => {
      for (let draft = 0; draft < 3; draft++) if (send(this.replyContent(lead, when))) return true;
      return false;
    };
    if (org.typedSignOff.has(unitId)) {
      const scan = this.attach(lead, 'signed_reply', when);
      return sent((reply) => this.act(lead, { action: 'reply', reply, issuerScanAttachmentId: scan }, when));
    }
    // 阅批 (urgent and leader-instructed orders), then 签发 by a leader of the unit, as the notice asks.
    const chiefs = org.mainLeaders.get(unitId) ?? [];
    const order = this.snapshot();
    if (order.urgency !== 'normal' && !order.leaderRead && chiefs.length > 0) {
      this.act(
        rng.pick(chiefs),
        { action: 'leaderRead', instruction: null },
        Math.max(this.t, when - rng.int(20, 240) * 60_000),
      );
    }
    const submitted = sent((reply) =>
      this.act(lead, { action: 'submitForSignOff', reply: { ...reply, issuer: '' } }, when),
    );
    if (!submitted) return false;
    const signer = rng.pick(org.leaders.get(unitId) ?? []);
    return signer !== undefined && this.act(signer, { action: 'signOff' }, when + rng.int(10, 300) * 60_000);
  }

  /** Writes the order and its assignments as they stand into the batch; counts its state. */
  finish(): void {
    const { g, row } = this;
    if (row.state !== 'voided') {
      g.mergeTargets.push({ id: this.id, code: row.code });
      if (g.mergeTargets.length > 200) g.mergeTargets.shift();
    }
    g.stats.byState.set(row.state, (g.stats.byState.get(row.state) ?? 0) + 1);
    this.batch.orders.push(ORDER_COLUMNS.map((c) => row[c]));
    for (const u of this.units) this.batch.units.push(UNIT_COLUMNS.map((c) => u[c]));
  }

  private event(
    actor: Author,
    at: number,
    type: string,
    payload: object,
    from: string | null = null,
    to: string | null = null,
    facts: { unitId: number | null; outcome: string | null } = { unitId: null, outcome: null },
  ): void {
    const { g } = this;
    g.stats.events++;
    if (type === 'review_accepted') this.callbacks.push({ type, at: new Date(at) });
    if (type === 'callback_recorded')
      this.callbacks.push({
        type,
        at: new Date(at),
        callbackResult: (payload as { result: CallbackResult }).result,
      });
    this.batch.events.push([
      g.ids.event++,
      this.id,
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
  }

  /** A decision applied as WorkOrderRepository.applyDecision does. */
  private apply(decision: Decision, actor: Actor, at: number): void {
    const { row } = this;
    const leadBefore = row.lead_unit_id;
    const leadAfter = decision.patch.leadUnitId !== undefined ? decision.patch.leadUnitId : leadBefore;
    Object.assign(row, patchToColumns(decision.patch), {
      state: decision.to,
      version: row.version + 1,
      updated_at: new Date(at).toISOString(),
    });
    for (const change of decision.assignments) this.assign(change);
    decision.events.forEach((e, i) => {
      const states = i === 0 ? [decision.from, decision.to] : [null, null];
      const when = happenedAt(e, new Date(at)).getTime();
      this.event(actor, when, e.type, e.payload, states[0], states[1], eventFacts(e, leadBefore, leadAfter));
    });
  }

  private assign(change: AssignmentChange): void {
    const active = this.units.filter((u) => u.active === 1);
    switch (change.op) {
      case 'replaceActive': {
        for (const u of active) u.active = 0;
        const at = change.at.toISOString();
        const roles: Array<[number, string]> = [
          [change.leadUnitId, 'lead'],
          ...change.coUnitIds.map((c) => [c, 'co'] as [number, string]),
        ];
        for (const [unit_id, role] of roles) {
          this.units.push({
            id: this.g.ids.unit++,
            order_id: this.id,
            unit_id,
            role,
            active: 1,
            dispatched_at: at,
            signed_at: null,
            signed_by: null,
            opinion_at: null,
            silent: 0,
            returned_at: null,
            due_soon_marked_for: null,
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
  }
}
