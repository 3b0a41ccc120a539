import { statSync } from 'node:fs';
import { openDb } from '../../src/db/connection.js';
import { exportOrders } from './xlsx.js';

/**
 * Runs one export in a process of its own, so that its memory is the export's alone: reports
 * the time, the file size and the resident memory every 10,000 rows.
 */
const url = process.env.BENCH_DB_URL as string;
const schema = process.env.BENCH_DB_SCHEMA;
const file = process.env.BENCH_EXPORT_FILE as string;
const limit = Number(process.env.BENCH_EXPORT_ROWS ?? 100_000);

const db = openDb(url, schema ? { schema } : {});
const rssAt: Array<[number, number]> = [[0, process.memoryUsage.rss()]];
let rssMax = process.memoryUsage.rss();
const timer = setInterval(() => {
  rssMax = Math.max(rssMax, process.memoryUsage.rss());
}, 50);
const t0 = performance.now();
const rows = await exportOrders(
  db,
  { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z', limit },
  file,
  (n) => {
    if (n % 10_000 === 0) rssAt.push([n, process.memoryUsage.rss()]);
  },
);
const seconds = (performance.now() - t0) / 1000;
clearInterval(timer);
rssMax = Math.max(rssMax, process.memoryUsage.rss());
await db.close();
process.send?.({ rows, seconds, bytes: statSync(file).size, rssMax, rssAt });
