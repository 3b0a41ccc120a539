import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anOrder } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

/**
 * A registration sent again with the key it was first sent with (`Idempotency-Key`) answers with
 * the order it registered, never a second one: the desk may resend a form whose answer the link
 * lost. Through HTTP, on both databases.
 */
describe(`a registration sent twice with one key (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  const register = async (user: string, body: object, key?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/work-orders',
      headers: { cookie: await t.cookieOf(user), ...(key ? { 'idempotency-key': key } : {}) },
      payload: body,
    });
  const ordersTitled = async (title: string) =>
    t.ctx.db.kysely.selectFrom('work_orders').select('id').where('title', '=', title).execute();

  it('answers the order it registered the first time, with 200', async () => {
    const key = randomUUID();
    const body = anOrder({ title: '楼道声控灯坏了一个月' });
    const first = await register('dispatcher', body, key);
    expect(first.statusCode, first.body).toBe(201);
    const again = await register('dispatcher', body, key);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, code: first.json().code });
    expect(await ordersTitled('楼道声控灯坏了一个月')).toHaveLength(1);
    // A new key is a new registration.
    expect((await register('dispatcher', body, randomUUID())).statusCode).toBe(201);
    expect(await ordersTitled('楼道声控灯坏了一个月')).toHaveLength(2);
  });

  it('refuses the key sent again with other content, registering nothing', async () => {
    const key = randomUUID();
    const first = await register('dispatcher', anOrder({ title: '路口信号灯不亮' }), key);
    expect(first.statusCode, first.body).toBe(201);
    const other = await register('dispatcher', anOrder({ title: '路口信号灯不亮,已两天' }), key);
    expect(other.statusCode, other.body).toBe(409);
    expect(other.json().error).toMatchObject({
      code: 'REQUEST_KEY_REUSED',
      details: { id: first.json().id },
    });
    expect(other.json().error.message).toMatch(/没有保存/);
    expect(await ordersTitled('路口信号灯不亮,已两天')).toHaveLength(0);
    // The first content itself is still a resend.
    expect((await register('dispatcher', anOrder({ title: '路口信号灯不亮' }), key)).statusCode).toBe(200);
  });

  it('registers once when the two requests arrive together', async () => {
    const key = randomUUID();
    const body = anOrder({ title: '小区二次供水水箱没有清洗' });
    const both = await Promise.all([register('dispatcher', body, key), register('dispatcher', body, key)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(new Set(both.map((r) => r.json().id)).size).toBe(1);
    expect(await ordersTitled('小区二次供水水箱没有清洗')).toHaveLength(1);
  });

  it('keeps nothing of a refused registration: its key registers the corrected form', async () => {
    const city = { channel: 'city_platform', cityDeadline: '2026-03-20T18:00:00+08:00' };
    const taken = anOrder({ ...city, cityOrderNo: 'SZ202603020001', title: '市平台来件:占道经营' });
    expect((await register('dispatcher', taken, randomUUID())).statusCode).toBe(201);
    const key = randomUUID();
    const twice = await register('dispatcher', { ...taken, title: '市平台来件:占道经营(再次)' }, key);
    expect(twice.statusCode, twice.body).toBe(409);
    expect(twice.json().error.code).toBe('DUPLICATE_CITY_ORDER');
    const corrected = await register(
      'dispatcher',
      { ...taken, cityOrderNo: 'SZ202603020002', title: '市平台来件:占道经营(更正)' },
      key,
    );
    expect(corrected.statusCode, corrected.body).toBe(201);
  });

  it('refuses a key another person used, and a key that is not one, writing nothing', async () => {
    const key = randomUUID();
    expect((await register('dispatcher', anOrder({ title: '路口信号灯不亮' }), key)).statusCode).toBe(201);
    const other = await register('dispatcher2', anOrder({ title: '路口信号灯不亮(他人)' }), key);
    expect(other.statusCode, other.body).toBe(409);
    expect(other.json().error).toMatchObject({ code: 'REQUEST_KEY_USED' });
    expect(await ordersTitled('路口信号灯不亮(他人)')).toHaveLength(0);

    const bad = await register('dispatcher', anOrder({ title: '钥匙格式不对' }), '短键');
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.body).toContain('Idempotency-Key');
    expect(await ordersTitled('钥匙格式不对')).toHaveLength(0);
  });
});
