import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FROM_ROWS } from '../../src/db/migrations/2026-12-01-summaries-001-daily-figures.js';
import { FROM_ROWS as RANKING_FROM_ROWS } from '../../src/db/migrations/2026-12-06-ranking-001-held-and-late-signing.js';
import { FROM_ROWS as OVERDUE_FROM_ROWS } from '../../src/db/migrations/2026-12-07-officedecision-001-decision-clock.js';
import { hotWords } from '../../src/domain/county-figures.js';
import { DAY_MS } from '../../src/domain/time.js';
import { DeadlineWatcher } from '../../src/jobs/deadline-watcher.js';
import { Notifier } from '../../src/modules/notifications/notifier.js';
import {
  recomputeRepeatVerdicts,
  repeatComplaintsByUnit,
  storedRepeatComplaintsByUnit,
} from '../../src/modules/repeats/repeat-figures.js';
import { overdueByUnit, overdueOrders } from '../../src/modules/statistics/overdue-orders.js';
import type { OrderDetail } from '../../src/modules/work-orders/work-order.responses.js';
import { act, anOrder, aReply, contact, ok, replySignedOff } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';
import { uploadScan } from '../support/upload.js';

/**
 * The pre-summed daily figures (kept by triggers) against the same figures counted from the
 * rows, after random sequences of real workflow actions over the HTTP API; and the statistics
 * endpoints against figures computed from the rows as they were before the daily figures.
 */
const TITLES = ['小区门口路灯损坏', '路灯不亮影响出行', '供水管道漏水', '噪音扰民严重', '供水水压不足'];
const UNITS = [
  { lead: 'housing', liaison: 'housing-a', leader: 'housing-leader' },
  { lead: 'water', liaison: 'water-a', leader: 'water-leader' },
];
const NUMERIC = ['n', 'unit_id', 'reply_ms', 'began_ms'];
const PERIOD = { from: '2026-03-01', to: '2026-04-30' };

/** Callers and places that come back, written in more than one way, so complaints repeat. */
const PHONES = ['13909721234', '+86 139-0972-1234', '13800004321', '0972-8520000'];
const ADDRESSES = ['河湾镇滨河路 12 号', '河湾镇滨河路12号', '城关镇解放路 3 号院'];
/** The repeat settings a 'settings' step switches between. */
const REPEAT_SETTINGS = [
  { windowDays: 30, minSimilarity: 0.3 },
  { windowDays: 2, minSimilarity: 0.6 },
];

const step = fc.record({
  kind: fc.constantFrom(
    'register',
    'register',
    'advance',
    'advance',
    'advance',
    'advance',
    'watch',
    'settings',
  ),
  pick: fc.nat(),
  variant: fc.nat(),
  hours: fc.integer({ min: 0, max: 12 }),
});

