import { REPEAT_TEXT_PREFIX } from '../../db/migrations/2026-12-01-repeats-002-township-text.js';
import { RepeatRepository } from '../../db/repositories/repeat.repository.js';
import { UnitRepository } from '../../db/repositories/unit.repository.js';
import { WorkOrderRepository } from '../../db/repositories/work-order.repository.js';
import { normalisePhone } from '../../domain/citizen-phone.js';
import { CONFIDENTIAL_REFUSAL } from '../../domain/citizen-privacy.js';
import { placeKey } from '../../domain/place-key.js';
import { canSeeOrder, orderScope } from '../../domain/policy.js';
import { refuse } from '../../domain/refusal.js';
import { type RepeatFacts, rankRepeats, similarInText } from '../../domain/repeats.js';
import type { Actor } from '../../domain/roles.js';
import {
  CALLBACK_LABELS,
  type CallbackResult,
  type OrderState,
  STATE_LABELS,
} from '../../domain/workflow/index.js';
import type { AppContext } from '../../server/context.js';
import { presentCitizen } from '../work-orders/citizen-presenter.js';

const DAY_MS = 86_400_000;
const HISTORY_LIMIT = 50;
/** The township's most similar orders read whole and ranked: far more than the list shows. */
const SIMILAR_LIMIT = 200;

/** What the dispatcher has typed so far (or what a registered order says). */
export interface RepeatProbe {
  phone: string;
  address: string;
  townshipUnitId: number | null;
  categoryId: number | null;
  type: string;
  title: string;
  content: string;
}

const notFound = (): never => refuse('not_found', 'ORDER_NOT_FOUND', '工单不存在，或不在您的办理范围内。');

/** The detector of repeats and the caller's history (issue 12, items 3 and 4). */
export class RepeatService {
  constructor(private readonly ctx: AppContext) {}

  /** Ranked open and recent orders the probe may repeat. `excludeId`: the order itself, when registered. */
  async find(probe: RepeatProbe, excludeId: number | null = null, at: Date = this.ctx.clock.now()) {
    const started = performance.now();
    const settings = (await this.ctx.settings.assistant()).repeats;
    // The place is keyed as registration keys it: under the township's name when the address names none.
    const townshipUnit =
      probe.townshipUnitId === null
        ? undefined
        : await new UnitRepository(this.ctx.db.kysely).find(probe.townshipUnitId);
    const facts: RepeatFacts = {
      id: excludeId ?? 0,
      type: probe.type,
      phone: normalisePhone(probe.phone),
      placeKey: placeKey(probe.address, townshipUnit?.kind === 'township' ? townshipUnit.name : null),
      townshipUnitId: probe.townshipUnitId,
      categoryId: probe.categoryId,
      text: `${probe.title} ${probe.content.slice(0, REPEAT_TEXT_PREFIX)}`,
      createdAt: at.toISOString(),
      open: true,
      repeatOfId: null,
    };
    const since = new Date(at.getTime() - settings.windowDays * DAY_MS).toISOString();
    const repo = new RepeatRepository(this.ctx.db.kysely, this.ctx.db.dialect);
    const [near, township] = await Promise.all([
      repo.samePhoneOrPlace(facts, since),
      facts.townshipUnitId === null ? [] : repo.townshipTexts(facts.townshipUnitId, since),
    ]);
    // The township's orders are compared on the index's text; only the similar ones are read whole.
    const nearIds = new Set(near.map((c) => c.id));
    const similarIds = similarInText(
      facts.text,
      township.filter((t) => !nearIds.has(t.id)),
      settings,
      SIMILAR_LIMIT,
    );
    const candidates = [...near, ...(await repo.candidatesByIds(similarIds))];
    const ranked = rankRepeats(facts, candidates, settings);
    return {
      windowDays: settings.windowDays,
      items: ranked.map((c) => ({
        id: c.id,
        code: c.code,
        title: c.title,
        type: c.type,
        state: c.state,
        stateLabel: STATE_LABELS[c.state as OrderState] ?? c.state,
        open: c.open,
        createdAt: c.createdAt,
        leadUnit: c.leadUnitId && c.leadUnitName ? { id: c.leadUnitId, name: c.leadUnitName } : null,
        reasons: c.match.reasons,
        similarity: c.match.similarity,
        sameMatter: c.match.sameMatter,
      })),
      tookMs: Math.round((performance.now() - started) * 10) / 10,
    };
  }

