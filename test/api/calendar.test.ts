import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withStatutory } from '../support/calendar.js';
import { ok, refused } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

type DeadlineAnswer = { lastDay: string; deadline: string };

describe(`the working-day calendar and the public deadline endpoint (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-11-26T09:00:00+08:00');
  });
  afterAll(() => t.close());

  const deadline = async (start: string, workingDays: number) => {
    const res = await t.anonymous.get(
      `/api/calendar/deadline?start=${encodeURIComponent(start)}&workingDays=${workingDays}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as DeadlineAnswer;
  };

  // Each case counted by hand against the State Council's notice on the 2026 holidays.
  it.each([
    // Fri 02-13; Sat 02-14 is a make-up working day (1); 02-15…02-23 off; 02-24…02-27 (2…5).
    ['Spring Festival', '2026-02-13T10:00:00+08:00', 5, '2026-02-27'],
    // Wed 04-29; Thu 04-30 (1); 05-01…05-05 off; 05-06, 05-07, 05-08 (2…4); Sat 05-09 make-up (5).
    ['Labour Day', '2026-04-29T16:30:00+08:00', 5, '2026-05-09'],
    // Thu 09-24; 09-25…09-27 Mid-autumn; 09-28…09-30 (1…3); 10-01…10-07 off; 10-08, 10-09 (4, 5).
    ['Mid-autumn and National Day', '2026-09-24T09:00:00+08:00', 5, '2026-10-09'],
    // Fri 09-18; Sat 09-19 off; Sun 09-20 make-up (1); 09-21…09-24 (2…5).
    ['the Sunday make-up day before National Day', '2026-09-18T11:00:00+08:00', 5, '2026-09-24'],
    // Started during the holiday: the first working day after it is day 1.
    ['a start inside National Day', '2026-10-03T12:00:00+08:00', 1, '2026-10-08'],
    // The start day is not counted even at 00:00.
    ['a start at midnight', '2026-03-02T00:00:00+08:00', 1, '2026-03-03'],
  ])('%s', async (_name, start, days, lastDay) => {
    const answer = await deadline(start, days);
    expect(answer.lastDay).toBe(lastDay);
    const next = new Date(Date.parse(`${lastDay}T00:00:00+08:00`) + 86400_000);
    expect(new Date(answer.deadline).getTime()).toBe(next.getTime());
    expect(answer.deadline).toMatch(/\+08:00$/);
  });

  it('a start given in UTC is counted on the Beijing date', async () => {
    // 2026-02-13T17:00Z is already Saturday 2026-02-14 in Beijing (a make-up working day, not counted as the start).
    const answer = await deadline('2026-02-13T17:00:00Z', 1);
    expect(answer.lastDay).toBe('2026-02-24');
  });

  it('a year the calendar does not hold is refused, never guessed', async () => {
    const res = await t.anonymous.get(
      '/api/calendar/deadline?start=2026-12-28T09:00:00%2B08:00&workingDays=5',
    );
    expect(res.statusCode).toBe(422);
    const body = res.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe('CALENDAR_YEAR_MISSING');
    expect(body.error.message).toContain('2027');
  });

  it('malformed questions get 400 in Chinese', async () => {
    await refused(
      t.anonymous.get('/api/calendar/deadline?start=tomorrow&workingDays=5'),
      400,
      'VALIDATION_FAILED',
    );
    await refused(
      t.anonymous.get('/api/calendar/deadline?start=2026-03-02T09:00:00%2B08:00&workingDays=-1'),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('warns that next year is missing, and the administrator imports it', async () => {
    const admin = await t.as('admin');
    const status = (await ok(admin.get('/api/calendar/years'))) as unknown as {
      missing: number[];
      warning: string;
    };
    expect(status.missing).toEqual([2027]);
    expect(status.warning).toContain('2027');

    const liaison = await t.as('housing-a');
    await refused(
      liaison.put('/api/calendar/years/2027', { holidays: [], makeupDays: [] }),
      403,
      'FORBIDDEN_ROLE',
    );
    await refused(
      admin.put('/api/calendar/years/2027', {
        holidays: [{ date: '2027-01-01', name: '元旦' }],
        makeupDays: [{ date: '2027-01-05', name: '元旦' }],
      }),
      400,
      'MAKEUP_NOT_WEEKEND',
    );
    // Part of the notice pasted (元旦 alone): every festival after it would become a working day.
    const partial = await refused(
      admin.put('/api/calendar/years/2027', {
        holidays: [{ date: '2027-01-01', name: '元旦' }],
        makeupDays: [],
      }),
      400,
      'CALENDAR_INCOMPLETE',
    );
    expect(partial.message).toContain('春节、清明节、劳动节、端午节、中秋节、国庆节');
    expect(
      ((await ok(admin.get('/api/calendar/years'))) as unknown as { missing: number[] }).missing,
    ).toEqual([2027]);
    const imported = (await ok(
      admin.put('/api/calendar/years/2027', {
        holidays: withStatutory(2027, [
          { date: '2027-01-01', name: '元旦' },
          { date: '2027-01-02', name: '元旦' },
          { date: '2027-01-03', name: '元旦' },
        ]),
        makeupDays: [],
      }),
    )) as unknown as { days: number };
    expect(imported.days).toBe(365);
    // Mon 2026-12-28 + 5: 12-29, 12-30, 12-31 (1…3); 2027-01-01…03 off; Mon 01-04, Tue 01-05 (4, 5).
    expect((await deadline('2026-12-28T09:00:00+08:00', 5)).lastDay).toBe('2027-01-05');
    const after = (await ok(admin.get('/api/calendar/years'))) as unknown as {
      missing: number[];
      warning: null;
    };
    expect(after.missing).toEqual([]);
  });

  it('the administrator switches single days, and deadlines follow', async () => {
    const admin = await t.as('admin');
    // An unplanned day off on Tuesday 2026-03-03 (e.g. a local arrangement).
    const day = (await ok(
      admin.put('/api/calendar/days/2026-03-03', { working: false, name: '临时调整' }),
    )) as unknown as {
      kind: string;
    };
    expect(day.kind).toBe('holiday');
    expect((await deadline('2026-03-02T09:00:00+08:00', 1)).lastDay).toBe('2026-03-04');
    const back = (await ok(admin.put('/api/calendar/days/2026-03-03', { working: true }))) as unknown as {
      kind: string;
    };
    expect(back.kind).toBe('workday');
    expect((await deadline('2026-03-02T09:00:00+08:00', 1)).lastDay).toBe('2026-03-03');
    const year = (await ok(admin.get('/api/calendar/years/2026'))) as unknown as {
      days: Array<{ date: string; kind: string; working: boolean }>;
    };
    expect(year.days).toHaveLength(365);
    expect(year.days.find((d) => d.date === '2026-09-20')).toMatchObject({ kind: 'makeup', working: true });
    await refused(
      admin.put('/api/calendar/days/2031-01-01', { working: true }),
      422,
      'CALENDAR_YEAR_MISSING',
    );
  });
});
