import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dueSoonFrom, signDueSoonWindow } from '../../src/domain/deadlines.js';
import { DeadlineWatcher } from '../../src/jobs/deadline-watcher.js';
import { Notifier } from '../../src/modules/notifications/notifier.js';
import { detailOf } from '../../src/modules/work-orders/work-order.detail.js';
import { detailResponse, type OrderDetail } from '../../src/modules/work-orders/work-order.responses.js';
import { WorkOrderService } from '../../src/modules/work-orders/work-order.service.js';
import { actorOf } from '../support/actors.js';
import { encodedGet } from '../support/encoded-get.js';
import { act, anOrder, ok, registeredAndDispatched } from '../support/orders.js';
import { servedStored } from '../support/stored-serves.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

/**
 * An order's page is stored and sent again while it is still right (order-page.ts). Every check
 * here compares the page served through HTTP with the page built afresh from the database at
 * the same instant, for the same user: after each kind of change, and at random instants.
 */
describe(`stored order pages (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00', {}, { countQueries: true });
  });
  afterAll(() => t.close());

  /** The page as the route would build it with nothing stored. */
  async function fresh(id: number, username: string) {
    const actor = await actorOf(t, username);
    const visible = await new WorkOrderService(t.ctx).loadWholeVisible(id, actor);
    return JSON.parse(JSON.stringify(z.encode(detailResponse, await detailOf(t.ctx, visible, actor))));
  }

  /** Reads the page through HTTP and expects it to be the fresh one; returns the statements run. */
  async function expectCurrent(id: number, username: string) {
    await t.cookieOf(username); // a sign-in, when needed, before the statements are counted
    const before = t.queries.length;
    const { result: answer, stored } = await servedStored(() =>
      encodedGet(t, username, `/api/work-orders/${id}`),
    );
    const ran = t.queries.slice(before).filter((q) => q !== 'select sessions,users');
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(
      JSON.parse(answer.body),
      `page of ${id} for ${username} at ${t.clock.now().toISOString()}`,
    ).toEqual(await fresh(id, username));
    return { ran, stored, page: JSON.parse(answer.body) as OrderDetail };
  }

  it('is served again after one small read at most, and per viewer: another user gets their own page', async () => {
    const order = await registeredAndDispatched(t, 'housing', ['natres']);
    await expectCurrent(order.id, 'housing-a');
    const again = await expectCurrent(order.id, 'housing-a');
    expect(again.stored).toBe(true);
    // Nothing was committed since the page was built: SQLite knows it without a statement
    // (Db.generation); PostgreSQL, whose other processes may have written, reads the stamp.
    expect(again.ran).toEqual(TEST_DIALECT === 'sqlite' ? [] : ['compiled']);
    // The co-unit sees the citizen's phone masked and other actions: never the lead's page.
    const co = await expectCurrent(order.id, 'natres-a');
    expect(co.page.allowedActions).not.toEqual(again.page.allowedActions);
    const office = await expectCurrent(order.id, 'dispatcher');
    expect(office.page.citizenPhone).not.toBe(co.page.citizenPhone);
    // An order the user may not see is refused as before, and nothing is stored for them.
    expect((await (await t.as('eco-a')).get(`/api/work-orders/${order.id}`)).statusCode).toBe(404);
    expect((await (await t.as('eco-a')).get(`/api/work-orders/${order.id}`)).statusCode).toBe(404);
  });

  it('shows every kind of change at once: actions, urges read, the watcher, units, categories, settings', async () => {
    const dispatcher = await t.as('dispatcher');
    const liaison = await t.as('housing-a');
    let order = await registeredAndDispatched(t, 'housing');
    const look = async () => {
      await expectCurrent(order.id, 'housing-a');
      await expectCurrent(order.id, 'dispatcher');
    };
    await look();
    order = await act(liaison, order, 'sign');
    await look();
    order = await act(dispatcher, order, 'urge', { message: '请尽快办理。' });
    await look();
    // Reading an urge changes no version: the database moves the page's stamp.
    const urgeId = (await expectCurrent(order.id, 'housing-a')).page.urges[0]?.id;
    await ok(liaison.post(`/api/work-orders/${order.id}/urges/${urgeId}/read`));
    const afterRead = await expectCurrent(order.id, 'dispatcher');
    expect(afterRead.page.urges[0]?.readAt).not.toBeNull();
    await look();

    // A unit renamed: every page naming it.
    const admin = await t.as('admin');
    const units = (
      (await (await admin.get('/api/units')).json()) as { items: Array<Record<string, unknown>> }
    ).items;
    const unit = units.find((u) => u.id === t.unitId('housing')) as {
      name: string;
      code: string;
      kind: string;
    };
    const { code, kind } = unit;
    await ok(admin.put(`/api/units/${t.unitId('housing')}`, { code, kind, name: `${unit.name}(更名)` }));
    const renamed = await expectCurrent(order.id, 'dispatcher');
    expect(renamed.page.leadUnit?.name).toBe(`${unit.name}(更名)`);
    await look();

    // The office's time limits: the due-soon warning reads them.
    const limits = await ok(admin.get('/api/settings/time-limits'));
    await ok(admin.put('/api/settings/time-limits', { ...limits, dueSoonWorkingDays: 3 }));
    await look();

    // The deadline watcher marks and urges on its own, with no user's request.
    t.clock.set(new Date(Date.parse(order.handleBy as string) + 60_000).toISOString());
    await new DeadlineWatcher(t.ctx, new Notifier(t.ctx.settings)).runOnce();
    await look();
  });

  it('shows a change written outside this server at once: another process, a script, plain SQL', async () => {
    const order = await registeredAndDispatched(t, 'housing');
    await expectCurrent(order.id, 'dispatcher');
    // On PostgreSQL through another pool, as another server process writes; on SQLite, plain SQL.
    const other = t.anotherConnection();
    const db = (other ?? t.ctx.db).kysely;
    await db.updateTable('work_order_units').set({ silent: 1 }).where('order_id', '=', order.id).execute();
    expect((await expectCurrent(order.id, 'dispatcher')).page.assignments[0]?.silent).toBe(true);
    await db
      .updateTable('work_orders')
      .set({ title: '另一进程改过的标题' })
      .where('id', '=', order.id)
      .execute();
    expect((await expectCurrent(order.id, 'dispatcher')).page.title).toBe('另一进程改过的标题');
    await db
      .updateTable('units')
      .set({ name: '另一进程改过的单位' })
      .where('id', '=', t.unitId('housing'))
      .execute();
    expect((await expectCurrent(order.id, 'dispatcher')).page.leadUnit?.name).toBe('另一进程改过的单位');
    await other?.close();
  });

  it('changes at the instant a deadline passes or its warning begins, not at the next figure', async () => {
    const calendar = await t.ctx.calendar.calendar();
    const limits = await t.ctx.settings.timeLimits();
    // A normal order's deadlines fall at midnight; an urgent one's within the day.
    for (const urgency of ['normal', 'urgent'] as const) {
      t.clock.set('2026-03-02T09:17:23.456+08:00');
      const dispatched = await registeredAndDispatched(t, 'housing', [], { urgency });
      const order = await act(await t.as('housing-a'), dispatched, 'sign');
      const deadline = new Date(order.handleBy as string);
      const warnFrom = dueSoonFrom(calendar, limits, deadline, urgency, t.clock.now()).getTime();
      const around = async (instant: number, expected: string) => {
        for (const at of [instant - 50_000, instant - 1, instant, instant + 1, instant + 50_000]) {
          t.clock.set(new Date(at).toISOString());
          await expectCurrent(order.id, 'housing-a');
        }
        expect((await expectCurrent(order.id, 'housing-a')).page.deadlines.handle.status).toBe(expected);
      };
      await around(warnFrom, 'due_soon');
      await around(deadline.getTime(), 'overdue');

      // The signing deadline has no stored warning instant: its warning is worked out.
      t.clock.set('2026-03-02T09:17:23.456+08:00');
      const unsigned = await registeredAndDispatched(t, 'housing', [], { urgency });
      const signBy = new Date(
        (await ok((await t.as('housing-a')).get(`/api/work-orders/${unsigned.id}`))).deadlines.sign
          .at as string,
      );
      // In the sign-for clock's own window (an urgent order's last half hour).
      const window = signDueSoonWindow(limits, urgency);
      const signWarn = dueSoonFrom(calendar, limits, signBy, urgency, t.clock.now(), window).getTime();
      for (const at of [signWarn - 50_000, signWarn - 1, signWarn, signWarn + 1]) {
        t.clock.set(new Date(at).toISOString());
        await expectCurrent(unsigned.id, 'housing-a');
      }
      expect((await expectCurrent(unsigned.id, 'housing-a')).page.deadlines.sign.status).toBe('due_soon');
    }
  });

  it("reads an urgent order's working-day clocks (co-unit, return) as its page does, minute by minute", async () => {
    // The urgent order's own clocks count natural hours, its co-unit's and return window's working
    // hours, each shown to a tenth of an hour: a page stored until one of them moves must be right
    // by the other too (page-stability.ts reads every deadline by the order's own reckoning).
    t.clock.set('2026-03-03T08:52:31.250+08:00');
    const order = await registeredAndDispatched(t, 'housing', ['natres'], { urgency: 'urgent' });
    let at = t.clock.now().getTime();
    for (let minute = 0; minute < 150; minute++) {
      at += 61_000;
      t.clock.set(new Date(at).toISOString());
      await expectCurrent(order.id, minute % 2 ? 'natres-a' : 'housing-a');
    }
  });

  it("changes at the instant the office's dispatch clock warns and runs out", async () => {
    t.clock.set('2026-03-02T10:41:07.123+08:00');
    const waiting = await ok(
      (await t.as('dispatcher')).post('/api/work-orders', anOrder({ urgency: 'urgent' })),
      201,
    );
    const row = await t.ctx.db.kysely
      .selectFrom('work_orders')
      .select(['dispatch_warn_at', 'dispatch_by'])
      .where('id', '=', waiting.id)
      .executeTakeFirstOrThrow();
    for (const [instant, expected] of [
      [row.dispatch_warn_at, 'due_soon'],
      [row.dispatch_by, 'overdue'],
    ] as const) {
      const at = Date.parse(instant as string);
      for (const when of [at - 50_000, at - 1, at, at + 1]) {
        t.clock.set(new Date(when).toISOString());
        await expectCurrent(waiting.id, 'dispatcher');
      }
      expect((await expectCurrent(waiting.id, 'dispatcher')).page.dispatchStatus).toBe(expected);
    }
  });

  it('reads the clock afresh: at random later instants the page served is the page built then', async () => {
    t.clock.set('2026-03-02T09:00:00+08:00');
    const dispatcher = await t.as('dispatcher');
    const urgent = await registeredAndDispatched(t, 'housing', ['natres'], { urgency: 'urgent' });
    const signed = await act(await t.as('housing-a'), await registeredAndDispatched(t, 'housing'), 'sign');
    const waiting = await ok(dispatcher.post('/api/work-orders', anOrder()), 201);
    const orders = [urgent.id, signed.id, waiting.id];
    const users = ['dispatcher', 'housing-a', 'natres-a'];
    let now = t.clock.now().getTime();
    let storedServed = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...orders),
        fc.constantFrom(...users),
        // Mostly small steps (inside a stored page's time), some across hours and days.
        fc.array(fc.oneof(fc.integer({ min: 0, max: 150_000 }), fc.integer({ min: 0, max: 86_400_000 })), {
          minLength: 5,
          maxLength: 30,
        }),
        async (order, user, steps) => {
          for (const step of steps) {
            now += step;
            t.clock.set(new Date(now).toISOString());
            const client = await t.as(user);
            const { result: answer, stored } = await servedStored(() =>
              client.get(`/api/work-orders/${order}`),
            );
            if (answer.statusCode === 404) continue;
            if (stored) storedServed++;
            expect(JSON.parse(answer.body)).toEqual(await fresh(order, user));
          }
        },
      ),
      { numRuns: 20 },
    );
    // The comparison is worth something only if stored pages were served.
    expect(storedServed).toBeGreaterThan(10);
  });
});
