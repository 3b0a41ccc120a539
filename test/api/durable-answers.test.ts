import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anOrder } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

/**
 * An answer leaves only once the writes before it would survive a power cut. On a SQLite file
 * the log is synced in groups off the event loop (`WalSync`); here the sync is held open by the
 * test, as a slow disk would, to see that the answer waits for it and that concurrent
 * registrations share one sync. On PostgreSQL the commit is durable when it returns: nothing waits.
 */
describe(`answers wait until their writes are on disk (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let dir: string;
  const syncs: Array<{ finish: () => void }> = [];
  let holding = false;
  let calls = 0;
  const syncFile = async () => {
    calls++;
    if (!holding) return;
    await new Promise<void>((finish) => syncs.push({ finish }));
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'huiyin-durable-'));
    t = await createTestApp(undefined, {}, { sqliteFile: join(dir, 'huiyin.db'), syncFile });
  });
  afterAll(async () => {
    holding = false;
    for (const s of syncs) s.finish();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const settled = (p: Promise<unknown>) => {
    const state = { done: false };
    void p.then(() => {
      state.done = true;
    });
    return state;
  };
  /** Waits for what the test holds on, not for a fixed time a slow machine could overrun. */
  const until = async (ready: () => boolean | Promise<boolean>, what: string) => {
    for (const began = Date.now(); !(await ready()); await new Promise((r) => setTimeout(r, 5)))
      if (Date.now() - began > 20_000) throw new Error(`never: ${what}`);
  };
  const registeredTitled = async (prefix: string) =>
    Number(
      (
        await t.ctx.db.kysely
          .selectFrom('work_orders')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('title', 'like', `${prefix}%`)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('a registration is answered after the log is synced, not before', async () => {
    const dispatcher = await t.as('dispatcher');
    await t.ctx.db.durable();
    holding = true;
    const answer = dispatcher.post('/api/work-orders', anOrder());
    if (TEST_DIALECT === 'postgres') {
      expect((await answer).statusCode).toBe(201);
      expect(syncs).toHaveLength(0);
      return;
    }
    const answered = settled(answer);
    await until(() => syncs.length >= 1, 'the commit asks for a sync');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered.done).toBe(false);
    holding = false;
    for (const s of syncs.splice(0)) s.finish();
    const res = await answer;
    expect(res.statusCode, res.body).toBe(201);
  });

  it('ten registrations at once share the syncs, and all are kept', async () => {
    const dispatcher = await t.as('dispatcher');
    await t.ctx.db.durable();
    const before = calls;
    holding = true;
    const answers = Array.from({ length: 10 }, (_, i) =>
      dispatcher.post('/api/work-orders', anOrder({ title: `共用一次落盘 ${i}` })),
    );
    if (TEST_DIALECT === 'sqlite') {
      const answered = settled(Promise.race(answers));
      // Registrations run one at a time on SQLite; those committed while the first sync runs wait for one more.
      await until(
        async () => syncs.length >= 1 && (await registeredTitled('共用一次落盘')) === 10,
        'all ten committed',
      );
      expect(answered.done).toBe(false);
      holding = false;
      for (let round = 0; syncs.length > 0 && round < 20; round++) {
        for (const s of syncs.splice(0)) s.finish();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
    const done = await Promise.all(answers);
    for (const res of done) expect(res.statusCode, res.body).toBe(201);
    if (TEST_DIALECT === 'sqlite') expect(calls - before).toBeLessThanOrEqual(3);
    else expect(calls).toBe(0);
    const listed = await dispatcher.get('/api/work-orders?q=共用一次落盘&pageSize=50');
    expect(listed.statusCode, listed.body).toBe(200);
    expect((listed.json() as { total: number }).total).toBe(10);
  });
});
