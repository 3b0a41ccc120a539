// A probe for the bench's server, not part of the product: where SQLite's own time goes under load.
//
//   BENCH_SERVER_NODE_ARGS="--import $PWD/bench/load/sqlite-time.mjs" npm run bench -- --db sqlite …
//
// Every SQLITE_TIME_EVERY seconds (default 4) the server writes to standard error the share of its
// CPU spent inside SQLite's statement calls (sqlite-calls.mjs) and the statements that took most of it.
import { onSqliteCall } from './sqlite-calls.mjs';

const byText = new Map();
onSqliteCall((sql, ns) => {
  const text = sql.replace(/\s+/g, ' ').slice(0, 100);
  const entry = byText.get(text) ?? { ns: 0n, calls: 0 };
  entry.ns += ns;
  entry.calls++;
  byText.set(text, entry);
});

const everyMs = 1000 * Number(process.env.SQLITE_TIME_EVERY ?? 4);
let cpuMark = process.cpuUsage();
let elapsed = 0;
setInterval(() => {
  elapsed += everyMs / 1000;
  const cpu = process.cpuUsage(cpuMark);
  cpuMark = process.cpuUsage();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const entries = [...byText].sort((a, b) => Number(b[1].ns - a[1].ns));
  const sqliteMs = entries.reduce((sum, [, e]) => sum + Number(e.ns) / 1e6, 0);
  const lines = entries
    .slice(0, 8)
    .map(
      ([text, e]) =>
        `  ${(Number(e.ns) / 1e6).toFixed(0).padStart(6)} ms ${String(e.calls).padStart(6)} × ${(Number(e.ns) / 1e3 / e.calls).toFixed(1).padStart(6)} µs  ${text}`,
    );
  process.stderr.write(
    `sqlite time at ${elapsed} s: ${sqliteMs.toFixed(0)} of ${cpuMs.toFixed(0)} ms of the server's CPU (${((100 * sqliteMs) / cpuMs).toFixed(0)} %)\n${lines.join('\n')}\n`,
  );
  byText.clear();
}, everyMs).unref();
