import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packagedArrangement } from '../../src/modules/calendar/holiday-seed.js';
import { statutoryArrangement } from '../../src/modules/calendar/statutory-days.js';
import { withStatutory } from '../support/calendar.js';
import { anOrder, ok, refused, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

type Years = {
  missing: number[];
  provisional: number[];
  warning: string | null;
  years: Array<{ year: number; source: string }>;
};

/**
 * 31 December with no 2027 calendar (the State Council has not published it): an urgent order is
 * still dispatched; the administrator builds a provisional year from the days the law fixes, so
 * the desk keeps working; the warnings stay until the notice's arrangement is imported.
 */
describe(`the year end before next year's holidays are published (${TEST_DIALECT})`, {
  timeout: 60_000,
}, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-12-31T10:00:00+08:00');
  });
  afterAll(() => t.close());

  const years = async () =>
    (await ok((await t.as('dispatcher')).get('/api/calendar/years'))) as unknown as Years;

  it('an urgent order is dispatched on 31 December without 2027; a normal one waits for the calendar', async () => {
    const urgent = await registeredAndDispatched(t, 'water', [], {
      urgency: 'urgent',
      title: '上柳村五社自来水主管道冻裂全社断水',
    });
    expect(urgent.state).toBe('pending_sign');
    expect(urgent.deadlines.handle.at).toBe('2027-01-01T02:00:00.000Z');
    const dispatcher = await t.as('dispatcher');
    const normal = await ok(dispatcher.post('/api/work-orders', anOrder()), 201);
    await refused(
      dispatcher.post(`/api/work-orders/${normal.id}/dispatch`, {
        version: normal.version,
        leadUnitId: t.unitId('housing'),
      }),
      422,
      'CALENDAR_YEAR_MISSING',
    );
    const status = await years();
    expect(status.missing).toEqual([2027]);
    expect(status.warning).toContain('急件照常派发');
    expect(status.warning).toContain('暂定安排');
  });

  it('the administrator builds a provisional 2027 from the statutory days; the desk dispatches again; the warning stays', async () => {
    await refused(
      (await t.as('dispatcher')).post('/api/calendar/years/2027/provisional', {}),
      403,
      'FORBIDDEN_ROLE',
    );
    const made = await ok((await t.as('admin')).post('/api/calendar/years/2027/provisional', {}));
    expect(made).toEqual({ year: 2027, days: 365 });
    const days = (
      (await ok((await t.as('housing-a')).get('/api/calendar/years/2027'))) as unknown as {
        days: Array<{ date: string; kind: string; name: string | null }>;
      }
    ).days;
    const off = days.filter((d) => d.kind === 'holiday').map((d) => `${d.date.slice(5)}${d.name}`);
    expect(off).toEqual([
      '01-01元旦',
      '02-05春节',
      '02-06春节',
      '02-07春节',
      '02-08春节',
      '04-05清明节',
      '05-01劳动节',
      '05-02劳动节',
      '06-09端午节',
      '09-15中秋节',
      '10-01国庆节',
      '10-02国庆节',
      '10-03国庆节',
    ]);
    expect(days.filter((d) => d.kind === 'makeup')).toEqual([]);

    const order = await registeredAndDispatched(t, 'housing');
    // Thu 12-31 → Mon 01-04 (1), Tue 05 (2), Wed 06 (3), Thu 07 (4), Fri 08 (5): 1 January is off.
    expect(order.deadlines.handle.at).toBe('2027-01-08T16:00:00.000Z');
    const status = await years();
    expect(status.missing).toEqual([]);
    expect(status.provisional).toEqual([2027]);
    expect(status.warning).toContain('2027 年的工作日历为暂定安排');
    // A day switched by hand keeps the year provisional.
    await ok((await t.as('admin')).put('/api/calendar/days/2027-02-09', { working: false, name: '春节' }));
    expect((await years()).provisional).toEqual([2027]);
  });

  it('the notice imported, the year is final and the warning goes; no provisional year over a final one', async () => {
    const admin = await t.as('admin');
    await ok(
      admin.put('/api/calendar/years/2027', {
        holidays: withStatutory(2027, [
          { date: '2027-01-01', name: '元旦' },
          ...['05', '06', '07', '08', '09', '10', '11'].map((d) => ({ date: `2027-02-${d}`, name: '春节' })),
        ]),
        makeupDays: [{ date: '2027-02-20', name: '春节调休' }],
      }),
    );
    const status = await years();
    expect(status.provisional).toEqual([]);
    expect(status.warning).toBeNull();
    await refused(admin.post('/api/calendar/years/2027/provisional', {}), 422, 'CALENDAR_YEAR_HELD');
  });

  it('the statutory days are within every arrangement the State Council published (2025, 2026)', () => {
    for (const year of [2025, 2026]) {
      const published = new Set(packagedArrangement(year)?.holidays.map((h) => h.date));
      for (const day of statutoryArrangement(year).holidays)
        expect(published.has(day.date), `${year} ${day.date}`).toBe(true);
    }
  });
});
