import { type Kysely, sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/schema.js';
import type { NoticeFacts } from '../../src/domain/notification-policy.js';
import type { DecidedEvent } from '../../src/domain/workflow/index.js';
import { DeadlineWatcher } from '../../src/jobs/deadline-watcher.js';
import { Notifier } from '../../src/modules/notifications/notifier.js';
import type { OrderDetail } from '../../src/modules/work-orders/work-order.responses.js';
import { act, aReply, contact, ok, registeredAndDispatched, replySignedOff } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

type Notifications = { items: Array<{ kind: string; orderId: number | null; title: string; body: string }> };
type Figures = { units: Array<{ unitId: number; counts: { coSilent: number } }> };

/**
 * A notifier that holds the watcher inside its transaction once it has claimed a co-unit's
 * lateness on one order (the claim made, its event written, not yet committed), until released.
 */
class HoldingNotifier extends Notifier {
  backendPid: number | null = null;
  private reach: () => void = () => {};
  readonly reached = new Promise<void>((r) => {
    this.reach = r;
  });
  release: () => void = () => {};
  private readonly gate = new Promise<void>((r) => {
    this.release = r;
  });

  constructor(
    t: TestApp,
    private readonly orderId: number,
  ) {
    super(t.ctx.settings);
  }

  override async forEvents(
    trx: Transaction<Database>,
    orderId: number | null,
    facts: NoticeFacts,
    events: DecidedEvent[],
    now: Date,
  ) {
    if (orderId === this.orderId && events.some((e) => e.type === 'co_unit_silent')) {
      if (TEST_DIALECT === 'postgres')
        this.backendPid =
          (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]?.pid ?? null;
      this.reach();
      await this.gate;
    }
    return super.forEvents(trx, orderId, facts, events, now);
  }
}

describe(`a co-unit's late opinion is 协办超时, counted once whoever records it (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  /** The watcher as another server process runs it: on PostgreSQL, on a pool of its own. */
  const watcherOn = (notifier: Notifier, db: Kysely<Database> | null = null) =>
    new DeadlineWatcher(db ? { ...t.ctx, db: { ...t.ctx.db, kysely: db } } : t.ctx, notifier);
  const silenceOf = async (orderId: number) => {
    const order = await ok((await t.as('dispatcher')).get(`/api/work-orders/${orderId}`));
    return order.timeline.filter((e) => e.type === 'co_unit_silent');
  };
  const coSilent = async (date: string, unit: string) => {
    const f = (await ok(
      (await t.as('dispatcher')).get(`/api/statistics/units?period=week&date=${date}`),
    )) as unknown as Figures;
    return f.units.find((u) => u.unitId === t.unitId(unit))?.counts.coSilent ?? 0;
  };
  const inbox = async (user: string) =>
    ((await ok((await t.as(user)).get('/api/notifications'))) as unknown as Notifications).items;
  const signedByCo = async (lead: string, co: string[]) => {
    const order = await registeredAndDispatched(t, lead, co);
    for (const unit of co) {
      const c = await t.as(`${unit}-a`);
      await act(c, await ok(c.get(`/api/work-orders/${order.id}`)), 'coSign');
    }
    return order;
  };
  const opinion = async (user: string, orderId: number) => {
    const c = await t.as(user);
    return act(c, await ok(c.get(`/api/work-orders/${orderId}`)), 'coOpinion', {
      content: '城关派出所已调取监控，咬人犬只系附近居民散养，已找到犬主。',
    });
  };

  it('given after its deadline and before the watcher’s round: recorded with it, dated at the deadline, in that week’s figures', async () => {
    t.clock.set('2026-03-02T09:00:00+08:00');
    const order = await signedByCo('urban', ['police']);
    const deadline = order.deadlines.coUnit.at as string;
    expect(deadline).toBe('2026-03-05T16:00:00.000Z'); // Thu 03-05 24:00
    // The next Monday, the watcher not having run since (an outage).
    t.clock.set('2026-03-09T10:00:00+08:00');
    const after = await opinion('police-a', order.id);
    expect(after.timeline.find((e) => e.type === 'co_opinion_given')?.payload.late).toBe(true);
    const silence = await silenceOf(order.id);
    // A fact of the clock, shown as the system's as when the watcher records it, not as the co-unit's act.
    expect(silence.map((e) => [e.payload.unitId, e.payload.deadline, e.at, e.actorName])).toEqual([
      [t.unitId('police'), deadline, deadline, '系统'],
    ]);
    expect(after.assignments.find((a) => a.unitId === t.unitId('police'))?.silent).toBe(true);
    // It is not told it has "still not" given the opinion it just gave.
    expect(
      (await inbox('police-a')).filter((n) => n.orderId === order.id && n.kind === 'co_unit_silent'),
    ).toEqual([]);
    // The watcher's round afterwards leaves it alone.
    expect((await watcherOn(new Notifier(t.ctx.settings)).runOnce()).co_unit_silent).toBe(0);
    expect(await silenceOf(order.id)).toHaveLength(1);
    // In the week of its deadline, not of the opinion; the drill-down and the bulletin read the same.
    expect([await coSilent('2026-03-03', 'police'), await coSilent('2026-03-10', 'police')]).toEqual([1, 0]);
    const office = await t.as('dispatcher');
    const drill = (await ok(
      office.get(
        `/api/statistics/drill?period=week&date=2026-03-03&unitId=${t.unitId('police')}&indicator=coSilent`,
      ),
    )) as unknown as { items: Array<{ id: number }> };
    expect(drill.items.map((o) => o.id)).toEqual([order.id]);
    const bulletin = (await ok(
      (await t.as('reviewer')).post('/api/bulletins', { from: '2026-03-02', to: '2026-03-08' }),
      201,
    )) as unknown as { body: string };
    expect(bulletin.body).toContain('（七）协办不力。协办单位到期未提出协办意见的：县公安局1件。');
  });

  it('the lead’s reply records a silent co-unit at its deadline too, and its later opinion records nothing more', async () => {
    t.clock.set('2026-03-16T09:00:00+08:00');
    let order = await signedByCo('urban', ['market']);
    const deadline = order.deadlines.coUnit.at as string;
    const lead = await t.as('urban-a');
    order = await act(lead, await ok(lead.get(`/api/work-orders/${order.id}`)), 'sign');
    t.clock.set('2026-03-23T10:00:00+08:00');
    order = await replySignedOff(lead, await t.as('urban-leader'), order, {
      reply: aReply({ citizenContact: contact(new Date(t.clock.now().getTime() - 600_000).toISOString()) }),
    });
    expect((await silenceOf(order.id)).map((e) => [e.payload.unitId, e.at, e.actorName])).toEqual([
      [t.unitId('market'), deadline, '系统'],
    ]);
    // Told, since it still has not given its opinion.
    expect((await inbox('market-a')).some((n) => n.orderId === order.id && n.kind === 'co_unit_silent')).toBe(
      true,
    );
    order = await act(await t.as('reviewer'), order, 'orderRedo', {
      reasons: ['unclear'],
      opinion: '答复不清楚，请会同协办单位重新办理',
    });
    await opinion('market-a', order.id);
    expect(await silenceOf(order.id)).toHaveLength(1);
    expect([await coSilent('2026-03-17', 'market'), await coSilent('2026-03-24', 'market')]).toEqual([1, 0]);
  });

  it('the watcher claiming while the opinion is given: the opinion waits for it and records nothing more', async () => {
    t.clock.set('2026-04-13T09:00:00+08:00');
    const order = await signedByCo('urban', ['police']);
    t.clock.set('2026-04-20T10:00:00+08:00');
    const { round, given } = await whileWatcherHolds(order.id, async (holding) => {
      const given = opinion('police-a', order.id);
      // On PostgreSQL the opinion reaches the co-unit's claimed row and waits on the watcher's lock;
      // on SQLite it waits for the one connection the watcher's transaction holds.
      await blockedBy(holding.backendPid);
      return { given };
    });
    expect(round.co_unit_silent).toBe(1);
    expect((await given).timeline.find((e) => e.type === 'co_opinion_given')?.payload.late).toBe(true);
    const silence = await silenceOf(order.id);
    expect(silence.map((e) => [e.payload.unitId, e.actorName])).toEqual([[t.unitId('police'), '系统']]);
    expect(await coSilent('2026-04-14', 'police')).toBe(1);
  });

  it('an opinion given after the watcher read its list: the watcher’s claim skips it', async () => {
    t.clock.set('2026-05-11T09:00:00+08:00');
    const first = await signedByCo('urban', ['market']);
    const second = await signedByCo('urban', ['police']);
    t.clock.set('2026-05-18T10:00:00+08:00');
    // The watcher read both co-units as late, and is held on the first order's.
    const { round, given } = await whileWatcherHolds(first.id, async () => {
      const given = opinion('police-a', second.id);
      // On PostgreSQL the second order is free: the opinion is given and recorded before the watcher
      // comes to it. On SQLite it waits for the connection and comes after the first order's claim.
      if (TEST_DIALECT === 'postgres') await given;
      else await blockedBy(null);
      return { given };
    });
    await given;
    if (TEST_DIALECT === 'postgres') expect(round.co_unit_silent).toBe(1);
    expect((await silenceOf(first.id)).map((e) => e.payload.unitId)).toEqual([t.unitId('market')]);
    expect((await silenceOf(second.id)).map((e) => e.payload.unitId)).toEqual([t.unitId('police')]);
    expect([await coSilent('2026-05-12', 'market'), await coSilent('2026-05-12', 'police')]).toEqual([1, 1]);
  });

  /**
   * A watcher round on a connection of its own (another server process), held once it has claimed
   * a co-unit's lateness on `heldOn` while `meanwhile` gives an opinion (not awaited: it may wait
   * for the watcher); then let go and finished.
   */
  async function whileWatcherHolds(
    heldOn: number,
    meanwhile: (holding: HoldingNotifier) => Promise<{ given: Promise<OrderDetail> }>,
  ) {
    const other = t.anotherConnection();
    const holding = new HoldingNotifier(t, heldOn);
    try {
      const round = watcherOn(holding, other?.kysely).runOnce();
      await holding.reached;
      const { given } = await meanwhile(holding);
      holding.release();
      return { round: await round, given };
    } finally {
      holding.release();
      await other?.close();
    }
  }

  /**
   * Until a statement waits on the lock of the watcher's backend (PostgreSQL). On SQLite there is
   * one connection, which the held transaction has: whatever comes meanwhile waits for it anyway.
   */
  async function blockedBy(pid: number | null): Promise<void> {
    if (TEST_DIALECT !== 'postgres' || pid === null) {
      await new Promise((r) => setTimeout(r, 50));
      return;
    }
    for (let i = 0; i < 500; i++) {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pg_stat_activity where ${pid} = any(pg_blocking_pids(pid))`.execute(
        t.ctx.db.kysely,
      );
      if ((rows[0]?.n ?? 0) > 0) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('the opinion never waited on the watcher');
  }
});
