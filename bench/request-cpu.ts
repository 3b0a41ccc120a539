import { createTestApp } from '../test/support/test-app.js';
import { onSqliteCall } from './load/sqlite-calls.mjs';

/**
 * `npx tsx bench/request-cpu.ts`: the server's CPU time per request — an order's page, a unit's
 * list, `/api/auth/me`, the bare health check and three workflow actions — in process (Fastify's inject, no sockets), on
 * SQLite in memory with 40 dispatched orders. CPU time, not wall time: on a machine shared with
 * other work it still says what one request costs the server. Each figure is the second of two
 * rounds (the first warms the JIT), without and with compression (`br, gzip` as browsers ask).
 * Beside each, the part spent inside SQLite: in memory and on 40 orders, so a floor of what a file
 * on disk with a county's history costs. BENCH_REQUESTS sets the requests per figure (default 1000).
 */
const N = Number(process.env.BENCH_REQUESTS ?? 1000);

/** Time spent inside SQLite (load/sqlite-calls.mjs): the part of a request no change in JavaScript can remove. */
let sqliteNs = 0n;
onSqliteCall((_sql, ns) => {
  sqliteNs += ns;
});
const sqliteMsSince = (ns: bigint, count: number) => Number(sqliteNs - ns) / 1e6 / count;
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

/**
 * Workflow actions, as the other figures: CPU per request over `count` fresh orders, each taken
 * through registration, dispatch to a lead and a co-unit, and the lead's signature.
 */
async function actionCosts(count: number) {
  const staff = await t.cookieOf('dispatcher');
  const lead = await t.cookieOf('housing-a');
  const post = async (cookie: string, url: string, body: object) => {
    const r = await t.app.inject({ method: 'POST', url, headers: { cookie }, payload: body });
    if (r.statusCode >= 300) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
    return r.json() as { id: number; version: number };
  };
  const timed = async <T>(step: (i: number) => Promise<T>) => {
    const out: T[] = [];
    const cpu = process.cpuUsage();
    const inSqlite = sqliteNs;
    for (let i = 0; i < count; i++) out.push(await step(i));
    const used = process.cpuUsage(cpu);
    return { out, cpuMs: (used.user + used.system) / 1000 / count, sqliteMs: sqliteMsSince(inSqlite, count) };
  };
  const registered = await timed((i) =>
    post(staff, '/api/work-orders', {
      channel: 'phone',
      type: 'complaint',
      title: `楼道堆放杂物 ${i}`,
      content: '楼道里长期堆放杂物,存在消防隐患,请督促物业清理。',
      citizenName: '李女士',
      citizenPhone: `139${String(10_000_000 + i)}`,
      citizenAddress: `城关镇和平路 ${i} 号`,
      urgency: 'normal',
      needsCitizenReply: true,
    }),
  );
  const dispatched = await timed((i) => {
    const o = registered.out[i] as { id: number; version: number };
    return post(staff, `/api/work-orders/${o.id}/dispatch`, {
      version: o.version,
      leadUnitId: t.unitId('housing'),
      coUnitIds: [t.unitId('natres')],
    });
  });
  const signed = await timed((i) => {
    const o = dispatched.out[i] as { id: number; version: number };
    return post(lead, `/api/work-orders/${o.id}/sign`, { version: o.version });
  });
  return [
    ['register an order', registered],
    ['dispatch to a lead and a co-unit', dispatched],
    ['sign', signed],
  ] as const;
}
const liaison = await t.cookieOf('housing-a');

async function measure(url: (i: number) => string, cookie: string, encoding: string) {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const inSqlite = sqliteNs;
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
    sqliteMs: sqliteMsSince(inSqlite, N),
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
          `| ${name} | ${encoding} | ${m.cpuMs.toFixed(2)} | ${m.sqliteMs.toFixed(3)} | ${m.wallMs.toFixed(2)} | ${m.bytes.toLocaleString('en')} |`,
        );
    }
  }
}
const actions: string[] = [];
for (const round of [1, 2]) {
  const costs = await actionCosts(Math.min(N, 300));
  if (round === 2)
    for (const [name, cost] of costs)
      actions.push(`| ${name} | ${cost.cpuMs.toFixed(2)} | ${cost.sqliteMs.toFixed(3)} |`);
}
console.log(`${N} requests per figure, second round\n`);
console.log('| request | encoding | CPU ms | in SQLite ms | wall ms | bytes |\n|---|---|---|---|---|---|');
console.log(rows.join('\n'));
console.log(`\nWorkflow actions, ${Math.min(N, 300)} orders each, second round\n`);
console.log('| action | CPU ms | in SQLite ms |\n|---|---|---|');
console.log(actions.join('\n'));
await t.close();
