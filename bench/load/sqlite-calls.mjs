// Time spent inside SQLite, told call by call: better-sqlite3's statement calls that run a statement
// to its end (`run`, `get`, `all`; each with its triggers, BEGIN and COMMIT too). They are synchronous
// on the caller's thread, so their wall time is that thread's time. Bench-only, never the product.
// Plain JavaScript: the bench's server runs built, and loads the probe that uses this without a loader.
import { createRequire } from 'node:module';

const listeners = [];
let installed = false;

/** Calls `listener(sql, ns)` after every statement call in this process, from now on. */
export function onSqliteCall(listener) {
  listeners.push(listener);
  if (installed) return;
  installed = true;
  const SQLite = createRequire(import.meta.url)('better-sqlite3');
  const probe = new SQLite(':memory:');
  const statement = Object.getPrototypeOf(probe.prepare('select 1'));
  probe.close();
  for (const method of ['run', 'get', 'all']) {
    const original = statement[method];
    statement[method] = function (...args) {
      const start = process.hrtime.bigint();
      try {
        return original.apply(this, args);
      } finally {
        const ns = process.hrtime.bigint() - start;
        for (const tell of listeners) tell(this.source, ns);
      }
    };
  }
}
