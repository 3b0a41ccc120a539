import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORDERS, DEMO_UNITS } from '../../src/setup/seed/demo-county.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

/**
 * The demo county, as `npm start` writes it on a fresh database: every order driven through the
 * real workflow, so each rule the workflow enforces (the reply standard among them) holds for the
 * demo's own steps. The browser tests start from it; a rule the demo breaks stops them all.
 */
describe(`the demo county seeds through the workflow (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(new Date().toISOString(), {}, { demoOrders: true });
  }, 120_000);
  afterAll(() => t.close());

  it('ends with orders in every state, and its replies meet the standard', async () => {
    const states = await t.ctx.db.kysely.selectFrom('work_orders').select('state').distinct().execute();
    expect(states.map((s) => s.state).sort()).toEqual(
      expect.arrayContaining(['closed', 'handling', 'pending_dispatch', 'pending_review', 'pending_sign']),
    );
    const reply = await (await t.as('reviewer')).get('/api/work-orders?state=pending_review&pageSize=1');
    expect(reply.statusCode).toBe(200);
  });

  it("returns an order only from a unit it was sent to by mistake, suggesting the order's own unit", async () => {
    const returned = await t.ctx.db.kysely
      .selectFrom('work_orders as o')
      .innerJoin('units as u', 'u.id', 'o.lead_unit_id')
      .select(['o.title', 'u.name as lead'])
      .where('o.state', '=', 'return_requested')
      .execute();
    expect(returned.length).toBeGreaterThan(0);
    for (const r of returned) {
      const demo = DEMO_ORDERS.find((o) => o.title === r.title);
      const right = DEMO_UNITS.find((u) => u.code === demo?.suggestedLeadUnitCode)?.name;
      expect(demo?.misdispatch?.suggestedUnit, r.title).toBe(right);
      expect(r.lead, r.title).not.toBe(right);
    }
  });
});

/**
 * Started in the last days of a year, before the State Council publishes the next year's
 * arrangement, the demo's deadlines reach into that year; started in January on a fresh machine, the
 * year itself is one no package holds. Either way the demo generates the provisional year (as the
 * county's administrator would) rather than failing to start.
 */
describe.each([
  ['at year end', '2026-12-28T09:00:00+08:00'],
  ['in a year no package holds', '2027-01-12T09:00:00+08:00'],
])(`the demo county started %s (${TEST_DIALECT})`, (_when, startedAt) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(startedAt, {}, { demoOrders: true });
  }, 120_000);
  afterAll(() => t?.close());

  it('generates the years its orders reach provisionally and still seeds every state', async () => {
    // Provisional while no package publishes 2027; the package's own once one does.
    expect(await t.ctx.calendar.missingYears()).toEqual([]);
    const years = await t.ctx.calendar.years();
    expect(years.find((y) => y.year === 2027)?.source).toBe('provisional');
    const states = await t.ctx.db.kysely.selectFrom('work_orders').select('state').distinct().execute();
    expect(states.map((s) => s.state)).toEqual(
      expect.arrayContaining(['closed', 'handling', 'pending_dispatch', 'pending_review', 'pending_sign']),
    );
  });
});
