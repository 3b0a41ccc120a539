import { createTestApp } from '../test/support/test-app.js';

/**
 * `npx tsx bench/request-cpu.ts`: the server's CPU time per request — an order's page, a unit's
 * list, `/api/auth/me` and the bare health check — in process (Fastify's inject, no sockets), on
 * SQLite in memory with 40 dispatched orders. CPU time, not wall time: on a machine shared with
 * other work it still says what one request costs the server. Each figure is the second of two
 * rounds (the first warms the JIT), without and with compression (`br, gzip` as browsers ask).
 * BENCH_REQUESTS sets the requests per figure (default 1000).
 */
const N = Number(process.env.BENCH_REQUESTS ?? 1000);
const t = await createTestApp('2026-03-02T09:00:00+08:00');
const dispatcher = await t.as('dispatcher');
const ids: number[] = [];
for (let i = 0; i < 40; i++) {
  const created = await dispatcher.post('/api/work-orders', {
    channel: 'phone',
    type: 'complaint',
    title: `小区路灯不亮 ${i}`,
    content: '某某小区门口路灯连续一周不亮,夜间出行不便,请尽快维修。',
    citizenName: '张先生',
    citizenPhone: '13800001111',
    citizenAddress: '城关镇幸福路 12 号',
    urgency: 'normal',
    needsCitizenReply: true,
  });
  const order = created.json() as { id: number; version: number };
  const dispatched = await dispatcher.post(`/api/work-orders/${order.id}/dispatch`, {
    version: order.version,
    leadUnitId: t.unitId('housing'),
    coUnitIds: [t.unitId('natres')],
  });
  if (dispatched.statusCode !== 200) throw new Error(dispatched.body);
  ids.push(order.id);
}
const office = await t.cookieOf('dispatcher');
const liaison = await t.cookieOf('housing-a');

async function measure(url: (i: number) => string, cookie: string, encoding: string) {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  let bytes = 0;
  for (let i = 0; i < N; i++) {
    const r = await t.app.inject({
      method: 'GET',
      url: url(i),
      headers: { cookie, 'accept-encoding': encoding },
    });
    if (r.statusCode !== 200) throw new Error(`${url(i)}: ${r.statusCode} ${r.body.slice(0, 200)}`);
    bytes += r.rawPayload.length;
  }
  const used = process.cpuUsage(cpu);
  return {
    cpuMs: (used.user + used.system) / 1000 / N,
    wallMs: (performance.now() - wall) / N,
    bytes: Math.round(bytes / N),
  };
}

const requests: Array<[string, (i: number) => string, string]> = [
  ['health check', () => '/api/health', office],
  ['/api/auth/me', () => '/api/auth/me', office],
  ["an order's page", (i) => `/api/work-orders/${ids[i % ids.length]}`, office],
  ["a unit's queue (40 rows)", () => '/api/work-orders?state=pending_sign,handling&sort=deadline', liaison],
];
const rows: string[] = [];
for (const round of [1, 2]) {
  for (const [name, url, cookie] of requests) {
    for (const encoding of ['identity', 'br, gzip']) {
      const m = await measure(url, cookie, encoding);
      if (round === 2)
        rows.push(
          `| ${name} | ${encoding} | ${m.cpuMs.toFixed(2)} | ${m.wallMs.toFixed(2)} | ${m.bytes.toLocaleString('en')} |`,
        );
    }
  }
}
console.log(`${N} requests per figure, second round\n`);
console.log('| request | encoding | CPU ms | wall ms | bytes |\n|---|---|---|---|---|');
console.log(rows.join('\n'));
await t.close();
