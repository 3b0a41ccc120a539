import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CityOutboxRepository } from '../../src/db/repositories/city-outbox.repository.js';
import { CityDeliveryWorker } from '../../src/jobs/city-delivery-worker.js';
import { SettingsService } from '../../src/modules/settings/settings.service.js';
import { type FakeCity, NO_FAULTS, startFakeCity } from '../../tools/fake-city/fake-city.js';
import { aCityOrder, createMachineClient, type MachineClient } from '../support/api-clients.js';
import { act, anOrder, aReply, ok, refused, replySignedOff } from '../support/orders.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const KEY = 'city-secret-key-2026';
let t: TestApp;
let city: FakeCity;
let worker: CityDeliveryWorker;
let seq = 0;

const settingsFor = (c: FakeCity, over: Record<string, unknown> = {}) => ({
  enabled: true,
  resultsUrl: `${c.url}/results`,
  ordersUrl: `${c.url}/orders`,
  statusesUrl: `${c.url}/statuses`,
  key: KEY,
  timeoutMs: 1000,
  maxAttempts: 3,
  fieldMapping: {},
  ...over,
});

// A fresh city per test: each test's database numbers its orders from the start again.
beforeEach(async () => {
  city = await startFakeCity({ key: KEY });
  t = await createTestApp();
  cityClient = null;
  worker = new CityDeliveryWorker(t.ctx.db.kysely, t.ctx.settings, t.clock, {
    retryBaseMs: 1000,
    outbound: t.ctx.outbound,
  });
  await ok((await t.as('admin')).put('/api/city-link/settings', settingsFor(city)));
});
afterEach(async () => {
  await t.close();
  await city.close();
});

let cityClient: MachineClient | null = null;
/** The city platform's API client, created once per test's application. */
const cityClientOnce = async () => {
  cityClient ??= await createMachineClient(t, {
    name: '市12345热线平台',
    scopes: ['city'],
    unitCode: 'city',
  });
  return cityClient;
};

/** An order as the city sends it (with its key), dispatched to housing and signed. */
async function citySignedOrder() {
  const no = `SZ-T-${++seq}-${Date.now()}`;
  const cityClient = await cityClientOnce();
  const sent = await cityClient.call(
    'POST',
    '/api/city/v1/orders',
    aCityOrder(no, { needsCitizenReply: false }),
  );
  expect(sent.statusCode, sent.body).toBe(201);
  const dispatcher = await t.as('dispatcher');
  const created = await ok(dispatcher.get(`/api/work-orders/${sent.json().id}`));
  let order = await act(dispatcher, created, 'dispatch', { leadUnitId: t.unitId('housing'), coUnitIds: [] });
  order = await act(await t.as('housing-a'), order, 'sign');
  return { no, order };
}

const resultsFor = (no: string) =>
  [...city.results.values()].filter((r) => r.cityOrderNo === no).sort((a, b) => a.sequence - b.sequence);

