import { parseArgs } from 'node:util';
import { DEMO_PASSWORD } from '../../src/setup/seed/demo-county.js';
import { startFakeCity } from './fake-city.js';
import { cityOrder } from './scenario.js';

/**
 * `npm run city:fake -- [--port 8225] [--key …] [--huiyin http://localhost:8080] [--send 20]`:
 * a fake city platform for demos. It receives results at /results, lists orders at /orders,
 * answers statuses at /statuses, shows what it saw at /stats and takes faults at POST /faults
 * (see docs/city-link.md). With --send it pushes that many orders to Huiyin as the city-api user.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8225' },
    key: { type: 'string', default: 'demo-city-key-2026' },
    huiyin: { type: 'string', default: 'http://localhost:8080' },
    send: { type: 'string', default: '0' },
    list: { type: 'string', default: '0' },
  },
});

const city = await startFakeCity({ key: values.key, port: Number(values.port), host: '0.0.0.0' });
const run = Date.now().toString(36).toUpperCase();
console.log(`假市平台已启动:${city.url}(密钥 ${values.key})`);
console.log(
  `  结果回传地址 ${city.url}/results · 工单列表 ${city.url}/orders · 工单状态 ${city.url}/statuses`,
);
console.log(`  查看收到的结果:curl ${city.url}/stats -H 'authorization: Bearer ${values.key}'`);

const listed = Number(values.list);
if (listed > 0) {
  city.list(Array.from({ length: listed }, (_, i) => cityOrder(i + 1, `L${run}`)));
  console.log(`已在工单列表中放入 ${listed} 件,等回音按设置的间隔拉取。`);
}

const toSend = Number(values.send);
if (toSend > 0) {
  const login = await fetch(`${values.huiyin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'city-api', password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`以 city-api 登录回音失败:HTTP ${login.status}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const r = await city.push(
    Array.from({ length: toSend }, (_, i) => cityOrder(i + 1, run)),
    async (o) => {
      const res = await fetch(`${values.huiyin}/api/work-orders`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(o),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
    },
  );
  console.log(`已向回音发送 ${r.sent} 件(${r.attempts} 次请求)。`);
}
