import { parseArgs } from 'node:util';
import { startFakeCity } from './fake-city.js';
import { cityOrder } from './scenario.js';

/**
 * `npm run city:fake -- [--port 8225] [--key …] [--huiyin http://localhost:8080] [--send 20 --client-key hy_…]`:
 * a fake city platform for demos. It receives results at /results, lists orders at /orders,
 * answers statuses at /statuses, shows what it saw at /stats and takes faults at POST /faults
 * (see docs/city-link.md). With --send it pushes that many orders to Huiyin's city route with
 * the key of the API client the administrator created for the city (接口客户端).
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8225' },
    key: { type: 'string', default: 'demo-city-key-2026' },
    huiyin: { type: 'string', default: 'http://localhost:8080' },
    send: { type: 'string', default: '0' },
    list: { type: 'string', default: '0' },
    'client-key': { type: 'string', default: '' },
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
  const clientKey = values['client-key'];
  if (!clientKey) {
    console.error(
      '推送工单需要市平台的接口密钥:请由管理员在「接口客户端」中新增客户端(权限选市级平台对接),再用 --client-key 传入。',
    );
    process.exit(1);
  }
  const r = await city.push(
    Array.from({ length: toSend }, (_, i) => cityOrder(i + 1, run)),
    async (o) => {
      const res = await fetch(`${values.huiyin}/api/city/v1/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${clientKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(o),
      });
      if (res.status >= 500) throw new Error(`HTTP ${res.status}`); // down: the city tries again
      if (!res.ok) console.error(`回音拒绝 ${o.cityOrderNo}:HTTP ${res.status} ${await res.text()}`);
    },
  );
  console.log(`已向回音发送 ${r.sent} 件(${r.attempts} 次请求)。`);
}
