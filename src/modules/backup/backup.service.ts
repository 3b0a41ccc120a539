import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { dumpPostgres, postgresHasTables, restorePostgres } from '../../db/backup/postgres.js';
import { backupSqliteFile, countSqliteRows, sqliteHasTables } from '../../db/backup/sqlite.js';
import { BACKUP_CIPHER, type BackupKey, BackupKeyMismatch, decryptFile, encryptFile } from './encryption.js';
import { copyTree, type FileEntry, filesUnder, firstMismatch, sha256Of, sizeAndHash } from './files.js';

/**
 * Backup and restore (等保 2.0 数据备份恢复): the database — SQLite by its online backup API,
 * PostgreSQL by `pg_dump -Fc` — then the attachment files, with a manifest of row counts and
 * checksums. The database is copied first: a file uploaded meanwhile is at worst an extra file,
 * never a row without its file. Restore checks the backup against its manifest before it writes
 * anything, refuses a target that holds data unless forced, and checks counts and files after.
 * Given a key, every file of the backup is encrypted (encryption.ts) and the manifest says with
 * which key; a backup is checked against its manifest without the key, and restored only with it.
 */
export const MANIFEST = 'manifest.json';
const FORMAT = 'huiyin-backup/1';

export interface Manifest {
  format: typeof FORMAT;
  createdAt: string;
  dialect: 'sqlite' | 'postgres';
  /** PostgreSQL: the schema dumped (restored into the same name). */
  schema: string | null;
  database: { file: string; bytes: number; sha256: string; plain?: { bytes: number; sha256: string } };
  /** Rows per table at the instant of the backup. */
  counts: Record<string, number>;
  files: FileEntry[];
  /** Null (or absent, before encryption existed): stored as they were. */
  encryption?: { cipher: string; keyId: string } | null;
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

/** A folder of this machine's temporary directory only this user reads, removed after `use`. */
async function withPrivateTemp<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'huiyin-backup-'));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Copies the database into `file`: SQLite by its online backup, PostgreSQL by pg_dump. */
async function dumpDatabase(source: Place, file: string) {
  if (isPostgres(source.databaseUrl))
    return dumpPostgres({ url: source.databaseUrl, schema: source.schema }, file);
  const path = sqlitePath(source.databaseUrl);
  if (path === ':memory:' || !existsSync(path)) throw new BackupError(`找不到数据库文件 ${path}。`);
  return { counts: await backupSqliteFile(path, file), schema: null };
}

export async function backup(
  source: Place,
  outDir: string,
  now = new Date(),
  key: BackupKey | null = null,
): Promise<Manifest> {
  if (!(await isEmptyDir(outDir))) throw new BackupError(`备份目录 ${outDir} 不是空的，请换一个新目录。`);
  await mkdir(outDir, { recursive: true });
  const postgres = isPostgres(source.databaseUrl);
  const database = `${postgres ? 'database.pgdump' : 'database.sqlite'}${key ? '.enc' : ''}`;
  const dbFile = join(outDir, database);
  // Encrypted, the plaintext dump passes through a private temporary folder, never the backup's.
  const { counts, schema, plain } = key
    ? await withPrivateTemp(async (dir) => {
        const dump = join(dir, 'database');
        const dumped = await dumpDatabase(source, dump);
        await encryptFile(key, dump, dbFile);
        return { ...dumped, plain: await sizeAndHash(dump) };
      })
    : { ...(await dumpDatabase(source, dbFile)), plain: undefined };
  const files = await copyTree(
    source.uploadsDir,
    join(outDir, 'files'),
    key ? (from, to) => encryptFile(key, from, to) : undefined,
  );
  const manifest: Manifest = {
    format: FORMAT,
    createdAt: now.toISOString(),
    dialect: postgres ? 'postgres' : 'sqlite',
    schema,
    database: { file: database, ...(await sizeAndHash(dbFile)), ...(plain ? { plain } : {}) },
    counts,
    files,
    encryption: key ? { cipher: BACKUP_CIPHER, keyId: key.id } : null,
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

/** The key an encrypted backup needs, checked to be the one it was made with. */
function keyFor(manifest: Manifest, key: BackupKey | null): BackupKey | null {
  if (!manifest.encryption) return null;
  if (!key)
    throw new BackupError(
      '这是加密的备份：请提供备份时用的密钥（环境变量 BACKUP_KEY 或 BACKUP_KEY_FILE 指向的文件）。',
    );
  if (key.id !== manifest.encryption.keyId)
    throw new BackupError(
      `这份备份是用另一把密钥加密的（密钥编号 ${manifest.encryption.keyId}，现在提供的是 ${key.id}），请换用备份时的密钥。`,
    );
  return key;
}

const decryptingWith = (key: BackupKey) => async (from: string, to: string) => {
  try {
    await decryptFile(key, from, to);
  } catch (e) {
    if (e instanceof BackupKeyMismatch) throw new BackupError(`备份文件 ${from} 无法解密（${e.message}）。`);
    throw e;
  }
};

export async function restore(
  target: Place,
  fromDir: string,
  force = false,
  givenKey: BackupKey | null = null,
): Promise<RestoreResult> {
  const manifest = await checkBackup(fromDir);
  const key = keyFor(manifest, givenKey);
  const dialect = isPostgres(target.databaseUrl) ? 'postgres' : 'sqlite';
  if (dialect !== manifest.dialect)
    throw new BackupError(`这是 ${manifest.dialect} 的备份，不能恢复到 ${dialect} 数据库。`);
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

  const restoreDatabase = async (dbFile: string, work: string) => {
    if (dialect === 'postgres') {
      const list = join(work, '.restore-list');
      const counts = await restorePostgres(pgTarget, schema, dbFile, list, force);
      await rm(list, { force: true });
      return counts;
    }
    const path = sqlitePath(target.databaseUrl);
    for (const f of [path, `${path}-wal`, `${path}-shm`]) await rm(f, { force: true });
    await mkdir(dirname(path), { recursive: true });
    await copyFile(dbFile, path);
    return countSqliteRows(path);
  };
  const stored = join(fromDir, manifest.database.file);
  const counts = key
    ? await withPrivateTemp(async (dir) => {
        const plain = join(dir, 'database');
        await decryptingWith(key)(stored, plain);
        return restoreDatabase(plain, dir);
      })
    : await restoreDatabase(stored, fromDir);
  const wrong = sameCounts(manifest.counts, counts);
  if (wrong) throw new BackupError(`恢复后的行数与清单不符（${wrong}）。`);

  if (force) await rm(target.uploadsDir, { recursive: true, force: true });
  await copyTree(join(fromDir, 'files'), target.uploadsDir, key ? decryptingWith(key) : undefined);
  const bad = await firstMismatch(target.uploadsDir, manifest.files, 'plain');
  if (bad) throw new BackupError(`恢复后的附件 ${bad} 与清单的校验值不符。`);
  const extra = (await filesUnder(target.uploadsDir)).length - manifest.files.length;
  if (extra !== 0) throw new BackupError(`恢复后的附件目录多出 ${extra} 个文件。`);
  return { manifest, counts };
}
