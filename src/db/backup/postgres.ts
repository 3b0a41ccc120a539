import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';

/** The PostgreSQL 15 client tools: on PATH, or where Debian installs them. */
function tool(name: 'pg_dump' | 'pg_restore'): string {
  const debian = join('/usr/lib/postgresql/15/bin', name);
  return existsSync(debian) ? debian : name;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', (e) => reject(new Error(`无法运行 ${command}：${e.message}`)));
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} 失败（退出码 ${code}）：${stderr.trim()}`)),
    );
  });
}

export interface PgTarget {
  url: string;
  /** The schema the application uses (tests run each in their own); `public` otherwise. */
  schema?: string | undefined;
}

async function connect(target: PgTarget): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: target.url,
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  });
  await client.connect();
  return client;
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function tablesOf(client: pg.Client, schema: string): Promise<string[]> {
  const { rows } = await client.query<{ table_name: string }>(
    `select table_name from information_schema.tables
      where table_schema = $1 and table_type = 'BASE TABLE' order by table_name`,
    [schema],
  );
  return rows.map((r) => r.table_name);
}

async function countRows(client: pg.Client, schema: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tablesOf(client, schema)) {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from ${ident(schema)}.${ident(table)}`,
    );
    counts[table] = rows[0]?.n ?? 0;
  }
  return counts;
}

/**
 * `pg_dump -Fc` of the application's schema. The row counts are taken in a repeatable-read
 * transaction whose snapshot pg_dump shares (`--snapshot`), so they describe exactly the dump.
 */
export async function dumpPostgres(
  target: PgTarget,
  dest: string,
): Promise<{ schema: string; counts: Record<string, number> }> {
  const client = await connect(target);
  try {
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ s: string }>('select pg_export_snapshot() as s')).rows[0]?.s;
    const schema = (await client.query<{ s: string }>('select current_schema() as s')).rows[0]?.s;
    if (!snapshot || !schema) throw new Error('无法读取数据库的快照或模式。');
    const counts = await countRows(client, schema);
    await run(tool('pg_dump'), [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      `--schema=${schema}`,
      `--snapshot=${snapshot}`,
      `--file=${dest}`,
      `--dbname=${target.url}`,
    ]);
    await client.query('commit');
    return { schema, counts };
  } finally {
    await client.end();
  }
}

/** Whether the target schema holds any table (a restore does not overwrite one without --force). */
export async function postgresHasTables(target: PgTarget, schema: string): Promise<boolean> {
  const client = await connect(target);
  try {
    return (await tablesOf(client, schema)).length > 0;
  } finally {
    await client.end();
  }
}

/**
 * `pg_restore` of a dump into the schema it came from. The schema is (re)created here and its own
 * entry is left out of the restore list, so an existing empty `public` does not stop the restore;
 * `replace` drops what the schema holds first (--force).
 */
export async function restorePostgres(
  target: PgTarget,
  schema: string,
  dump: string,
  listFile: string,
  replace: boolean,
): Promise<Record<string, number>> {
  const client = await connect(target);
  try {
    if (replace) await client.query(`drop schema if exists ${ident(schema)} cascade`);
    await client.query(`create schema if not exists ${ident(schema)}`);
    const toc = await listOf(dump);
    await writeFile(
      listFile,
      toc
        .split('\n')
        // The schema itself and its comment: created above, and owned by the database's owner.
        .filter((line) => !/ SCHEMA - |COMMENT - SCHEMA /.test(line))
        .join('\n'),
    );
    await run(tool('pg_restore'), [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      '--single-transaction',
      `--use-list=${listFile}`,
      `--dbname=${target.url}`,
      dump,
    ]);
    await settleJournal(client, schema);
    return await countRows(client, schema);
  } finally {
    await client.end();
  }
}

/**
 * The order journal (`page_stamps.changed`, migration pages-002) holds transaction ids of the
 * cluster the dump came from. In another cluster whose ids are not that far yet, they read as
 * transactions still to come: every stored list holding those orders would be built again at
 * each request until the cluster's ids passed them. They become this restore's own (committed)
 * id. A dump from before the journal has no such column; the migration adds it at start.
 */
async function settleJournal(client: pg.Client, schema: string): Promise<void> {
  const { rows } = await client.query(
    `select 1 from information_schema.columns
      where table_schema = $1 and table_name = 'page_stamps' and column_name = 'changed'`,
    [schema],
  );
  if (rows.length === 0) return;
  await client.query(
    `update ${ident(schema)}.page_stamps set changed = pg_current_xact_id()
      where changed >= pg_snapshot_xmax(pg_current_snapshot())`,
  );
}

function listOf(dump: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool('pg_restore'), ['--list', dump], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`pg_restore --list 失败：${err}`)),
    );
  });
}