describe('results back to the city', { timeout: 30_000 }, () => {
  it('sends every tracked event of a city order once, in order, with an idempotency key', async () => {
    const { no, order: signed } = await citySignedOrder();
    const liaison = await t.as('housing-a');
    const reviewer = await t.as('reviewer');
    let order = await act(liaison, signed, 'reportProgress', { content: '已派人到现场查看,正在协调维修。' });
    order = await replySignedOff(liaison, await t.as('housing-leader'), order, { reply: aReply() });
    order = await act(reviewer, order, 'acceptReview', { opinion: '答复规范' });
    order = await act(reviewer, order, 'callback', { result: 'satisfied', note: '群众满意' });
    order = await act(reviewer, order, 'close');
    expect(await worker.drain()).toMatchObject({ sent: 4, dead: 0 });

    const got = resultsFor(no);
    expect(got.map((r) => [r.sequence, r.event, r.status])).toEqual([
      [1, 'signed', 'handling'],
      [2, 'progress_reported', 'handling'],
      [3, 'replied', 'replied'],
      [4, 'closed', 'closed'],
    ]);
    expect(got[3]?.body.detail).toMatchObject({ satisfaction: 'satisfied' });
    // The replying unit by name (答复单位): the city cannot look up the county's unit ids.
    expect(got[2]?.body.detail).toMatchObject({ reply: { replyingUnitName: '县住房和城乡建设局' } });
    expect(got.map((r) => r.idempotencyKey)).toEqual([1, 2, 3, 4].map((n) => `huiyin:${order.code}:${n}`));
    // A second round sends nothing more.
    expect(await worker.drain()).toMatchObject({ sent: 0 });
  });

  it('tells the city when the office answers a city consultation on the spot (直办), closing it', async () => {
    const office = await t.as('dispatcher');
    type Version = { versionId: number; entryVersion: number };
    const proposed = (await ok(
      office.post('/api/knowledge', {
        kind: 'policy',
        ownerUnitId: t.unitId('civil'),
        title: '城乡居民最低生活保障申请条件',
        body: '具有本县户籍、家庭人均月收入低于当地低保标准的,向户籍所在地乡镇人民政府提出书面申请。',
        categoryId: null,
        sourceDocument: '县民政局关于城乡低保标准的通知',
        sourceDate: '2026-01-08',
        validFrom: '2026-01-08',
        validUntil: '2026-12-31',
      }),
      201,
    )) as unknown as Version;
    const entry = (await ok(
      office.post(`/api/knowledge/versions/${proposed.versionId}/approve`, {
        version: proposed.entryVersion,
      }),
    )) as unknown as Version;
    const no = `SZ-T-${++seq}-${Date.now()}`;
    const sent = await (await cityClientOnce()).call(
      'POST',
      '/api/city/v1/orders',
      aCityOrder(no, { type: 'consult', title: '咨询低保申请条件', content: '想问问家里老人怎么申请低保？' }),
    );
    expect(sent.statusCode, sent.body).toBe(201);
    const created = await ok(office.get(`/api/work-orders/${sent.json().id}`));
    const answer = '已向来电人解答低保申请条件,请其携带户口簿到户籍所在地乡镇人民政府提出书面申请。';
    await act(office, created, 'answerOnSpot', { knowledgeVersionId: entry.versionId, answer });
    expect(await worker.drain()).toMatchObject({ sent: 1, dead: 0 });
    const got = resultsFor(no);
    expect(got.map((r) => [r.sequence, r.event, r.status])).toEqual([[1, 'answered_on_spot', 'closed']]);
    expect(got[0]?.body.detail).toMatchObject({ answer });
  });

  it('a merge names the order it went into by the county’s code and the city’s number', async () => {
    const client = await cityClientOnce();
    const first = await client.call('POST', '/api/city/v1/orders', aCityOrder(`SZ-M1-${++seq}`));
    const intoNo = `SZ-M2-${++seq}`;
    const into = await client.call('POST', '/api/city/v1/orders', aCityOrder(intoNo));
    const office = await t.as('dispatcher');
    const order = await ok(office.get(`/api/work-orders/${first.json().id}`));
    await act(office, order, 'merge', { intoCode: into.json().code, reason: '同一诉求重复来电,合并办理。' });
    await worker.drain();
    const [merged] = resultsFor(order.cityOrderNo as string);
    expect(merged?.body).toMatchObject({
      event: 'merged',
      detail: { intoOrderId: into.json().id, intoOrderCode: into.json().code, intoCityOrderNo: intoNo },
    });
  });

  it('writes nothing for orders that did not come from the city', async () => {
    const dispatcher = await t.as('dispatcher');
    const created = await ok(dispatcher.post('/api/work-orders', anOrder()), 201);
    const order = await act(dispatcher, created, 'dispatch', {
      leadUnitId: t.unitId('housing'),
      coUnitIds: [],
    });
    await act(await t.as('housing-a'), order, 'sign');
    expect(await new CityOutboxRepository(t.ctx.db.kysely).countsByStatus()).toEqual({});
  });

  it('retries with backoff, and the city keeps a result once when an answer was lost', async () => {
    const { no } = await citySignedOrder();
    // Every request is processed by the city, then its answer is lost: Huiyin must resend.
    city.faults = { ...NO_FAULTS, failEvery: 1, failAfterProcessing: true };
    expect(await worker.runOnce()).toMatchObject({ sent: 0, failed: 1 });
    // The office sees it failing now, not only once it is dead.
    const outbox = (await ok((await t.as('dispatcher')).get('/api/city-link/outbox'))) as unknown as {
      retrying: Array<{ cityOrderNo: string; attempts: number; lastError: string }>;
    };
    expect(outbox.retrying).toEqual([
      expect.objectContaining({ cityOrderNo: no, attempts: 1, lastError: expect.stringContaining('503') }),
    ]);
    // Not due again before the backoff has passed.
    expect(await worker.runOnce()).toMatchObject({ due: 0 });
    city.faults = { ...NO_FAULTS };
    t.clock.advance(1000);
    expect(await worker.runOnce()).toMatchObject({ sent: 1 });
    expect(resultsFor(no)).toHaveLength(1);
    expect(city.duplicates).toContain(`huiyin:${(await orderCode(no)) ?? ''}:1`);
  });

  it('any 2xx is delivered, whatever its body: a gateway that answers a plain OK gets the result once', async () => {
    const { no } = await citySignedOrder();
    city.faults = { ...NO_FAULTS, plainOk: true };
    expect(await worker.runOnce()).toMatchObject({ sent: 1, failed: 0 });
    t.clock.advance(60_000);
    expect(await worker.runOnce()).toMatchObject({ due: 0 });
    expect(resultsFor(no)).toHaveLength(1);
    expect(city.duplicates).toEqual([]);
  });

  it('holds a later result until the earlier one is delivered', async () => {
    const { no, order } = await citySignedOrder();
    city.faults = { ...NO_FAULTS, down: true };
    expect(await worker.runOnce()).toMatchObject({ failed: 1 });
    await act(await t.as('housing-a'), order, 'reportProgress', { content: '正在协调维修,预计三天内完成。' });
    city.faults = { ...NO_FAULTS };
    // The progress report is due now, the sign only after its backoff: nothing may go yet.
    expect(await worker.runOnce()).toMatchObject({ due: 0, sent: 0 });
    t.clock.advance(1000);
    await worker.drain();
    expect(resultsFor(no).map((r) => r.event)).toEqual(['signed', 'progress_reported']);
    expect(city.outOfOrder).toEqual([]);
  });

  it('a result that keeps failing becomes a dead letter the office sees and resends', async () => {
    const { no, order } = await citySignedOrder();
    city.faults = { ...NO_FAULTS, down: true };
    for (const wait of [0, 1000, 2000]) {
      t.clock.advance(wait);
      await worker.runOnce();
    }
    const dispatcher = await t.as('dispatcher');
    const outbox = (await dispatcher.get('/api/city-link/outbox')).json();
    expect(outbox.counts).toMatchObject({ dead: 1, sent: 0 });
    expect(outbox.deadLetters).toEqual([
      expect.objectContaining({
        orderCode: order.code,
        cityOrderNo: no,
        event: 'signed',
        attempts: 3,
        lastError: expect.stringContaining('503'),
        deadSince: t.clock.now().toISOString(),
      }),
    ]);
    // A unit does not see the office's list.
    await refused((await t.as('housing-a')).get('/api/city-link/outbox'), 403, 'FORBIDDEN_ROLE');
    await refused(dispatcher.post('/api/city-link/dead-letters/999999/resend'), 404, 'DEAD_LETTER_NOT_FOUND');

    city.faults = { ...NO_FAULTS };
    await ok(dispatcher.post(`/api/city-link/dead-letters/${outbox.deadLetters[0].id}/resend`));
    await worker.drain();
    expect(resultsFor(no).map((r) => r.event)).toEqual(['signed']);
    expect((await dispatcher.get('/api/city-link/outbox')).json()).toMatchObject({
      counts: { dead: 0, sent: 1 },
      deadLetters: [],
    });
  });

  it('a refusal the city would repeat (4xx) goes to the dead letters at once', async () => {
    await ok(
      (await t.as('admin')).put('/api/city-link/settings', settingsFor(city, { key: 'a-wrong-key-123' })),
    );
    await citySignedOrder();
    expect(await worker.runOnce()).toMatchObject({ dead: 1 });
  });

  it('a sender killed mid-delivery: its lease runs out and the row is sent again, once in effect', async () => {
    const { no } = await citySignedOrder();
    const repo = new CityOutboxRepository(t.ctx.db.kysely);
    const [row] = await repo.due(t.clock.now().toISOString(), 10);
    if (!row) throw new Error('no row');
    // A process claimed it (and perhaps sent it), then died before recording the outcome.
    expect(await repo.claim(row, new Date(t.clock.now().getTime() + 7000).toISOString())).toBe(true);
    expect(await repo.claim(row, t.clock.now().toISOString())).toBe(false);
    expect(await worker.runOnce()).toMatchObject({ due: 0 });
    t.clock.advance(7000);
    expect(await worker.runOnce()).toMatchObject({ sent: 1 });
    expect(resultsFor(no)).toHaveLength(1);
  });

  it('two workers at once never send the same result twice', async () => {
    for (let i = 0; i < 6; i++) await citySignedOrder();
    const other = t.anotherConnection();
    const second = new CityDeliveryWorker(
      other?.kysely ?? t.ctx.db.kysely,
      other ? new SettingsService(other.kysely, t.clock, t.ctx.audit) : t.ctx.settings,
      t.clock,
      { retryBaseMs: 1000, outbound: t.ctx.outbound },
    );
    const requestsBefore = city.requests;
    const [a, b] = await Promise.all([worker.runOnce(), second.runOnce()]);
    await other?.close();
    expect(a.sent + b.sent).toBe(6);
    expect(city.requests - requestsBefore).toBe(6);
  });
});

