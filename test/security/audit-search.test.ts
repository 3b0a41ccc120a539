import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, refused } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

type Listed = {
  items: Array<{ action: string; username: string | null; at: string; ip: string | null }>;
  total: number;
};

/**
 * The auditor finds what happened (等保 2.0 安全审计: 审计记录应能查询、导出): by kind, by person
 * (including a name typed at a failed sign-in), by Beijing day, by address and by object, with how
 * many there are; and takes the same selection away as a workbook, which is itself recorded.
 */
describe(`the auditor searches and exports the audit log (${TEST_DIALECT})`, { timeout: 60_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
    // Day one (2 March, Beijing): a failed sign-in under a name nobody has, and a calendar change.
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'intruder_x%', password: 'wrong-password-1' },
    });
    await ok((await t.as('admin')).put('/api/calendar/days/2026-03-07', { working: true, name: '调休' }));
    // Day two, just after midnight in Beijing (16:05 UTC the day before it): another change.
    t.clock.set(new Date('2026-03-03T00:05:00+08:00'));
    await ok((await t.as('admin')).put('/api/calendar/days/2026-03-14', { working: true, name: '调休' }));
  });
  afterAll(() => t.close());

  const list = async (query: string) =>
    (await ok((await t.as('auditor')).get(`/api/audit-log?${query}`))) as unknown as Listed;

  it('by kind, several at once, with the count of all that match', async () => {
    const changes = await list('action=calendar.changed&pageSize=1');
    expect(changes.total).toBe(2);
    expect(changes.items).toHaveLength(1);
    const both = await list(`action=${encodeURIComponent('calendar.changed, auth.login_failed')}`);
    expect(both.total).toBe(3);
    expect(new Set(both.items.map((e) => e.action))).toEqual(
      new Set(['calendar.changed', 'auth.login_failed']),
    );
  });

  it('by person: part of a name or login name, and wildcards in it taken as letters', async () => {
    const typed = await list('person=intruder');
    expect(typed.items.map((e) => e.action)).toEqual(['auth.login_failed']);
    // `%` is a letter the intruder typed, not "anything": it finds only that name.
    expect((await list(`person=${encodeURIComponent('x%')}`)).total).toBe(1);
    expect((await list(`person=${encodeURIComponent('%')}`)).total).toBe(1);
    // The log keeps the administrator's name; the login name finds the entries as well.
    const byLogin = await list('person=admin&action=calendar.changed');
    expect(byLogin.total).toBe(2);
    const name = byLogin.items[0]?.username as string;
    expect(name).not.toBe('admin');
    expect((await list(`person=${encodeURIComponent(name.slice(1))}&action=calendar.changed`)).total).toBe(2);
  });

  it('by Beijing day: a change after midnight in Beijing is the next day, though it is the day before in UTC', async () => {
    const first = await list('from=2026-03-02&to=2026-03-02&action=calendar.changed');
    const second = await list('from=2026-03-03&to=2026-03-03&action=calendar.changed');
    expect(first.total).toBe(1);
    expect(second.total).toBe(1);
    expect(second.items[0]?.at).toBe('2026-03-02T16:05:00.000Z');
  });

  it('by object and by address', async () => {
    expect((await list(`target=${encodeURIComponent('calendar:2026-03-14')}`)).total).toBe(1);
    const ip = (await list('action=calendar.changed')).items[0]?.ip as string;
    expect((await list(`ip=${encodeURIComponent(ip)}&action=calendar.changed`)).total).toBe(2);
    expect((await list('ip=203.0.113.250')).total).toBe(0);
  });

  it('refuses what cannot be searched, with the reason', async () => {
    const auditor = await t.as('auditor');
    await refused(auditor.get('/api/audit-log?from=2026-03-05&to=2026-03-01'), 400, 'AUDIT_PERIOD_REVERSED');
    const unknown = await auditor.get('/api/audit-log?action=calendar.changed,no.such_kind');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('没有这种审计事件');
  });

  it('exports the same selection to Excel, and the export is itself in the log', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/audit-log/export.xlsx?action=calendar.changed&person=admin',
      headers: { cookie: await t.cookieOf('auditor') },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).getCell(2).value).toBe('时间（北京时间）');
    expect(sheet?.rowCount).toBe(3);
    // Newest first, in Beijing time.
    expect(sheet?.getRow(2).getCell(2).value).toBe('2026-03-03 00:05:00');
    expect(sheet?.getRow(2).getCell(4).value).toBe('修改工作日历');
    expect(sheet?.getRow(3).getCell(6).value).toBe('calendar:2026-03-07');

    const exported = await list('action=audit.exported');
    expect(exported.total).toBe(1);
    expect(exported.items[0]?.username).toBeTruthy();
    expect((await list('action=audit.exported&person=auditor')).total).toBe(1);
  });

  it('is the auditor’s alone: the administrators cannot read or export it', async () => {
    for (const who of ['admin', 'secadmin', 'dispatcher']) {
      const client = await t.as(who);
      expect((await client.get('/api/audit-log')).statusCode).toBe(403);
      expect((await client.get('/api/audit-log/export.xlsx')).statusCode).toBe(403);
    }
  });
});
