import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withStatutory } from '../support/calendar.js';
import { ok, refused, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';
import { registrationScan } from '../support/upload.js';

type Entry = {
  action: string;
  userId: number | null;
  target: string | null;
  detail: string;
  before: unknown;
  after: unknown;
  ip: string | null;
};

const person = (name: string, mobile: string) => ({ name, title: '科长', officePhone: '', mobile, fax: '' });

/**
 * 等保 2.0 安全审计: every administrative change and every output of personal data leaves an entry
 * with who, from where, what, before and after — written in the same transaction as the change.
 */
describe(`what the audit log records (${TEST_DIALECT})`, { timeout: 60_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  const idOf = async (username: string) =>
    (
      await t.ctx.db.kysely
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).id;

  /** The newest entry of a kind, as the auditor reads it. */
  async function latest(action: string): Promise<Entry> {
    const auditor = await t.as('auditor');
    const list = (await ok(auditor.get(`/api/audit-log?action=${action}&pageSize=1`))) as unknown as {
      items: Entry[];
    };
    const entry = list.items[0];
    if (!entry) throw new Error(`no ${action} entry`);
    return entry;
  }

  it('the calendar: a day switched and a year imported, with before and after', async () => {
    const admin = await t.as('admin');
    await ok(admin.put('/api/calendar/days/2026-03-07', { working: true, name: '调休' }));
    const day = await latest('calendar.changed');
    expect(day).toMatchObject({
      userId: await idOf('admin'),
      target: 'calendar:2026-03-07',
      before: { date: '2026-03-07', kind: 'weekend' },
      after: { date: '2026-03-07', kind: 'makeup' },
    });
    expect(day.ip).toBeTruthy();
    await ok(
      admin.put('/api/calendar/years/2027', {
        holidays: withStatutory(2027, [{ date: '2027-01-01', name: '元旦' }]),
        makeupDays: [],
      }),
    );
    const year = await latest('calendar.changed');
    expect(year.target).toBe('calendar:2027');
    expect(year.after).toEqual(withStatutory(2027, []).map((d) => `${d.date} holiday ${d.name}`));
  });

  it('categories: added, renamed, synonyms; a refused change leaves no entry', async () => {
    const admin = await t.as('admin');
    const created = (await ok(
      admin.post('/api/categories', { level1: '城乡建设', level2: '市政设施', level3: '窨井盖缺失' }),
      201,
    )) as unknown as { id: number };
    expect(await latest('category.created')).toMatchObject({
      target: `category:${created.id} 城乡建设/市政设施/窨井盖缺失`,
    });
    await ok(
      admin.put(`/api/categories/${created.id}`, {
        level1: '城乡建设',
        level2: '市政设施',
        level3: '井盖缺失破损',
        active: true,
      }),
    );
    const renamed = await latest('category.updated');
    expect(renamed.before).toMatchObject({ level3: '窨井盖缺失' });
    expect(renamed.after).toMatchObject({ level3: '井盖缺失破损' });
    await ok(
      (await t.as('dispatcher')).put(`/api/categories/${created.id}/synonyms`, { synonyms: ['井盖'] }),
    );
    expect(await latest('category.updated')).toMatchObject({
      userId: await idOf('dispatcher'),
      detail: '修改同义词',
      before: { synonyms: [] },
      after: { synonyms: ['井盖'] },
    });
    const count = async () =>
      Number(
        (
          await t.ctx.db.kysely
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    await refused(
      admin.post('/api/categories', { level1: '城乡建设', level2: '市政设施', level3: '井盖缺失破损' }),
      409,
      'CATEGORY_EXISTS',
    );
    expect(await count()).toBe(before);
  });

  it('units and their registration forms (the form itself, with staff mobiles, stays out of the log)', async () => {
    const admin = await t.as('admin');
    const unit = (await ok(
      admin.post('/api/units', { code: 'audit-test', name: '县测试局', kind: 'department', remit: '测试' }),
      201,
    )) as unknown as { id: number };
    expect(await latest('unit.created')).toMatchObject({ target: `unit:${unit.id} 县测试局` });
    await ok(
      admin.put(`/api/units/${unit.id}`, {
        code: 'audit-test',
        name: '县测试局',
        kind: 'department',
        remit: '测试与评估',
      }),
    );
    const updated = await latest('unit.updated');
    expect(updated.before).toMatchObject({ remit: '测试' });
    expect(updated.after).toMatchObject({ remit: '测试与评估' });

    const liaison = await t.as('housing-a');
    await ok(
      liaison.put(`/api/units/${t.unitId('housing')}/registration`, {
        leaderInCharge: person('周建国', '13900001111'),
        liaisonA: person('刘雅琴', '13900002222'),
        liaisonB: person('马骁', '13900003333'),
        filledBy: '刘雅琴',
        filledByPhone: '0972-8521234',
        scanAttachmentId: await registrationScan(t, 'housing-a', t.unitId('housing')),
      }),
    );
    const form = await latest('unit.registration_changed');
    expect(form).toMatchObject({
      userId: await idOf('housing-a'),
      target: `unit:${t.unitId('housing')} 县住房和城乡建设局`,
    });
    expect(JSON.stringify(form)).not.toContain('13900001111');
  });

  it('every setting: channels, figures weights, the assistant', async () => {
    const admin = await t.as('admin');
    const channels = (await ok(admin.get('/api/settings/notification-channels'))) as unknown as Record<
      string,
      unknown
    >;
    await ok(
      admin.put('/api/settings/notification-channels', {
        ...channels,
        autoUrge: { onDueSoon: false, onOverdue: true },
      }),
    );
    expect(await latest('channel.changed')).toMatchObject({
      target: 'setting:notification_channels',
      after: { autoUrge: { onDueSoon: false } },
    });

    const dispatcher = await t.as('dispatcher');
    const figures = (await ok(dispatcher.get('/api/settings/figures'))) as unknown as Record<string, unknown>;
    await ok(dispatcher.put('/api/settings/figures', { ...figures, basicallySatisfiedWeight: 0.5 }));
    expect(await latest('weights.changed')).toMatchObject({
      userId: await idOf('dispatcher'),
      after: { basicallySatisfiedWeight: 0.5 },
    });

    const assistant = (await ok(dispatcher.get('/api/settings/assistant'))) as unknown as {
      repeats: { windowDays: number; minSimilarity: number };
    };
    await ok(
      dispatcher.put('/api/settings/assistant', {
        ...assistant,
        repeats: { ...assistant.repeats, windowDays: 45 },
      }),
    );
    expect(await latest('setting.changed')).toMatchObject({
      target: 'setting:assistant',
      after: { repeats: { windowDays: 45 } },
    });
  });

  it('exports and prints of personal data: who, which order or filter', async () => {
    const order = await registeredAndDispatched(t, 'housing');
    const liaison = await t.as('housing-a');
    const printed = await liaison.get(`/print/work-orders/${order.id}`);
    expect(printed.statusCode).toBe(200);
    expect(await latest('print.personal_data')).toMatchObject({
      userId: await idOf('housing-a'),
      target: `order:${order.code}`,
    });
    const exported = await liaison.get('/api/exports/work-orders.xlsx?from=2026-03-01&to=2026-03-31');
    expect(exported.statusCode).toBe(200);
    expect(await latest('export.personal_data')).toMatchObject({
      userId: await idOf('housing-a'),
      after: { from: '2026-03-01', to: '2026-03-31' },
    });
    const form = await (await t.as('dispatcher')).get(`/print/units/${t.unitId('housing')}/registration`);
    expect(form.statusCode).toBe(200);
    expect(await latest('print.personal_data')).toMatchObject({
      userId: await idOf('dispatcher'),
      target: expect.stringContaining(`unit:${t.unitId('housing')}`),
    });
  });

  it('failed and locked sign-ins against a person are found under their id; an unknown name has none', async () => {
    const login = (username: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    const answers: string[] = [];
    for (const name of ['water-b', 'nobody-here']) {
      // Five failures lock the name, the sixth is refused while locked.
      for (let i = 0; i < 6; i++) answers.push((await login(name, `Wrong-guess-${i}`)).body);
    }
    // The client learns nothing new: the same six answers for the account and the unknown name.
    expect(answers.slice(0, 6)).toEqual(answers.slice(6));
    const auditor = await t.as('auditor');
    const id = await idOf('water-b');
    const mine = (await ok(auditor.get(`/api/audit-log?userId=${id}&pageSize=50`))) as unknown as {
      items: (Entry & { username: string })[];
    };
    expect(mine.items.filter((e) => e.action === 'auth.login_failed')).toHaveLength(6);
    expect(mine.items.filter((e) => e.action === 'auth.locked')).toHaveLength(1);
    expect(mine.items.every((e) => e.userId === id && e.username === 'water-b')).toBe(true);
    const unknown = await t.ctx.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'user_id'])
      .where('username', '=', 'nobody-here')
      .execute();
    expect(unknown).toHaveLength(7);
    expect(unknown.every((e) => e.user_id === null)).toBe(true);
    t.clock.advance(16 * 60_000);
  });

  it('the chain still verifies after all of it', async () => {
    const result = (await ok((await t.as('auditor')).post('/api/audit-log/verify'))) as unknown as {
      ok: boolean;
    };
    expect(result.ok).toBe(true);
  });
});