  /** The repeats of a registered order (the dispatch form): the earlier orders it may repeat. */
  async forOrder(id: number, actor: Actor) {
    const row = await this.visibleOrder(id, actor);
    return this.find(
      {
        phone: row.citizen_phone,
        address: row.citizen_address,
        townshipUnitId: row.township_unit_id,
        categoryId: row.category_id,
        type: row.type,
        title: row.title,
        content: row.content,
      },
      row.id,
      new Date(row.created_at),
    );
  }

  /**
   * The caller's past orders by phone, with outcome and satisfaction, limited to what the
   * viewer may see (a unit: its own orders, and none the caller asked to keep 保密: listing one
   * would tie the caller to it). Items name no citizen details; the phone heading the list is
   * shown as the viewer may see it (citizen-presenter.ts).
   */
  async callerHistory(phone: string, actor: Actor, excludeId: number | null = null, shownPhone = phone) {
    const rows = await new RepeatRepository(this.ctx.db.kysely).byPhone(
      normalisePhone(phone),
      orderScope(actor),
      HISTORY_LIMIT + 1,
    );
    const items = rows
      .filter((r) => r.id !== excludeId)
      .map((r) => ({
        r,
        caller: presentCitizen(actor, {
          channel: r.channel,
          confidential: r.confidential,
          citizen_name: r.citizenName,
          citizen_phone: r.citizenPhone,
          citizen_address: r.citizenAddress,
        }),
      }))
      .filter(({ caller }) => caller.access !== 'hidden')
      .slice(0, HISTORY_LIMIT)
      .map(({ r, caller }) => ({
        id: r.id,
        code: r.code,
        title: caller.text(r.title),
        type: r.type,
        state: r.state,
        stateLabel: STATE_LABELS[r.state as OrderState] ?? r.state,
        createdAt: r.createdAt,
        closedAt: r.closedAt,
        satisfaction: r.lastCallbackResult as CallbackResult | null,
        satisfactionLabel: r.lastCallbackResult
          ? CALLBACK_LABELS[r.lastCallbackResult as CallbackResult]
          : null,
        leadUnit: r.leadUnitId && r.leadUnitName ? { id: r.leadUnitId, name: r.leadUnitName } : null,
      }));
    return { phone: shownPhone, items };
  }

  async callerHistoryOfOrder(id: number, actor: Actor) {
    const { row, activeUnitIds } = await this.visibleOrderWithUnits(id, actor);
    const caller = presentCitizen(actor, row, activeUnitIds);
    if (caller.access === 'hidden') {
      refuse('forbidden', 'CONFIDENTIAL_ORDER', CONFIDENTIAL_REFUSAL);
    }
    return this.callerHistory(row.citizen_phone, actor, row.id, caller.phone);
  }

  private async visibleOrder(id: number, actor: Actor) {
    return (await this.visibleOrderWithUnits(id, actor)).row;
  }

  private async visibleOrderWithUnits(id: number, actor: Actor) {
    const repo = new WorkOrderRepository(this.ctx.db.kysely);
    const row = await repo.findById(id);
    if (!row) return notFound();
    const activeUnitIds = (await repo.assignments(id)).filter((u) => u.active === 1).map((u) => u.unit_id);
    if (!canSeeOrder(actor, { channel: row.channel, activeUnitIds })) return notFound();
    return { row, activeUnitIds };
  }
}
