import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIME_LIMITS } from '../../src/domain/time-limits.js';
import { editAccount } from '../support/actors.js';
import { ok } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

type Change = { field: string; label: string; before: string | null; after: string | null };
type Entry = {
  action: string;
  username: string | null;
  account: { username: string; name: string } | null;
  changes: Change[];
};

/**
 * The audit administrator reads who did what and what changed in words: the account by its name
 * and login name, and each changed field named in Chinese with its values written out.
 */
describe(`the audit log as the auditor reads it (${TEST_DIALECT})`, { timeout: 60_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  async function latest(action: string, person = ''): Promise<Entry> {
    const auditor = await t.as('auditor');
    const list = (await ok(
      auditor.get(`/api/audit-log?action=${action}&person=${person}&pageSize=1`),
    )) as unknown as {
      items: Entry[];
    };
    const entry = list.items[0];
    if (!entry) throw new Error(`no ${action} entry`);
    return entry;
  }

  const nameOf = async (username: string) =>
    (
      await t.ctx.db.kysely
        .selectFrom('users')
        .select('name')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).name;

  it('a setting: only the field changed, by its name on the settings page', async () => {
    const admin = await t.as('admin');
    await ok(admin.put('/api/settings/time-limits', { ...DEFAULT_TIME_LIMITS, handleWorkingDays: 4 }));
    const entry = await latest('setting.changed');
    expect(entry.changes).toEqual([
      { field: 'handleWorkingDays', label: '普通件办理时限（工作日）', before: '5', after: '4' },
    ]);
    // Signed in by login name, acting under the person's name: both read the same.
    const login = await latest('auth.login', 'admin');
    const name = await nameOf('admin');
    expect(entry.account).toEqual({ username: 'admin', name });
    expect(login.account).toEqual({ username: 'admin', name });
  });

  it('an account changed: the fields changed, not the version it moved to', async () => {
    await editAccount(t, 'water-a', { phone: '13900001234', awayNote: '外出培训' });
    const entry = await latest('user.updated');
    expect(entry.changes.map((c) => c.label)).toEqual(['手机号', '不在岗说明']);
    expect(entry.changes.find((c) => c.label === '不在岗说明')).toMatchObject({
      before: '（空）',
      after: '外出培训',
    });
  });

  it('an account created: its unit by name, its roles by title, no id or version', async () => {
    const secadmin = await t.as('secadmin');
    await ok(
      secadmin.post('/api/users', {
        username: 'water-c',
        name: '新同事',
        unitId: t.unitId('water'),
        roles: ['unit_liaison'],
      }),
      201,
    );
    const entry = await latest('user.created');
    const water = await t.ctx.db.kysely
      .selectFrom('units')
      .select('name')
      .where('id', '=', t.unitId('water'))
      .executeTakeFirstOrThrow();
    expect(entry.changes).toEqual(
      expect.arrayContaining([
        { field: 'unitId', label: '所属单位', before: null, after: water.name },
        { field: 'roles', label: '角色', before: null, after: '单位联络员' },
      ]),
    );
    expect(entry.changes.some((c) => ['id', 'version', 'unitName', 'roleLabels'].includes(c.field))).toBe(
      false,
    );
  });

  it('a unit created: each value written, its kind in words', async () => {
    const admin = await t.as('admin');
    await ok(
      admin.post('/api/units', {
        code: 'culture',
        name: '县文化和旅游局',
        kind: 'department',
        remit: '文化市场、旅游景区、文物保护',
      }),
      201,
    );
    const entry = await latest('unit.created');
    expect(entry.changes).toEqual(
      expect.arrayContaining([
        { field: 'name', label: '单位名称', before: null, after: '县文化和旅游局' },
        { field: 'kind', label: '单位类型', before: null, after: '县直部门' },
        { field: 'active', label: '启用', before: null, after: '是' },
      ]),
    );
  });

  it('a day of the calendar: its kind in words', async () => {
    const admin = await t.as('admin');
    await ok(admin.put('/api/calendar/days/2026-03-07', { working: true, name: '调休' }));
    const entry = await latest('calendar.changed');
    expect(entry.changes).toEqual([
      { field: 'kind', label: '类型', before: '休息日', after: '调休上班' },
      { field: 'name', label: '节日', before: '（空）', after: '调休' },
    ]);
  });

  it('a failed sign-in under a name no account has: no account, the name typed kept', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'no-such-person', password: 'x' },
    });
    const entry = await latest('auth.login_failed');
    expect(entry.account).toBeNull();
    expect(entry.username).toBe('no-such-person');
  });

  it("an export's conditions read as the filter bar words them, as conditions, not changes", async () => {
    const dispatcher = await t.as('dispatcher');
    const file = await dispatcher.get(
      `/api/exports/work-orders.xlsx?state=handling,pending_sign&due=overdue&period=this_week&q=${encodeURIComponent('电梯')}`,
    );
    expect(file.statusCode).toBe(200);
    const entry = await latest('export.personal_data');
    const byLabel = Object.fromEntries(entry.changes.map((c) => [c.label, c]));
    expect(byLabel.状态).toMatchObject({ before: null, after: '办理中、待签收' });
    expect(byLabel.时限).toMatchObject({ before: null, after: '超期' });
    expect(byLabel.登记时间).toMatchObject({ before: null, after: '本周' });
    expect(byLabel.关键词).toMatchObject({ before: null, after: '电梯' });
    expect(byLabel.排序).toMatchObject({ before: null, after: '最新登记在前' });
    expect(entry.changes.some((c) => /^[a-z]+$/i.test(c.label))).toBe(false);
  });

  it("a unit's sign-off mode changed: its entry names the unit", async () => {
    const dispatcher = await t.as('dispatcher');
    await ok(dispatcher.put(`/api/units/${t.unitId('water')}/sign-off-mode`, { mode: 'typed' }));
    const auditor = await t.as('auditor');
    const list = (await ok(auditor.get('/api/audit-log?action=unit.updated&pageSize=1'))) as unknown as {
      items: Array<Entry & { target: string }>;
    };
    expect(list.items[0]?.target).toMatch(new RegExp(`^unit:${t.unitId('water')} 县水务局$`));
    expect(list.items[0]?.changes).toEqual([
      {
        field: 'signOffMode',
        label: '答复签发方式',
        before: '单位领导在系统中签发',
        after: '手填签发人、附签发件扫描件',
      },
    ]);
  });

  it('the export carries the same words: the person and a column of changes', async () => {
    const auditor = await t.as('auditor');
    const file = await auditor.get('/api/audit-log/export.xlsx?action=setting.changed');
    expect(file.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const row = sheet.getRow(2).values as unknown[];
    expect(row[header.indexOf('用户')]).toBe(`${await nameOf('admin')}（admin）`);
    expect(row[header.indexOf('改动')]).toBe('普通件办理时限（工作日）：5 → 4');
  });
});
