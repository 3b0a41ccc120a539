import { CityPollRepository } from '../db/repositories/city-poll.repository.js';
import { CityRefusedRepository } from '../db/repositories/city-refused.repository.js';
import { CitySyncRepository } from '../db/repositories/city-sync.repository.js';
import type { EventActor } from '../db/repositories/work-order.repository.js';
import { ORDERS_CURSOR, POLL_REASON_MAX, type PollAttempt } from '../domain/city-poll.js';
import { AppRefusal } from '../domain/refusal.js';
import { cityOrderBody } from '../modules/city/city.schemas.js';
import { type CityAdapter, PermanentCityError } from '../modules/city/city-adapter.js';
import { registerCityOrder } from '../modules/city/city-inbound.service.js';
import type { CityLinkSettings } from '../modules/city/city-link.settings.js';
import { jsonCityAdapter } from '../modules/city/json-adapter.js';
import { officeClockLimits } from '../modules/work-orders/register-order.js';
import type { AppContext } from '../server/context.js';

/** Pages read per round, so one round of a long backlog does not hold the timer for long. */
const MAX_PAGES = 20;

export interface PollOutcome {
  pages: number;
  received: number;
  duplicates: number;
  refused: { cityOrderNo: string; reason: string }[];
}

class CursorMoved extends Error {}
/** Huiyin's own setup is missing the unit pulled orders are registered in: the office can act on that. */
class MissingCityUnit extends Error {}

/**
 * Pulls the city's order list where the city does not push (issue 10, item 5). A page of orders
 * and the cursor after it are stored in one transaction, and the cursor only moves from the
 * value it was read at: a crash before commit re-reads the page, a second process reading the
 * same page rolls back, and an order seen twice is recognised by its city order number.
 * Pulled orders are registered in the city platform unit's name, as pushed ones are in the
 * city's API client's: no user account stands for the city.
 */
export class CityOrderPoller {
  constructor(
    private readonly ctx: AppContext,
    private readonly adapterFor: (s: CityLinkSettings) => CityAdapter = (s) =>
      jsonCityAdapter(s, ctx.outbound),
  ) {}

  /**
   * Polls when the administrator's interval has passed since the last poll, whether that one read
   * the list or failed: a city that is down or refuses is asked again at the interval, not at
   * every tick of the job (every 5 s), which would only add to its trouble.
   */
  async pollIfDue(): Promise<PollOutcome | null> {
    const s = await this.ctx.settings.cityLink();
    if (!s?.enabled || !s.ordersUrl || !s.pollEverySeconds) return null;
    const db = this.ctx.db.kysely;
    const [read, tried] = await Promise.all([
      new CitySyncRepository(db).cursor(ORDERS_CURSOR),
      new CityPollRepository(db).lastPolledAt(),
    ]);
    const last = Math.max(read ? Date.parse(read.polledAt) : 0, tried ? Date.parse(tried) : 0);
    if (last + s.pollEverySeconds * 1000 > this.ctx.clock.now().getTime()) return null;
    return this.poll(s);
  }

  /**
   * Polls, and records how it went where the office and the administrator see it
   * (city_poll_runs); a failure is thrown on as well, for the service log and the job's rounds.
   */
  async poll(settings: CityLinkSettings): Promise<PollOutcome> {
    const reading = { city: false };
    try {
      const outcome = await this.pollPages(settings, reading);
      await this.recordRun({
        outcome: 'ok',
        reason: null,
        received: outcome.received,
        refusedOrders: outcome.refused.length,
      });
      return outcome;
    } catch (e) {
      try {
        await this.recordRun(failedPoll(e, reading.city));
      } catch (recording) {
        throw new AggregateError([e, recording], 'city order poll failed, and so did recording it');
      }
      throw e;
    }
  }

  private async recordRun(attempt: PollAttempt): Promise<void> {
    const at = this.ctx.clock.now().toISOString();
    await this.ctx.db.kysely.transaction().execute((trx) => new CityPollRepository(trx).record(attempt, at));
  }

  /** `reading.city` is true while the city's list is being read: a failure then is the city's, or the address's. */
  private async pollPages(settings: CityLinkSettings, reading: { city: boolean }): Promise<PollOutcome> {
    const adapter = this.adapterFor(settings);
    const db = this.ctx.db.kysely;
    const actor = await this.cityActor();
    const now = this.ctx.clock.now();
    const outcome: PollOutcome = { pages: 0, received: 0, duplicates: 0, refused: [] };
    for (let page = 0; page < MAX_PAGES; page++) {
      const from = (await new CitySyncRepository(db).cursor(ORDERS_CURSOR))?.cursor ?? null;
      reading.city = true;
      const { orders, cursor } = await adapter.fetchOrders(from);
      reading.city = false;
      const at = this.ctx.clock.now().toISOString();
      const limits = await officeClockLimits(this.ctx);
      try {
        await db.transaction().execute(async (trx) => {
          // The cursor first: on PostgreSQL its row lock makes a second poller of this page wait,
          // then find the cursor moved and store nothing.
          if (!(await new CitySyncRepository(trx).advance(ORDERS_CURSOR, from, cursor ?? from ?? '', at)))
            throw new CursorMoved();
          // The cursor moves past a refused row with its page: it is kept for the office instead.
          const refusals = new CityRefusedRepository(trx);
          for (const raw of orders) {
            const parsed = cityOrderBody.safeParse(raw);
            const no =
              String((raw as { cityOrderNo?: unknown }).cityOrderNo ?? '').slice(0, 64) || '（无编号）';
            let reason: string | null = null;
            if (!parsed.success) {
              reason = parsed.error.issues
                .map((i) => `${i.path.length > 0 ? `${i.path.join('.')}：` : ''}${i.message}`)
                .join('；');
            } else {
              try {
                const r = await registerCityOrder(trx, parsed.data, actor, now, limits);
                if (r.body.duplicate) outcome.duplicates++;
                else outcome.received++;
              } catch (e) {
                if (!(e instanceof AppRefusal)) throw e;
                reason = e.message;
              }
            }
            if (reason !== null) {
              outcome.refused.push({ cityOrderNo: no, reason });
              await refusals.keep(no, reason, raw, at);
            }
          }
        });
      } catch (e) {
        if (e instanceof CursorMoved) break;
        throw e;
      }
      outcome.pages++;
      if (orders.length === 0) break;
    }
    return outcome;
  }

  private async cityActor(): Promise<EventActor> {
    const unit = await new CitySyncRepository(this.ctx.db.kysely).cityPlatformUnit();
    if (!unit) throw new MissingCityUnit('没有市级平台单位（单位类型为市级平台），无法登记拉取的工单');
    return { userId: null, unitId: unit.id, name: `${unit.name}（工单列表拉取）`, ip: null };
  }
}

/**
 * A failed poll as the office reads it: the adapter's own sentence when reading the city's list
 * failed (refused when it would fail again the same way: the address refused by the outbound
 * guard, a request the city refuses), else Huiyin's own fault, whose details are for the log.
 */
function failedPoll(e: unknown, readingCity: boolean): PollAttempt {
  const said = e instanceof Error ? e.message : String(e);
  const ours = !readingCity && !(e instanceof MissingCityUnit);
  return {
    outcome: readingCity && e instanceof PermanentCityError ? 'refused' : 'failed',
    reason: (ours ? '回音登记拉取到的工单时出错，详见服务日志' : said).slice(0, POLL_REASON_MAX),
    received: 0,
    refusedOrders: 0,
  };
}
