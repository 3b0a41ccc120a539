import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, refused } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

type User = {
  id: number;
  username: string;
  name: string;
  unitId: number;
  roles: string[];
  phone: string;
  active: boolean;
  liaisonSlot: string | null;
  awayFrom: string | null;
  awayUntil: string | null;
  awayNote: string | null;
};
type AuditEntry = {
  action: string;
  userId: number | null;
  target: string | null;
  before: User | null;
  after: User | null;
  detail: string | null;
};
type Issued = { initialPassword: { password: string; expiresAt: string } };

/** The body PUT /api/users/:id takes: the account as listed, minus what the server adds. */
const bodyOf = ({ id: _id, ...u }: User & { unitName?: string; roleLabels?: string[] }) => {
  const { unitName: _n, roleLabels: _l, ...rest } = u;
  return rest;
};

describe(`separation of duties: system, security and audit administrators (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let users: Map<string, User>;
  /** The initial password the security administrator's reset made (the audit log must not hold it). */
  let issued = '';
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
    const list = (await ok((await t.as('secadmin')).get('/api/users'))) as unknown as { items: User[] };
    users = new Map(list.items.map((u) => [u.username, u]));
  });
  afterAll(() => t.close());
  const user = (name: string) => users.get(name) as User;

  it('the system administrator cannot give itself business or audit roles, read orders, or reset the auditor', async () => {
    const admin = await t.as('admin');
    const self = user('admin');
    await refused(
      admin.put(`/api/users/${self.id}`, { ...bodyOf(self), roles: ['admin', 'dispatcher'] }),
      403,
      'ADMIN_ACCOUNT_ON_SERVER',
    );
    await refused(
      admin.put(`/api/users/${self.id}`, { ...bodyOf(self), roles: ['auditor'] }),
      403,
      'ADMIN_ACCOUNT_ON_SERVER',
    );
    await refused(admin.get('/api/work-orders'), 403, 'FORBIDDEN_ROLE');
    await refused(admin.get('/api/exports/work-orders.xlsx'), 403, 'FORBIDDEN_ROLE');
    await refused(admin.get('/api/audit-log'), 403, 'FORBIDDEN_ROLE');
    await refused(admin.post(`/api/users/${user('auditor').id}/password-reset`), 403, 'FORBIDDEN_ROLE');
    await refused(
      admin.post('/api/users', {
        username: 'x-new',
        name: '新人',
        unitId: self.unitId,
        roles: ['dispatcher'],
      }),
      403,
      'FORBIDDEN_ROLE',
    );
    const me = (await ok(admin.get('/api/auth/me'))) as unknown as { roles: string[]; abilities: string[] };
    expect(me.roles).toEqual(['admin']);
    expect(me.abilities).not.toContain('workOrder.read');
  });

  it('the system administrator keeps people’s details but not their access', async () => {
    const admin = await t.as('admin');
    const liaison = user('housing-b');
    const away = (await ok(
      admin.put(`/api/users/${liaison.id}`, {
        ...bodyOf(liaison),
        awayFrom: '2026-03-05',
        awayUntil: '2026-03-09',
        awayNote: '培训',
      }),
    )) as unknown as User;
    expect(away.awayFrom).toBe('2026-03-05');
    await refused(
      admin.put(`/api/users/${liaison.id}`, { ...bodyOf(away), unitId: user('natres-a').unitId }),
      403,
      'ROLE_GRANT_FORBIDDEN',
    );
    await refused(
      admin.put(`/api/users/${liaison.id}`, { ...bodyOf(away), active: false }),
      403,
      'ROLE_GRANT_FORBIDDEN',
    );
    // Renaming locks the holder out: never the system administrator's to do, never on an administrator.
    await refused(
      admin.put(`/api/users/${liaison.id}`, { ...bodyOf(away), username: 'housing-b2' }),
      403,
      'ROLE_GRANT_FORBIDDEN',
    );
    for (const name of ['auditor', 'secadmin']) {
      const error = await refused(
        admin.put(`/api/users/${user(name).id}`, { ...bodyOf(user(name)), username: `${name}-renamed` }),
        403,
        'ADMIN_USERNAME',
      );
      expect(error.message).toContain('登录名不能修改');
    }
    await refused(
      (await t.as('secadmin')).put(`/api/users/${user('auditor').id}`, {
        ...bodyOf(user('auditor')),
        username: 'auditor-renamed',
      }),
      403,
      'ADMIN_USERNAME',
    );
    await ok((await t.as('auditor')).get('/api/audit-log?pageSize=1'));
  });

  it('the security administrator grants roles, but never its own, never two duties at once, never an administrator’s password', async () => {
    const sec = await t.as('secadmin');
    const self = user('secadmin');
    await refused(
      sec.put(`/api/users/${self.id}`, { ...bodyOf(self), roles: ['security_admin', 'dispatcher'] }),
      403,
      'ADMIN_ACCOUNT_ON_SERVER',
    );
    // No administrator account is taken over through the application (三员不能互相接管): not
    // demoted so that its password may be reset, not switched off, not created beside one's own.
    const auditorCookie = await t.as('auditor');
    const demoted = await refused(
      sec.put(`/api/users/${user('admin').id}`, { ...bodyOf(user('admin')), roles: ['dispatcher'] }),
      403,
      'ADMIN_ACCOUNT_ON_SERVER',
    );
    expect(demoted.message).toContain('npm run account:admin');
    await refused(
      sec.put(`/api/users/${user('auditor').id}`, { ...bodyOf(user('auditor')), active: false }),
      403,
      'ADMIN_ACCOUNT_ON_SERVER',
    );
    await ok(auditorCookie.get('/api/audit-log?pageSize=1'));
    await refused(
      sec.post('/api/users', {
        username: 'sec-two',
        name: '另一位安全管理员',
        unitId: self.unitId,
        roles: ['security_admin'],
      }),
      403,
      'ADMIN_ACCOUNT_ON_SERVER',
    );
    await refused(
      sec.put(`/api/users/${user('eco-a').id}`, { ...bodyOf(user('eco-a')), roles: ['auditor'] }),
      403,
      'ADMIN_ACCOUNT_ON_SERVER',
    );
    const leader = user('housing-leader');
    await refused(
      sec.put(`/api/users/${leader.id}`, { ...bodyOf(leader), roles: ['unit_leader', 'auditor'] }),
      403,
      'ADMIN_ACCOUNT_ON_SERVER',
    );
    const promoted = (await ok(
      sec.put(`/api/users/${leader.id}`, { ...bodyOf(leader), roles: ['unit_main_leader'] }),
    )) as unknown as User;
    expect(promoted.roles).toEqual(['unit_main_leader']);
    await refused(sec.post(`/api/users/${user('auditor').id}/password-reset`), 403, 'ADMIN_PASSWORD');
    await refused(sec.post(`/api/users/${user('admin').id}/password-reset`), 403, 'ADMIN_PASSWORD');
    await refused(sec.post(`/api/users/${self.id}/password-reset`), 403, 'OWN_PASSWORD');
    issued = ((await ok(sec.post(`/api/users/${user('eco-a').id}/password-reset`))) as unknown as Issued)
      .initialPassword.password;
    await refused(sec.get('/api/work-orders'), 403, 'FORBIDDEN_ROLE');
    await refused(sec.get('/api/audit-log'), 403, 'FORBIDDEN_ROLE');
  });

  it('the auditor reads every change to users and roles with the account before and after', async () => {
    const log = (await ok((await t.as('auditor')).get('/api/audit-log?pageSize=200'))) as unknown as {
      items: AuditEntry[];
    };
    const roles = log.items.find((e) => e.action === 'user.roles_changed');
    expect(roles?.userId).toBe(user('secadmin').id);
    expect(roles?.target).toContain('housing-leader');
    expect(roles?.before?.roles).toEqual(['unit_leader']);
    expect(roles?.after?.roles).toEqual(['unit_main_leader']);
    const away = log.items.find((e) => e.action === 'user.updated');
    expect([away?.before?.awayFrom, away?.after?.awayFrom]).toEqual([null, '2026-03-05']);
    const reset = log.items.find((e) => e.action === 'user.password_reset');
    expect(reset?.target).toContain('eco-a');
    expect(reset?.detail).toContain('系统生成一次性初始密码');
    expect(issued).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    expect(JSON.stringify(log.items)).not.toContain(issued);
    // Refused attempts changed nothing.
    const admin = (await ok((await t.as('secadmin')).get('/api/users'))) as unknown as { items: User[] };
    expect(admin.items.find((u) => u.username === 'admin')?.roles).toEqual(['admin']);
  });
});
