import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIME_LIMITS } from '../../src/domain/time-limits.js';
import { ok, refused } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

interface AuditEntries {
  items: Array<{
    action: string;
    target: string | null;
    before: unknown;
    after: unknown;
    username: string | null;
  }>;
}

/** 通知的时限只能设得更严:普通件 5、回退 1、重办 5 个工作日是上限;每次修改记入审计日志。 */
describe(`time limits cannot be set against the notice (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  const settingChanges = async () => {
    const list = (await ok(
      (await t.as('auditor')).get('/api/audit-log?action=setting.changed&pageSize=200'),
    )) as unknown as AuditEntries;
    return list.items.filter((e) => e.target === 'setting:time_limits');
  };

  it.each([
    [{ dueSoonWorkingDays: 10 }, '预警提前量（10 个工作日）不能长于普通件办理时限（5 个工作日）'],
    [{ signWorkingDays: 10 }, '签收时限（10 个工作日）不能长于普通件办理时限'],
    [{ urgentHandleHours: 240 }, '急件办理时限（240 小时）不能长于普通件办理时限'],
    [
      { urgentSignHours: 12, urgentHandleHours: 6, urgentDueSoonHours: 1 },
      '急件签收时限（12 小时）不能长于急件办理时限（6 小时）',
    ],
    [{ coUnitWorkingDays: 30 }, '协办意见时限（30 个工作日）不能长于普通件办理时限'],
    [{ dayEndsAt: '00:00' }, '期限届满时刻（00:00）须在中午 12:00 以后'],
    [{ dayEndsAt: '03:00' }, '期限届满时刻（03:00）须在中午 12:00 以后'],
  ])(
    'refuses limits that contradict each other (%o): said, nothing changed, nothing recorded',
    async (change, words) => {
      const admin = await t.as('admin');
      const before = await ok(admin.get('/api/settings/time-limits'));
      const recorded = (await settingChanges()).length;
      const error = await refused(
        admin.put('/api/settings/time-limits', { ...DEFAULT_TIME_LIMITS, ...change }),
        400,
        'TIME_LIMITS_INCONSISTENT',
      );
      expect(error.message).toContain(words);
      expect(await ok(admin.get('/api/settings/time-limits'))).toEqual(before);
      expect((await settingChanges()).length).toBe(recorded);
    },
  );

  it('admin trying to set 7 working days for normal orders: refused, nothing changed, nothing recorded', async () => {
    const admin = await t.as('admin');
    const before = await ok(admin.get('/api/settings/time-limits'));
    const error = await refused(
      admin.put('/api/settings/time-limits', { ...DEFAULT_TIME_LIMITS, handleWorkingDays: 7 }),
      400,
      'TIME_LIMIT_LOOSER_THAN_NOTICE',
    );
    expect(error.message).toContain('普通件办理时限不能超过 5 个工作日');
    for (const looser of [{ returnWindowWorkingDays: 2 }, { redoWorkingDays: 6 }]) {
      const e = await refused(
        admin.put('/api/settings/time-limits', { ...DEFAULT_TIME_LIMITS, ...looser }),
        400,
        'TIME_LIMIT_LOOSER_THAN_NOTICE',
      );
      expect(e.message).toContain('只能设得更严');
    }
    expect(await ok(admin.get('/api/settings/time-limits'))).toEqual(before);
    expect(await settingChanges()).toEqual([]);
  });

  it('a stricter limit is taken, with before and after in the audit log; only the admin may change it', async () => {
    const admin = await t.as('admin');
    const stricter = { ...DEFAULT_TIME_LIMITS, handleWorkingDays: 4, redoWorkingDays: 3 };
    expect(await ok(admin.put('/api/settings/time-limits', stricter))).toEqual(stricter);
    expect(await ok((await t.as('housing-a')).get('/api/settings/time-limits'))).toEqual(stricter);
    const [entry] = await settingChanges();
    expect(entry?.username).toBeTruthy();
    expect(entry?.before).toMatchObject({ handleWorkingDays: 5, redoWorkingDays: 5 });
    expect(entry?.after).toMatchObject({ handleWorkingDays: 4, redoWorkingDays: 3 });
    await refused(
      (await t.as('dispatcher')).put('/api/settings/time-limits', DEFAULT_TIME_LIMITS),
      403,
      'FORBIDDEN_ROLE',
    );
    await ok(admin.put('/api/settings/time-limits', DEFAULT_TIME_LIMITS));
  });
});
