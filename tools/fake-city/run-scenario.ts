import { parseArgs } from 'node:util';
import { runScenario, scenarioFailures } from './scenario.js';

/**
 * `npm run city:scenario -- --orders 1000 --dup 0.1 --fail 0.05 --kill 2 [--postgres URL]`:
 * the end-to-end check at full size, printing its figures; exits 1 when any check fails.
 * Without --postgres it runs on a SQLite file; `--postgres "$DATABASE_URL"` (or DATABASE_URL
 * set to a postgres:// URL) runs Huiyin on a fresh schema of that server.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    orders: { type: 'string' },
    dup: { type: 'string', default: '0.1' },
    fail: { type: 'string', default: '0.05' },
    kill: { type: 'string', default: '2' },
    postgres: { type: 'string' },
    port: { type: 'string', default: '8226' },
    'city-port': { type: 'string', default: '8227' },
  },
});
const envUrl = process.env.DATABASE_URL;
const postgresUrl = values.postgres ?? (envUrl && /^postgres(ql)?:\/\//.test(envUrl) ? envUrl : undefined);
const stamp = () => new Date().toISOString().slice(11, 19);

const figures = await runScenario({
  count: Number(values.orders ?? positionals[0] ?? 1000),
  dupRate: Number(values.dup),
  failRate: Number(values.fail),
  kills: Number(values.kill),
  huiyinPort: Number(values.port),
  cityPort: Number(values['city-port']),
  ...(postgresUrl ? { postgresUrl } : {}),
  log: (msg) => console.log(`[${stamp()}] ${msg}`),
});
console.log(JSON.stringify(figures, null, 2));
const failures = scenarioFailures(figures);
if (failures.length > 0) {
  console.error(`场景未通过:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log(
  `场景通过(${figures.database}):${figures.count} 件,回音被杀 ${figures.kills} 次;回音每件恰好一条,市平台每件恰好三条结果(去掉重复 ${figures.duplicatesDropped} 条),失败队列为空;用时 ${figures.seconds.total} 秒。`,
);
