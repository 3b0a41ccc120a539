import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLL_RUNS_KEPT } from '../../src/domain/city-poll.js';
import { CityOrderPoller } from '../../src/jobs/city-poller.js';
import type { PollHealth as Health } from '../../src/modules/city/city-link.service.js';
import { type FakeCity, startFakeCity } from '../../tools/fake-city/fake-city.js';
import { cityOrder } from '../../tools/fake-city/scenario.js';
import { ok, refused } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

const KEY = 'city-secret-key-2026';

const linkTo = (url: string, key = KEY) => ({
  enabled: true,
  resultsUrl: `${url}/results`,
  ordersUrl: `${url}/orders`,
  key,
  timeoutMs: 2000,
  pollEverySeconds: 60,
});

/** What the office sees on its city link page, and the administrator beside the settings: the same. */
async function healthSeen(t: TestApp): Promise<Health> {
  const office = (await ok((await t.as('dispatcher')).get('/api/city-link/outbox'))) as unknown as {
    poll: Health;
  };
  const admin = (await ok((await t.as('admin')).get('/api/city-link/settings'))) as unknown as {
    poll: Health;
  };
  expect(admin.poll).toEqual(office.poll);
  return office.poll;
}

describe(`a city order-list poll the outbound guard refuses (${TEST_DIALECT})`, { timeout: 60_000 }, () => {
  let t: TestApp;
  let city: FakeCity;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00', { OUTBOUND_ALLOWED_NETWORKS: [] });
    city = await startFakeCity({ key: KEY });
  });
  afterAll(async () => {
    await t.close();
    await city.close();
  });

  it('is shown to the office and the administrator with its Chinese reason, once per run of the same refusal', async () => {
    // A name, so saving passes; at the call it resolves to loopback, which this deployment refuses.
    await ok(
      (await t.as('admin')).put(
        '/api/city-link/settings',
        linkTo(city.url.replace('127.0.0.1', 'localhost')),
      ),
    );
    expect(await healthSeen(t)).toEqual({ configured: true, everySeconds: 60, lastReadAt: null, runs: [] });

    const poller = new CityOrderPoller(t.ctx);
    await expect(poller.pollIfDue()).rejects.toThrow(/本机回环地址/);
    // A refused poll is tried again at the administrator's interval, not at the job's next tick.
    t.clock.advance(5_000);
    expect(await poller.pollIfDue()).toBeNull();
    t.clock.advance(55_000);
    await expect(poller.pollIfDue()).rejects.toThrow(/本机回环地址/);

    const health = await healthSeen(t);
    expect(health.lastReadAt).toBeNull();
    expect(health.runs).toEqual([
      {
        outcome: 'refused',
        reason: expect.stringMatching(/^未连接市平台：地址「localhost」解析为.*本机回环地址/),
        firstAt: '2026-03-02T01:00:00.000Z',
        lastAt: '2026-03-02T01:01:00.000Z',
        polls: 2,
        received: 0,
        refusedOrders: 0,
      },
    ]);
    expect(city.requests).toBe(0);
    await refused((await t.as('housing-a')).get('/api/city-link/outbox'), 403, 'FORBIDDEN_ROLE');
  });
});

describe(`the city order-list poll's recent outcomes (${TEST_DIALECT})`, { timeout: 60_000 }, () => {
  let t: TestApp;
  let city: FakeCity;
  let poller: CityOrderPoller;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
    city = await startFakeCity({ key: KEY });
    poller = new CityOrderPoller(t.ctx);
    await ok((await t.as('admin')).put('/api/city-link/settings', linkTo(city.url)));
  });
  afterAll(async () => {
    await t.close();
    await city.close();
  });

  /** The next poll, at the administrator's interval; a failed one is thrown on, for the service log. */
  const nextPoll = async () => {
    t.clock.advance(61_000);
    try {
      await poller.pollIfDue();
      return 'ok';
    } catch {
      return 'thrown';
    }
  };

  it('records a read list, a city that is down, and a city that refuses the key, each with what it said', async () => {
    city.list([cityOrder(1, 'H'), cityOrder(2, 'H'), { ...cityOrder(3, 'H'), title: '短' }]);
    expect(await nextPoll()).toBe('ok');
    expect(await nextPoll()).toBe('ok');
    city.faults = { ...city.faults, down: true };
    expect(await nextPoll()).toBe('thrown');
    city.faults = { ...city.faults, down: false };
    await ok((await t.as('admin')).put('/api/city-link/settings', { key: 'not-the-city-key' }));
    expect(await nextPoll()).toBe('thrown');

    const health = await healthSeen(t);
    expect(health.runs.map((r) => [r.outcome, r.polls, r.received, r.refusedOrders])).toEqual([
      ['refused', 1, 0, 0],
      ['failed', 1, 0, 0],
      ['ok', 2, 2, 1],
    ]);
    expect(health.runs[0]?.reason).toMatch(/^市平台答复 HTTP 401：.*密钥不对/);
    expect(health.runs[1]?.reason).toMatch(/^市平台答复 HTTP 503/);
    expect(health.runs[2]?.reason).toBeNull();
    expect(health.lastReadAt).toBe(health.runs[2]?.lastAt);
    await ok((await t.as('admin')).put('/api/city-link/settings', { key: KEY }));
  });

  it(`keeps only the latest ${POLL_RUNS_KEPT} runs however long the link flaps`, async () => {
    // Down, up, down, … ending up: as many runs again as are kept, after the three above.
    for (let i = 0; i < POLL_RUNS_KEPT; i++) {
      city.faults = { ...city.faults, down: i % 2 === 0 };
      expect(await nextPoll()).toBe(i % 2 === 0 ? 'thrown' : 'ok');
    }
    const { runs } = await healthSeen(t);
    expect(runs).toHaveLength(POLL_RUNS_KEPT);
    expect(runs[0]).toMatchObject({ outcome: 'ok', polls: 1 });
    expect(runs.every((r, i) => i === 0 || r.lastAt < (runs[i - 1]?.firstAt ?? ''))).toBe(true);
    const stored = await t.ctx.db.kysely.selectFrom('city_poll_runs').select('id').execute();
    expect(stored).toHaveLength(POLL_RUNS_KEPT);
  });
});
