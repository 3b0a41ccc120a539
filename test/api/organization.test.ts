import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, ok, refused, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';
import { registrationScan } from '../support/upload.js';

type Unit = {
  id: number;
  code: string;
  kind: string;
  remit: string;
  registrationFiled: boolean;
  registration: { liaisonA: { name: string } } | null;
};
type User = {
  id: number;
  username: string;
  roles: string[];
  liaisonSlot: string | null;
  awayFrom: string | null;
};

describe(`login, units, users, registration forms, categories, settings (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  it('logs in with a hashed password, and out', async () => {
    await refused(
      t.anonymous.post('/api/auth/login', { username: 'dispatcher', password: 'wrong' }),
      401,
      'LOGIN_FAILED',
    );
    const me = (await ok(
      t.anonymous.post('/api/auth/login', { username: 'dispatcher', password: 'Huiyin@2026' }),
    )) as unknown as {
      roleLabels: string[];
    };
    expect(me.roleLabels).toEqual(['派单员']);
    const stored = await t.ctx.db.kysely
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'dispatcher')
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^scrypt\$/);
    expect(stored.password_hash).not.toContain('Huiyin@2026');
    const auditor = await t.as('auditor');
    const log = (await ok(auditor.get('/api/audit-log'))) as unknown as { items: Array<{ action: string }> };
    expect(log.items.map((i) => i.action)).toEqual(
      expect.arrayContaining(['auth.login', 'auth.login_failed']),
    );
    await refused((await t.as('admin')).get('/api/audit-log'), 403, 'FORBIDDEN_ROLE');
  });

  it('every unit kind is there, with remits, and who has not filed the registration form', async () => {
    const units = ((await ok((await t.as('dispatcher')).get('/api/units'))) as unknown as { items: Unit[] })
      .items;
    const kinds = new Set(units.map((u) => u.kind));
    for (const kind of ['hotline_office', 'supervision_office', 'department', 'township', 'city_platform'])
      expect(kinds).toContain(kind);
    expect(units.filter((u) => u.kind === 'department').length).toBeGreaterThanOrEqual(15);
    expect(units.filter((u) => u.kind === 'township').length).toBeGreaterThanOrEqual(8);
    expect(units.find((u) => u.code === 'housing')?.remit.length).toBeGreaterThan(10);
    expect(
      units
        .filter((u) => (u.kind === 'department' || u.kind === 'township') && !u.registrationFiled)
        .map((u) => u.code),
    ).toEqual(expect.arrayContaining(['watersupply', 'town-gucheng']));
  });

  it('a unit files its own registration form, but not another unit’s', async () => {
    const form = {
      leaderInCharge: {
        name: '马建军',
        title: '副县长级',
        officePhone: '0972-8523001',
        mobile: '13897200001',
        fax: '0972-8523001',
      },
      liaisonA: {
        name: '韩小梅',
        title: '办公室主任',
        officePhone: '0972-8523002',
        mobile: '13897200002',
        fax: '0972-8523001',
      },
      liaisonB: {
        name: '冶文斌',
        title: '科员',
        officePhone: '0972-8523003',
        mobile: '13897200003',
        fax: '0972-8523001',
      },
      remarks: '',
      filledBy: '韩小梅',
      filledByPhone: '0972-8523002',
    };
    const own = await t.as('watersupply-a');
    const unitId = t.unitId('watersupply');
    const scanAttachmentId = await registrationScan(t, 'watersupply-a', unitId);
    const saved = (await ok(
      own.put(`/api/units/${unitId}/registration`, { ...form, scanAttachmentId }),
    )) as unknown as Unit;
    expect(saved.registrationFiled).toBe(true);
    expect(saved.registration?.liaisonA.name).toBe('韩小梅');
    await refused(own.put(`/api/units/${t.unitId('housing')}/registration`, form), 403, 'OTHER_UNIT');
    await refused(
      own.put(`/api/units/${unitId}/registration`, {
        ...form,
        scanAttachmentId: await registrationScan(t, 'watersupply-a', unitId),
        liaisonA: { ...form.liaisonA, mobile: '123' },
      }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('the administrators manage units and users, with AB roles and absences', async () => {
    const admin = await t.as('admin');
    const secadmin = await t.as('secadmin');
    const unit = (await ok(
      admin.post('/api/units', {
        code: 'culture',
        name: '县文化和旅游局',
        kind: 'department',
        remit: '文化市场、旅游景区、文物保护等事项。',
      }),
      201,
    )) as unknown as Unit;
    await refused(
      admin.post('/api/units', { code: 'culture', name: '另一个', kind: 'department' }),
      409,
      'UNIT_EXISTS',
    );
    const user = (await ok(
      secadmin.post('/api/users', {
        username: 'culture-a',
        name: '李文华',
        unitId: unit.id,
        roles: ['unit_liaison'],
        liaisonSlot: 'A',
      }),
      201,
    )) as unknown as User & { initialPassword: { password: string } };
    expect(user.liaisonSlot).toBe('A');
    await refused(
      secadmin.post('/api/users', {
        username: 'culture-x',
        name: '王五',
        unitId: unit.id,
        roles: ['dispatcher'],
      }),
      400,
      'ROLE_NOT_FOR_UNIT',
    );
    const away = (await ok(
      admin.put(`/api/users/${user.id}`, {
        username: 'culture-a',
        name: '李文华',
        unitId: unit.id,
        roles: ['unit_liaison'],
        liaisonSlot: 'A',
        awayFrom: '2026-03-05',
        awayUntil: '2026-03-12',
        awayNote: '外出培训',
      }),
    )) as unknown as User;
    expect(away.awayFrom).toBe('2026-03-05');
    const login = await t.anonymous.post('/api/auth/login', {
      username: 'culture-a',
      password: user.initialPassword.password,
    });
    expect(login.statusCode).toBe(200);
    await refused((await t.as('dispatcher')).post('/api/users', {}), 403, 'FORBIDDEN_ROLE');
  });

  it("a unit name too long is refused by its own name, not the label of a person's", async () => {
    const admin = await t.as('admin');
    const r = await refused(
      admin.post('/api/units', { code: 'long-name', name: '很长的单位名称'.repeat(9), kind: 'department' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(r.message).toBe('提交的内容不符合要求：单位名称不能超过 60 个字');
  });

  it('a unit with open orders is not deactivated: nobody could act on them', async () => {
    const admin = await t.as('admin');
    const units = (await ok(admin.get('/api/units'))) as unknown as { items: Array<Unit & { name: string }> };
    const edited = (code: string, active: boolean) => {
      const u = units.items.find((x) => x.code === code) as Unit & { name: string };
      return { code: u.code, name: u.name, kind: u.kind, remit: u.remit, active };
    };
    const order = await registeredAndDispatched(t, 'water', ['natres']);
    const refusal = await refused(
      admin.put(`/api/units/${t.unitId('water')}`, edited('water', false)),
      422,
      'UNIT_HAS_OPEN_ORDERS',
    );
    expect(refusal.message).toContain(order.code);
    // A co-unit that has not given its opinion holds a part too.
    await refused(
      admin.put(`/api/units/${t.unitId('natres')}`, edited('natres', false)),
      422,
      'UNIT_HAS_OPEN_ORDERS',
    );
    const still = (await ok(admin.get('/api/units'))) as unknown as {
      items: Array<{ code: string; active: boolean }>;
    };
    expect(still.items.find((u) => u.code === 'water')?.active).toBe(true);
    await act(await t.as('dispatcher'), order, 'void', { reason: '重复登记,作废。' });
    const off = (await ok(
      admin.put(`/api/units/${t.unitId('water')}`, edited('water', false)),
    )) as unknown as {
      active: boolean;
    };
    expect(off.active).toBe(false);
    await ok(admin.put(`/api/units/${t.unitId('water')}`, edited('water', true)));
  });

  it('categories: the three-level tree from the reference data, edited by the administrator', async () => {
    const dispatcher = await t.as('dispatcher');
    const all = (
      (await ok(dispatcher.get('/api/categories'))) as unknown as {
        items: Array<{ id: number; level1: string }>;
      }
    ).items;
    expect(all).toHaveLength(517);
    expect(new Set(all.map((c) => c.level1)).size).toBe(15);
    const admin = await t.as('admin');
    const added = (await ok(
      admin.post('/api/categories', { level1: '城乡建设', level2: '物业管理', level3: '电梯维保' }),
      201,
    )) as unknown as {
      id: number;
    };
    await ok(
      admin.put(`/api/categories/${added.id}`, {
        level1: '城乡建设',
        level2: '物业管理',
        level3: '电梯维保',
        active: false,
      }),
    );
    const active = ((await ok(dispatcher.get('/api/categories'))) as unknown as { items: unknown[] }).items;
    expect(active).toHaveLength(517);
  });

  it('time-limit settings are the notice’s by default and changed only by the administrator', async () => {
    const dispatcher = await t.as('dispatcher');
    const limits = (await ok(dispatcher.get('/api/settings/time-limits'))) as unknown as Record<
      string,
      unknown
    >;
    expect(limits).toMatchObject({
      handleWorkingDays: 5,
      returnWindowWorkingDays: 1,
      redoWorkingDays: 5,
      dayEndsAt: '24:00',
    });
    await refused(dispatcher.put('/api/settings/time-limits', limits), 403, 'FORBIDDEN_ROLE');
    const admin = await t.as('admin');
    await refused(
      admin.put('/api/settings/time-limits', { ...limits, dayEndsAt: '25:00' }),
      400,
      'VALIDATION_FAILED',
    );
    const changed = (await ok(
      admin.put('/api/settings/time-limits', { ...limits, dayEndsAt: '17:30' }),
    )) as unknown as {
      dayEndsAt: string;
    };
    expect(changed.dayEndsAt).toBe('17:30');
    const answer = (await ok(
      t.anonymous.get('/api/calendar/deadline?start=2026-03-02T09:00:00%2B08:00&workingDays=1'),
    )) as unknown as { deadline: string };
    expect(answer.deadline).toBe('2026-03-03T17:30:00+08:00');
    await ok(admin.put('/api/settings/time-limits', { ...limits, dayEndsAt: '24:00' }));
  });

  it('serves its health to anyone and its OpenAPI document to signed-in users only', async () => {
    const stranger = await t.anonymous.get('/api/openapi.json');
    expect(stranger.statusCode).toBe(401);
    expect(stranger.json().error.code).toBe('UNAUTHENTICATED');
    const health = (await ok(t.anonymous.get('/api/health'))) as unknown as {
      status: string;
      database: string;
    };
    expect(health).toMatchObject({ status: 'ok', database: TEST_DIALECT });
    // No background job runs in a test's app (the server's start runs them: jobs/scheduler.ts).
    expect((health as unknown as { jobs: unknown }).jobs).toEqual({});
    const doc = (await ok((await t.as('dispatcher')).get('/api/openapi.json'))) as unknown as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/work-orders',
        '/api/work-orders/{id}/dispatch',
        '/api/calendar/deadline',
      ]),
    );
  });
});
