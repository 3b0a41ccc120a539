import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';

const run = promisify(execFile);

/**
 * The operator's commands, as typed on the server: `npm run backup:key` makes the key once,
 * `npm run backup` then encrypts, and `npm run restore` needs the same key. On a SQLite file,
 * whichever database the suite runs on (the encryption itself is tested on both:
 * test/security/backup-restore.test.ts).
 */
describe('the backup key on the command line', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'huiyin-backup-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = (over: Record<string, string> = {}) => ({
    ...process.env,
    DATABASE_URL: `sqlite:${join(dir, 'county.db')}`,
    UPLOADS_DIR: join(dir, 'uploads'),
    AUDIT_KEY_FILE: join(dir, 'audit.key'),
    BACKUP_KEY_FILE: join(dir, 'keys', 'backup.key'),
    ...over,
  });
  const cli = (args: string[], over?: Record<string, string>) =>
    run('npx', ['tsx', 'src/setup/backup.ts', ...args], { env: env(over) }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it('makes the key once, encrypts with it, and restores only with it', async () => {
    const db = openDb(`sqlite:${join(dir, 'county.db')}`);
    await migrateToLatest(db);
    await db.close();

    const made = await cli(['key']);
    expect(made.code, made.stderr).toBe(0);
    const id = /密钥编号 ([0-9a-f]{16})/.exec(made.stdout)?.[1];
    expect(id).toBeDefined();
    expect(made.stdout).toContain('另存一份离线保管');
    expect(statSync(join(dir, 'keys', 'backup.key')).mode & 0o777).toBe(0o600);
    const again = await cli(['key']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('已存在：用它做过的备份离不开它，不覆盖');

    const out = join(dir, 'backup');
    const saved = await cli(['backup', '--out', out]);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toContain(`已加密（SM4 + HMAC-SM3，密钥编号 ${id}）`);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.encryption.keyId).toBe(id);

    const elsewhere = { DATABASE_URL: `sqlite:${join(dir, 'drill.db')}`, UPLOADS_DIR: join(dir, 'drill') };
    const keyless = await cli(['restore', '--from', out], {
      ...elsewhere,
      BACKUP_KEY_FILE: join(dir, 'none.key'),
    });
    expect(keyless.code).toBe(1);
    expect(keyless.stderr).toContain('这是加密的备份：请提供备份时用的密钥');
    const restored = await cli(['restore', '--from', out], elsewhere);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('行数与附件均与清单一致');
  });

  it('warns that a backup made without a key is not encrypted', async () => {
    const plain = await cli(['backup', '--out', join(dir, 'plain')], {
      BACKUP_KEY_FILE: join(dir, 'none.key'),
    });
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).toContain('警告：备份未加密，其中有市民的姓名、电话和地址');
  });
});
