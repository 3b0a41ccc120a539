/** Calls `listener(sql, ns)` after every better-sqlite3 statement call in this process (see sqlite-calls.mjs). */
export function onSqliteCall(listener: (sql: string, ns: bigint) => void): void;
