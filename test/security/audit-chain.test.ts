import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, refused } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

type Verify = { ok: boolean; checked: number; firstBroken: { seq: number | null; reason: string } | null };
type Entries = { items: { seq: number; action: string; actionLabel: string; username: string | null }[] };

describe(`the audit chain (${TEST_DIALECT})`, { timeout: 30_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const verify = async () =>
    (await ok((await t.as('auditor')).post('/api/audit-log/verify'))) as unknown as Verify;

  it('records logins and administrative changes as typed entries, readable only by the auditor', async () => {
    await t.as('admin');
    await t.anonymous.post('/api/auth/login', { username: 'dispatcher', password: 'wrong-Password-1' });
    const list = (await ok((await t.as('auditor')).get('/api/audit-log?pageSize=200'))) as unknown as Entries;
    const actions = list.items.map((e) => e.action);
    expect(actions).toContain('auth.login');
    expect(actions).toContain('auth.login_failed');
    expect(list.items.find((e) => e.action === 'auth.login_failed')?.actionLabel).toBe('登录失败');
    await refused((await t.as('admin')).get('/api/audit-log'), 403, 'FORBIDDEN_ROLE');
  });

  it('verifies an intact chain, and finds an entry edited in the database', async () => {
    const before = await verify();
    expect(before.ok).toBe(true);
    expect(before.checked).toBeGreaterThan(2);
    const kept = await t.ctx.db.kysely
      .selectFrom('audit_log')
      .select('ip')
      .where('seq', '=', 2)
      .executeTakeFirst();
    await sql`update audit_log set ip = '10.9.9.9' where seq = 2`.execute(t.ctx.db.kysely);
    const after = await verify();
    expect(after.ok).toBe(false);
    expect(after.firstBroken?.seq).toBe(2);
    expect(after.firstBroken?.reason).toContain('修改');
    await sql`update audit_log set ip = ${kept?.ip ?? null} where seq = 2`.execute(t.ctx.db.kysely);
    expect((await verify()).ok).toBe(true);
  });

  it('stays one linear chain with concurrent writers (another connection on PostgreSQL)', async () => {
    const other = t.anotherConnection();
    try {
      const writers = Array.from({ length: 30 }, (_, i) => {
        const db = other && i % 2 === 1 ? other.kysely : t.ctx.db.kysely;
        return t.ctx.audit.record(db, {
          actor: { userId: null, username: `writer-${i}` },
          action: 'setting.changed',
          target: `setting:test-${i}`,
          before: { i },
          after: { i: i + 1 },
          ip: '127.0.0.1',
        });
      });
      await Promise.all(writers);
      const r = await t.ctx.audit.verify();
      expect(r).toMatchObject({ ok: true, firstBroken: null });
      const seqs = await t.ctx.db.kysely.selectFrom('audit_log').select('seq').orderBy('seq').execute();
      expect(seqs.map((s) => Number(s.seq))).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    } finally {
      await other?.close();
    }
  });

  it('caps the fields: a 1 MB username cannot fill the table', async () => {
    const huge = 'x'.repeat(1_000_000);
    const res = await t.anonymous.post('/api/auth/login', { username: huge, password: huge });
    expect(res.statusCode).toBeLessThan(500);
    await t.ctx.audit.record(t.ctx.db.kysely, {
      actor: { userId: null, username: huge },
      action: 'auth.login_failed',
      target: huge,
      detail: huge,
      before: { huge },
      ip: huge,
    });
    const longest = await t.ctx.db.kysely
      .selectFrom('audit_log')
      .select(({ fn }) => [
        fn.max(sql<number>`length(username)`).as('u'),
        fn.max(sql<number>`length(detail)`).as('d'),
        fn.max(sql<number>`length(before_json)`).as('b'),
      ])
      .executeTakeFirstOrThrow();
    expect(Number(longest.u)).toBeLessThanOrEqual(64);
    expect(Number(longest.d)).toBeLessThanOrEqual(500);
    expect(Number(longest.b)).toBeLessThanOrEqual(8_000);
    expect((await verify()).ok).toBe(true);
  });
  it('finds a deleted entry, in the middle and at the end', async () => {
    await sql`delete from audit_log where seq = 2`.execute(t.ctx.db.kysely);
    let r = await t.ctx.audit.verify();
    expect(r.firstBroken?.seq).toBe(3);
    await sql`delete from audit_log where seq >= 2`.execute(t.ctx.db.kysely);
    r = await t.ctx.audit.verify();
    expect(r.ok).toBe(false);
    expect(r.firstBroken?.reason).toContain('链尾');
  });
});