describe('city link settings', () => {
  it('are checked when saved, keep the key secret, and are for the administrator only', async () => {
    const admin = await t.as('admin');
    const bad = await admin.put('/api/city-link/settings', settingsFor(city, { resultsUrl: 'ftp://x' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/http/);
    const dup = await admin.put(
      '/api/city-link/settings',
      settingsFor(city, { fieldMapping: { cityOrderNo: 'gdbh', orderCode: 'gdbh' } }),
    );
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.message).toMatch(/同一个名字/);
    // A name that is both a field and the parent of another could not be written.
    const nested = await admin.put(
      '/api/city-link/settings',
      settingsFor(city, { fieldMapping: { event: 'x', status: 'x.y' } }),
    );
    expect(nested.statusCode).toBe(400);
    expect(nested.json().error.message).toContain('「x」');
    // Nor one that takes the name another field keeps unmapped.
    const taken = await admin.put(
      '/api/city-link/settings',
      settingsFor(city, { fieldMapping: { status: 'event.code' } }),
    );
    expect(taken.statusCode).toBe(400);
    const badName = await admin.put(
      '/api/city-link/settings',
      settingsFor(city, { fieldMapping: { event: '类型 x' } }),
    );
    expect(badName.statusCode).toBe(400);

    const saved = await ok(admin.put('/api/city-link/settings', settingsFor(city, { key: '' })));
    expect(saved).toMatchObject({ settings: { keySet: true } });
    expect(JSON.stringify(saved)).not.toContain(KEY);
    await refused((await t.as('dispatcher')).get('/api/city-link/settings'), 403, 'FORBIDDEN_ROLE');
  });

  it('keep the key only for hosts it was already sent to: a new host must be given the key again (security review M5)', async () => {
    const admin = await t.as('admin');
    const other = await startFakeCity({ key: KEY });
    try {
      // Moving an address to another host with the key left blank would send the old key there.
      for (const moved of [
        { resultsUrl: `${other.url}/results` },
        { statusesUrl: `${other.url}/statuses` },
        // Same host, another port or scheme, is another server.
        { ordersUrl: `${city.url.replace(/:(\d+)$/, (_, p) => `:${Number(p) + 1}`)}/orders` },
        { resultsUrl: `${city.url.replace('http:', 'https:')}/results` },
      ]) {
        const error = await refused(
          admin.put('/api/city-link/settings', settingsFor(city, { key: '', ...moved })),
          400,
          'CITY_KEY_REQUIRED',
        );
        expect(error.message).toContain('重新填写接口密钥');
      }
      // Nothing was saved: the link still points at the first city.
      expect((await admin.get('/api/city-link/settings')).json()).toMatchObject({
        settings: { resultsUrl: `${city.url}/results`, statusesUrl: `${city.url}/statuses` },
      });
      const { no } = await citySignedOrder();
      await worker.drain();
      expect(other.results.size).toBe(0);
      expect([...city.results.values()].map((r) => r.cityOrderNo)).toContain(no);

      // Another path on the same host, or an address added on a host already used, keeps the key.
      await ok(
        admin.put(
          '/api/city-link/settings',
          settingsFor(city, { key: '', resultsUrl: `${city.url}/v2/results`, statusesUrl: null }),
        ),
      );
      await ok(admin.put('/api/city-link/settings', settingsFor(city, { key: null })));
      // With the key typed again, the new host may have it.
      await ok(admin.put('/api/city-link/settings', settingsFor(other, { key: KEY })));
      expect((await t.ctx.settings.cityLink())?.resultsUrl).toBe(`${other.url}/results`);
    } finally {
      await other.close();
    }
  });

  it('map the result fields to the city names', async () => {
    const mapped = await startFakeCity({
      key: KEY,
      fieldNames: { cityOrderNo: 'gd.bh', sequence: 'xh', event: 'lx', status: 'zt' },
    });
    try {
      await ok(
        (await t.as('admin')).put(
          '/api/city-link/settings',
          settingsFor(mapped, {
            fieldMapping: { cityOrderNo: 'gd.bh', sequence: 'xh', event: 'lx', status: 'zt' },
          }),
        ),
      );
      const { no } = await citySignedOrder();
      await worker.drain();
      const [r] = [...mapped.results.values()];
      expect(r).toMatchObject({ cityOrderNo: no, sequence: 1, event: 'signed', status: 'handling' });
      expect(r?.body).toMatchObject({ gd: { bh: no }, lx: 'signed' });
    } finally {
      await mapped.close();
    }
  });
});

async function orderCode(no: string) {
  return (
    await t.ctx.db.kysely
      .selectFrom('work_orders')
      .select('code')
      .where('city_order_no', '=', no)
      .executeTakeFirst()
  )?.code;
}