describe(`pre-summed daily figures (${TEST_DIALECT})`, () => {
  let t: TestApp;
  const orders: OrderDetail[] = [];
  const linked = new Set<number>();
  const extended = new Set<number>();

  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(async () => {
    await t.close();
  });

  /** One step on an order: the next action of its state, chosen by `variant`. */
  async function advance(o: OrderDetail, variant: number): Promise<OrderDetail> {
    const unit =
      UNITS.find((u) => t.unitId(u.lead) === o.leadUnit?.id) ?? (UNITS[0] as (typeof UNITS)[number]);
    const dispatcher = () => t.as('dispatcher');
    const reviewer = () => t.as('reviewer');
    switch (o.state) {
      case 'pending_dispatch': {
        // Now and then the office voids a call, merges it into another or links it as a repeat.
        const other = orders.find((x) => x.id !== o.id && x.state !== 'voided');
        if (variant % 13 === 1) return act(await dispatcher(), o, 'void', { reason: '来电人撤回诉求' });
        if (variant % 13 === 2 && other)
          return act(await dispatcher(), o, 'merge', { intoCode: other.code, reason: '同一事项重复来电' });
        if (variant % 13 === 3 && other && !linked.has(o.id)) {
          linked.add(o.id);
          return act(await dispatcher(), o, 'linkRepeat', { repeatOfCode: other.code });
        }
        const u = UNITS[variant % 2] as (typeof UNITS)[number];
        return act(await dispatcher(), o, 'dispatch', {
          leadUnitId: t.unitId(u.lead),
          coUnitIds: variant % 3 === 0 ? [t.unitId(u.lead === 'water' ? 'housing' : 'water')] : [],
        });
      }
      case 'pending_sign':
        return act(await t.as(unit.liaison), o, 'sign');
      case 'handling': {
        // Now and then the unit asks for more time and the office decides: the deadline moves
        // while the order stays on the unit's clock (the overdue sums must move with it).
        if (o.pendingExtension)
          return variant % 3 === 0
            ? act(await dispatcher(), o, 'rejectExtension', { opinion: '理由不充分,请按期办结' })
            : act(await dispatcher(), o, 'approveExtension');
        if (
          variant % 4 === 3 &&
          o.handleBy &&
          Date.parse(o.handleBy) > t.clock.now().getTime() &&
          !extended.has(o.id)
        ) {
          extended.add(o.id);
          const scan = await uploadScan(t, unit.liaison, o.id, 'extension_scan');
          const fresh = await ok((await t.as(unit.liaison)).get(`/api/work-orders/${o.id}`));
          return act(await t.as(unit.liaison), fresh, 'requestExtension', {
            reason: '需协调多个部门共同处置,时间较长',
            requestedDeadline: new Date(Date.parse(o.handleBy) + (1 + (variant % 9)) * DAY_MS).toISOString(),
            mainLeaderName: '赵志刚',
            scanAttachmentId: scan.id,
          });
        }
        const replyAt = new Date(t.clock.now().getTime() - 60_000).toISOString();
        return replySignedOff(await t.as(unit.liaison), await t.as(unit.leader), o, {
          reply: aReply({ citizenContact: contact(replyAt) }),
        });
      }
      case 'pending_review':
        if (variant % 4 === 0) {
          return act(await reviewer(), o, 'orderRedo', {
            reasons: ['poor_quality'],
            opinion: '未写明整改措施',
          });
        }
        return act(await reviewer(), o, 'acceptReview');
      case 'pending_callback': {
        const result = ['satisfied', 'basically_satisfied', 'unsatisfied', 'unreachable'][variant % 4];
        const called = await act(await reviewer(), o, 'callback', { result, note: '群众认为问题没有解决' });
        if (called.state !== 'pending_callback' || result === 'unreachable') return called;
        // An unsatisfied citizen sends the order back to the unit; a satisfied one closes it.
        return result === 'unsatisfied'
          ? act(await reviewer(), called, 'orderRedo', {
              reasons: ['citizen_unsatisfied'],
              opinion: '请再次上门核实',
            })
          : act(await reviewer(), called, 'close');
      }
      default:
        return o;
    }
  }

  async function run(steps: Step[]) {
    for (const s of steps) {
      t.clock.set(new Date(t.clock.now().getTime() + s.hours * 3_600_000).toISOString());
      if (s.kind === 'register') {
        const dispatcher = await t.as('dispatcher');
        orders.push(
          await ok(
            dispatcher.post(
              '/api/work-orders',
              anOrder({
                title: TITLES[s.variant % TITLES.length],
                channel: ['phone', 'web', 'walk_in'][s.variant % 3],
                type: ['complaint', 'complaint', 'help', 'consult'][s.pick % 4],
                categoryId: s.pick % 5 === 0 ? null : 5 + (s.pick % 2),
                citizenPhone: PHONES[s.variant % PHONES.length],
                citizenAddress: ADDRESSES[s.pick % ADDRESSES.length],
              }),
            ),
            201,
          ),
        );
      } else if (s.kind === 'settings') {
        const office = await t.as('dispatcher');
        const current = (await ok(office.get('/api/settings/assistant'))) as Record<string, unknown>;
        const repeats = REPEAT_SETTINGS[s.variant % REPEAT_SETTINGS.length];
        await ok(office.put('/api/settings/assistant', { ...current, repeats }));
      } else if (s.kind === 'watch') {
        await new DeadlineWatcher(t.ctx, new Notifier(t.ctx.settings)).runOnce();
      } else if (orders.length > 0) {
        const i = s.pick % orders.length;
        const fresh = await ok(
          (await t.as('dispatcher')).get(`/api/work-orders/${(orders[i] as OrderDetail).id}`),
        );
        orders[i] = await advance(fresh, s.variant);
      }
    }
  }

  /** A table's rows with a count, sorted, numbers as numbers. */
  async function rows(query: string) {
    const result = await sql.raw<Record<string, unknown>>(query).execute(t.ctx.db.kysely);
    return result.rows
      .filter((r) => Number(r.n) !== 0)
      .map((r) =>
        // Counts and sums as numbers (PostgreSQL returns bigint sums as text).
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, NUMERIC.includes(k) ? Number(v) : v])),
      )
      .map((r) => JSON.stringify(r, Object.keys(r).sort()))
      .sort();
  }

  /**
   * 期内超期 and 重复投诉 per unit, read the fast way (pre-summed deadlines, stored verdicts),
   * against the same figures counted from the rows, for periods before, around and after now.
   */
  async function expectUnitFiguresMatchRows() {
    const db = t.ctx.db.kysely;
    const now = t.clock.now();
    const settings = (await t.ctx.settings.assistant()).repeats;
    // The verdicts follow the settings once the recompute the settings page started is done.
    await recomputeRepeatVerdicts(db, settings);
    const days = [-40, -3, -1, 0, 1, 30].map((d) => {
      const day = new Date(now.getTime() + d * DAY_MS);
      return new Date(Date.parse(`${day.toISOString().slice(0, 10)}T00:00:00+08:00`)).toISOString();
    });
    for (const [i, start] of days.entries())
      for (const end of days.slice(i + 1)) {
        const fromRows = new Map<number, number>();
        for (const unitId of (await overdueOrders(db, start, end, now)).values())
          if (unitId !== null) fromRows.set(unitId, (fromRows.get(unitId) ?? 0) + 1);
        expect(sorted(await overdueByUnit(db, start, end, now)), `期内超期 ${start}–${end}`).toEqual(
          sorted(fromRows),
        );
        expect(
          sorted(await storedRepeatComplaintsByUnit(db, db, start, end, settings)),
          `重复投诉 ${start}–${end}`,
        ).toEqual(sorted(await repeatComplaintsByUnit(db, start, end, settings)));
      }
  }
  const sorted = (m: Map<number, number>) => [...m].sort((a, b) => a[0] - b[0]);

  async function expectSumsMatchRows() {
    const { overdue_deadline_days } = OVERDUE_FROM_ROWS(TEST_DIALECT);
    expect(await rows('select * from overdue_deadline_days'), 'overdue_deadline_days').toEqual(
      await rows(overdue_deadline_days),
    );
    // 期初在手 and 超时签收: the sums of the events, and the orders in hand now the sum of all days.
    for (const [table, select] of Object.entries(RANKING_FROM_ROWS(TEST_DIALECT)))
      expect(await rows(`select * from ${table}`), table).toEqual(await rows(select));
    expect(
      await rows('select unit_id, sum(n) as n from unit_held_days group by unit_id'),
      'unit_held_days against the orders in hand',
    ).toEqual(
      await rows(`select lead_unit_id as unit_id, count(*) as n from work_orders
        where state in ('pending_sign', 'return_requested', 'handling', 'pending_sign_off') group by lead_unit_id`),
    );
    for (const [table, select] of Object.entries(FROM_ROWS(TEST_DIALECT))) {
      const columns =
        table === 'unit_reply_spans' ? 'reply_day, unit_id, began_day, n, reply_ms, began_ms' : '*';
      expect(await rows(`select ${columns} from ${table}`), table).toEqual(await rows(select));
    }
  }

  it('equal the figures counted from the rows after random workflow actions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 25 }), async (steps) => {
        await run(steps);
        await expectSumsMatchRows();
        await expectUnitFiguresMatchRows();
      }),
      // No shrinking: each attempt would run more actions on the same database and clock.
      // A fixed seed: the check below needs every kind of figure reached, and an unlucky draw
      // (no deadline passed unanswered) failed a CI run. Change the seed to explore other runs.
      { numRuns: 6, endOnFailure: true, seed: 20261201 },
    );
    expect(orders.length).toBeGreaterThan(5);
    // The runs reached every kind of figure.
    for (const table of [
      'order_day_figures',
      'unit_event_days',
      'unit_reply_spans',
      'overdue_deadline_days',
      'complaint_repeats',
      'unit_held_days',
      'unit_sign_late_days',
    ]) {
      expect((await rows(`select * from ${table}`)).length, table).toBeGreaterThan(0);
    }
  }, 600_000);

  it('give the statistics pages the figures the rows give', async () => {
    await run(
      Array.from({ length: 40 }, (_, i) => ({
        kind: i % 3 === 0 ? 'register' : i % 11 === 0 ? 'watch' : 'advance',
        pick: i * 7,
        variant: i * 5,
        hours: (i * 13) % 30,
      })),
    );
    const office = await t.as('dispatcher');
    const q = `period=custom&from=${PERIOD.from}&to=${PERIOD.to}`;
    const county = (await (await office.get(`/api/statistics/county?${q}`)).json()) as {
      total: number;
      bySource: Array<{ key: string; count: number }>;
      byDay: Array<{ day: string; count: number }>;
      hotWords: unknown[];
    };
    const k = t.ctx.db.kysely;
    const inPeriod = await k
      .selectFrom('work_orders')
      .select(['channel', 'created_day', 'title'])
      .where('created_day', '>=', PERIOD.from)
      .where('created_day', '<=', PERIOD.to)
      .execute();
    const tally = (keys: string[]) =>
      [...keys.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>())].sort();
    expect(county.total).toBe(inPeriod.length);
    expect(county.bySource.map((s) => [s.key, s.count]).sort()).toEqual(
      tally(inPeriod.map((o) => o.channel)),
    );
    expect(county.byDay.filter((d) => d.count > 0).map((d) => [d.day, d.count])).toEqual(
      tally(inPeriod.map((o) => o.created_day as string)),
    );
    expect(county.byDay[0]?.day).toBe(PERIOD.from);
    expect(county.byDay.at(-1)?.day).toBe(PERIOD.to);
    const before = await k
      .selectFrom('work_orders')
      .select('title')
      .where('created_day', '>=', '2026-01-01')
      .where('created_day', '<=', '2026-02-28')
      .execute();
    expect(county.hotWords).toEqual(
      hotWords(
        inPeriod.map((o) => o.title),
        before.map((o) => o.title),
      ),
    );

    // A unit's counts and handling time, as counted from the events before the daily figures.
    const units = (await (await office.get(`/api/statistics/units?${q}`)).json()) as {
      units: Array<{ unitId: number; counts: Record<string, number> }>;
    };
    const start = '2026-02-28T16:00:00.000Z';
    const end = '2026-04-30T16:00:00.000Z';
    const events = await k
      .selectFrom('work_order_events')
      .select(['id', 'order_id', 'unit_id', 'type', 'outcome', 'at'])
      .orderBy('id')
      .execute();
    const calendar = await t.ctx.calendar.calendar();
    for (const u of units.units.filter((x) => [t.unitId('housing'), t.unitId('water')].includes(x.unitId))) {
      const mine = events.filter((e) => e.unit_id === u.unitId && e.at >= start && e.at < end);
      const count = (type: string, outcome?: string) =>
        mine.filter((e) => e.type === type && (outcome === undefined || e.outcome === outcome)).length;
      expect(u.counts.received).toBe(count('dispatched'));
      expect(u.counts.signedOnTime).toBe(count('signed', 'on_time'));
      expect(u.counts.replied).toBe(count('replied') + count('fax_reply_recorded'));
      expect(u.counts.redone).toBe(count('redo_ordered'));
      expect(u.counts.satisfied).toBe(count('callback_recorded', 'satisfied'));
      expect(u.counts.urges).toBe(count('urged'));
      let days = 0;
      for (const r of mine.filter((e) => e.type === 'replied' || e.type === 'fax_reply_recorded')) {
        const began = events
          .filter(
            (e) =>
              e.order_id === r.order_id && e.id < r.id && ['dispatched', 'redo_ordered'].includes(e.type),
          )
          .at(-1);
        if (began) days += calendar.workingMsBetween(new Date(began.at), new Date(r.at)) / DAY_MS;
      }
      expect(u.counts.handlingWorkingDays).toBeCloseTo(days, 9);
    }
    expect(units.units.some((u) => (u.counts.replied ?? 0) > 0)).toBe(true);
  }, 600_000);
});

interface Step {
  kind: string;
  pick: number;
  variant: number;
  hours: number;
}
