import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { dumpPostgres, postgresHasTables, restorePostgres } from '../../db/backup/postgres.js';
import { backupSqliteFile, countSqliteRows, sqliteHasTables } from '../../db/backup/sqlite.js';
import { copyTree, type FileEntry, filesUnder, firstMismatch, sha256Of } from './files.js';

/**
 * Backup and restore (等保 2.0 数据备份恢复): the database — SQLite by its online backup API,
 * PostgreSQL by `pg_dump -Fc` — then the attachment files, with a manifest of row counts and
 * checksums. The database is copied first: a file uploaded meanwhile is at worst an extra file,
 * never a row without its file. Restore checks the backup against its manifest before it writes
 * anything, refuses a target that holds data unless forced, and checks counts and files after.
 */
export const MANIFEST = 'manifest.json';
const FORMAT = 'huiyin-backup/1';

export interface Manifest {
  format: typeof FORMAT;
  createdAt: string;
  dialect: 'sqlite' | 'postgres';
  /** PostgreSQL: the schema dumped (restored into the same name). */
  schema: string | null;
  database: { file: string; bytes: number; sha256: string };
  /** Rows per table at the instant of the backup. */
  counts: Record<string, number>;
  files: FileEntry[];
}

export interface Place {
  /** DATABASE_URL: `sqlite:<path>` (or a bare path) or `postgres://…`. */
  databaseUrl: string;
  /** PostgreSQL only: a schema other than the connection's default (tests). */
  schema?: string | undefined;
  uploadsDir: string;
}

export class BackupError extends Error {}

const isPostgres = (url: string) => /^postgres(ql)?:\/\//.test(url);
const sqlitePath = (url: string) => url.replace(/^sqlite:/, '');

async function isEmptyDir(dir: string): Promise<boolean> {
  return !existsSync(dir) || (await readdir(dir)).length === 0;
}

export async function backup(source: Place, outDir: string, now = new Date()): Promise<Manifest> {
  if (!(await isEmptyDir(outDir))) throw new BackupError(`备份目录 ${outDir} 不是空的，请换一个新目录。`);
  await mkdir(outDir, { recursive: true });
  let database: string;
  let counts: Record<string, number>;
  let schema: string | null = null;
  if (isPostgres(source.databaseUrl)) {
    database = 'database.pgdump';
    const dumped = await dumpPostgres(
      { url: source.databaseUrl, schema: source.schema },
      join(outDir, database),
    );
    counts = dumped.counts;
    schema = dumped.schema;
  } else {
    const path = sqlitePath(source.databaseUrl);
    if (path === ':memory:' || !existsSync(path)) throw new BackupError(`找不到数据库文件 ${path}。`);
    database = 'database.sqlite';
    counts = await backupSqliteFile(path, join(outDir, database));
  }
  const files = await copyTree(source.uploadsDir, join(outDir, 'files'));
  const dbFile = join(outDir, database);
  const manifest: Manifest = {
    format: FORMAT,
    createdAt: now.toISOString(),
    dialect: isPostgres(source.databaseUrl) ? 'postgres' : 'sqlite',
    schema,
    database: { file: database, bytes: (await stat(dbFile)).size, sha256: await sha256Of(dbFile) },
    counts,
    files,
  };
  await writeFile(join(outDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Reads a backup's manifest and checks the backup against it (nothing is written). */
export async function checkBackup(fromDir: string): Promise<Manifest> {
  const path = join(fromDir, MANIFEST);
  if (!existsSync(path)) throw new BackupError(`${fromDir} 中没有 ${MANIFEST}，不是回音的备份。`);
  const manifest = JSON.parse(await readFile(path, 'utf8')) as Manifest;
  if (manifest.format !== FORMAT) throw new BackupError(`不认识的备份格式：${String(manifest.format)}。`);
  const dbFile = join(fromDir, manifest.database.file);
  if (!existsSync(dbFile) || (await sha256Of(dbFile)) !== manifest.database.sha256)
    throw new BackupError(`备份已损坏：数据库文件 ${manifest.database.file} 与清单的校验值不符。`);
  const bad = await firstMismatch(join(fromDir, 'files'), manifest.files);
  if (bad) throw new BackupError(`备份已损坏：附件 ${bad} 缺失或与清单的校验值不符。`);
  return manifest;
}

function sameCounts(expected: Record<string, number>, actual: Record<string, number>): string | null {
  for (const [table, n] of Object.entries(expected)) {
    if (actual[table] !== n) return `表 ${table}：备份时 ${n} 行，恢复后 ${actual[table] ?? '无此表'}`;
  }
  return null;
}

export interface RestoreResult {
  manifest: Manifest;
  counts: Record<string, number>;
}

export async function restore(target: Place, fromDir: string, force = false): Promise<RestoreResult> {
  const manifest = await checkBackup(fromDir);
  const dialect = isPostgres(target.databaseUrl) ? 'postgres' : 'sqlite';
  if (dialect !== manifest.dialect)
    throw new BackupError(`这是 ${manifest.dialect} 的备份，不能恢复到 ${dialect} 数据库。`);
  const dbFile = join(fromDir, manifest.database.file);
  const pgTarget = { url: target.databaseUrl, schema: target.schema };
  const schema = manifest.schema ?? 'public';
  if (target.schema && target.schema !== schema)
    throw new BackupError(`备份来自模式 ${schema}，不能恢复到模式 ${target.schema}。`);

  const hasData =
    dialect === 'postgres'
      ? await postgresHasTables(pgTarget, schema)
      : existsSync(sqlitePath(target.databaseUrl)) && sqliteHasTables(sqlitePath(target.databaseUrl));
  if (!force && (hasData || !(await isEmptyDir(target.uploadsDir))))
    throw new BackupError('目标数据库或附件目录中已有数据；确认要覆盖时加 --force。');

  let counts: Record<string, number>;
  if (dialect === 'postgres') {
    counts = await restorePostgres(pgTarget, schema, dbFile, join(fromDir, '.restore-list'), force);
    await rm(join(fromDir, '.restore-list'), { force: true });
  } else {
    const path = sqlitePath(target.databaseUrl);
    for (const f of [path, `${path}-wal`, `${path}-shm`]) await rm(f, { force: true });
    await mkdir(dirname(path), { recursive: true });
    await copyFile(dbFile, path);
    counts = countSqliteRows(path);
  }
  const wrong = sameCounts(manifest.counts, counts);
  if (wrong) throw new BackupError(`恢复后的行数与清单不符（${wrong}）。`);

  if (force) await rm(target.uploadsDir, { recursive: true, force: true });
  await copyTree(join(fromDir, 'files'), target.uploadsDir);
  const bad = await firstMismatch(target.uploadsDir, manifest.files);
  if (bad) throw new BackupError(`恢复后的附件 ${bad} 与清单的校验值不符。`);
  const extra = (await filesUnder(target.uploadsDir)).length - manifest.files.length;
  if (extra !== 0) throw new BackupError(`恢复后的附件目录多出 ${extra} 个文件。`);
  return { manifest, counts };
}
