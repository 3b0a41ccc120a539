import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/connection.js';
import { AuditTrail } from '../../src/modules/audit/audit.service.js';
import { BackupError, backup, checkBackup, restore } from '../../src/modules/backup/backup.service.js';
import { backupKeyOf } from '../../src/modules/backup/encryption.js';
import { filesUnder, sizeAndHash } from '../../src/modules/backup/files.js';
import { systemClock } from '../../src/server/clock.js';
import { ok, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';
import { uploadRaw, uploadScan } from '../support/upload.js';

const TABLES = ['work_orders', 'work_order_events', 'attachments', 'audit_log', 'users', 'units'] as const;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAFklEQVR4nGNsaGhgIAUwkaR6VMNwAQCLpgF4b3mP1QAAAABJRU5ErkJggg==',
  'base64',
);

/** The source application (unless closed), its PostgreSQL schema, restored or not, and the folder. */
async function cleanUp(t: TestApp, closed: boolean, work: string) {
  if (!closed) await t.close();
  if (TEST_DIALECT === 'postgres') {
    const cleanup = openDb(t.place.databaseUrl);
    await sql.raw(`drop schema if exists ${t.place.schema} cascade`).execute(cleanup.kysely);
    await cleanup.close();
  }
  rmSync(work, { recursive: true, force: true });
}

describe(`backup and restore (${TEST_DIALECT})`, { timeout: 180_000 }, () => {
  it('restores into a fresh database and files folder: the same rows, an intact audit chain, identical files', async () => {
    const work = mkdtempSync(join(tmpdir(), 'huiyin-backup-'));
    const t = await createTestApp(undefined, {}, { sqliteFile: join(work, 'source.db') });
    const restoredPlace = {
      // PostgreSQL: the same schema name, restored after the source schema is gone (a fresh one).
      ...(TEST_DIALECT === 'postgres'
        ? t.place
        : { databaseUrl: `sqlite:${join(work, 'restored', 'huiyin.db')}` }),
      uploadsDir: join(work, 'restored-files'),
    };
    let closed = false;
    try {
      // Orders, their events, two attachments, and audit entries (logins, a setting changed).
      const orders = [];
      for (let i = 0; i < 3; i++) orders.push(await registeredAndDispatched(t, 'housing'));
      const orderId = orders[0]?.id as number;
      await uploadScan(t, 'housing-a', orderId, 'photo');
      const photo = await uploadRaw(t, 'housing-a', orderId, 'photo', {
        name: '现场.png',
        type: 'image/png',
        data: PNG,
      });
      expect(photo.statusCode, photo.body).toBe(201);
      const secadmin = await t.as('secadmin');
      const security = await ok(secadmin.get('/api/settings/security'));
      await ok(secadmin.put('/api/settings/security', { ...security, unitUploadQuotaMb: 4096 }));

      const before: Record<string, number> = {};
      for (const table of TABLES) {
        const row = await t.ctx.db.kysely
          .selectFrom(table)
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow();
        before[table] = Number(row.n);
      }
      expect(before.attachments).toBe(2);
      expect(before.audit_log).toBeGreaterThanOrEqual(4);
      const originals = new Map<string, Buffer>();
      for (const file of await filesUnder(t.uploadsDir))
        originals.set(file.slice(t.uploadsDir.length + 1), readFileSync(file));
      expect(originals.size).toBe(2);

      // PostgreSQL: an order journal entry written in a cluster far ahead of the one restored into.
      if (TEST_DIALECT === 'postgres')
        await sql`update page_stamps set changed = (pg_current_xact_id()::text::bigint + 100000000)::text::xid8
          where order_id = ${orderId}`.execute(t.ctx.db.kysely);

      const out = join(work, 'backup');
      const manifest = await backup({ ...t.place, uploadsDir: t.uploadsDir }, out);
      expect(manifest.dialect).toBe(TEST_DIALECT);
      expect(manifest.files).toHaveLength(2);
      expect(manifest.counts).toMatchObject(before);
      await expect(backup({ ...t.place, uploadsDir: t.uploadsDir }, out)).rejects.toThrow('不是空的');

      // The source goes away (on PostgreSQL its schema is dropped), then the backup comes back.
      await t.close();
      closed = true;
      const { counts } = await restore(restoredPlace, out);
      for (const table of TABLES) expect(counts[table], table).toBe(before[table]);

      const restored = openDb(
        restoredPlace.databaseUrl,
        TEST_DIALECT === 'postgres' ? { schema: t.place.schema } : {},
      );
      try {
        const verified = await new AuditTrail(restored.kysely, systemClock, t.auditKey).verify();
        expect(verified.ok).toBe(true);
        expect(verified.checked).toBe(before.audit_log);
        if (TEST_DIALECT === 'postgres') {
          // Every journal entry reads as committed here, so stored lists can be kept again.
          const ahead = await sql<{ n: number }>`select count(*)::int as n from page_stamps
            where not pg_visible_in_snapshot(changed, pg_current_snapshot())`.execute(restored.kysely);
          expect(ahead.rows[0]?.n).toBe(0);
        }
        // The verifier is not fooled by a restored copy either: an edited entry is found.
        await restored.kysely.updateTable('audit_log').set({ detail: '改过' }).where('id', '=', 3).execute();
        expect((await new AuditTrail(restored.kysely, systemClock, t.auditKey).verify()).ok).toBe(false);
      } finally {
        await restored.close();
      }
      const restoredFiles = await filesUnder(restoredPlace.uploadsDir);
      expect(restoredFiles).toHaveLength(2);
      for (const [path, bytes] of originals)
        expect(readFileSync(join(restoredPlace.uploadsDir, path)).equals(bytes), path).toBe(true);

      // A target that holds data is not overwritten unless forced.
      await expect(restore(restoredPlace, out)).rejects.toThrow('--force');
      const again = await restore(restoredPlace, out, true);
      expect(again.counts.audit_log).toBe(before.audit_log);

      // A damaged backup is refused before anything is written.
      const first = manifest.files[0]?.path as string;
      writeFileSync(join(out, 'files', first), Buffer.from('damaged'));
      await expect(checkBackup(out)).rejects.toThrow(BackupError);
      await expect(restore(restoredPlace, out, true)).rejects.toThrow(first);
    } finally {
      await cleanUp(t, closed, work);
    }
  });

  it('encrypted with the backup key: no citizen data or file readable in it, checked without the key, restored only with it', async () => {
    const work = mkdtempSync(join(tmpdir(), 'huiyin-backup-enc-'));
    const t = await createTestApp(undefined, {}, { sqliteFile: join(work, 'source.db') });
    const target = {
      ...(TEST_DIALECT === 'postgres' ? t.place : { databaseUrl: `sqlite:${join(work, 'restored.db')}` }),
      uploadsDir: join(work, 'restored-files'),
    };
    let closed = false;
    try {
      const dispatcher = await t.as('dispatcher');
      const phone = '13812349876';
      const registered = await ok(
        dispatcher.post('/api/work-orders', {
          channel: 'phone',
          type: 'complaint',
          title: '楼道堆放杂物',
          content: '楼道里长期堆放杂物，存在消防隐患，请物业清理。',
          citizenName: '欧阳秀英',
          citizenPhone: phone,
          citizenAddress: '河湾镇滨河路 12 号',
          urgency: 'normal',
          needsCitizenReply: true,
        }),
        201,
      );
      expect(
        (
          await uploadRaw(t, 'dispatcher', registered.id, 'photo', {
            name: '现场.png',
            type: 'image/png',
            data: PNG,
          })
        ).statusCode,
      ).toBe(201);
      const key = backupKeyOf(randomBytes(32));
      const out = join(work, 'backup');
      const manifest = await backup({ ...t.place, uploadsDir: t.uploadsDir }, out, new Date(), key);
      expect(manifest.encryption).toEqual({ cipher: 'SM4-CTR + HMAC-SM3', keyId: key.id });
      expect(manifest.database.file).toMatch(/\.enc$/);
      for (const file of await filesUnder(out)) {
        if (file.endsWith('manifest.json')) continue;
        const bytes = readFileSync(file);
        expect(bytes.includes(Buffer.from(phone)), file).toBe(false);
        expect(bytes.includes(Buffer.from('欧阳秀英')), file).toBe(false);
        expect(bytes.includes(PNG.subarray(16, 48)), file).toBe(false);
      }
      expect(readFileSync(join(out, 'manifest.json'), 'utf8')).not.toContain(phone);
      await checkBackup(out); // on the backup host, without the key
      await t.close();
      closed = true;

      await expect(restore(target, out)).rejects.toThrow('这是加密的备份');
      const other = backupKeyOf(randomBytes(32));
      await expect(restore(target, out, false, other)).rejects.toThrow(
        `用另一把密钥加密的（密钥编号 ${key.id}`,
      );
      // A database file changed along with its checksum in the manifest: the tag refuses it, nothing restored.
      const dbFile = join(out, manifest.database.file);
      const original = readFileSync(dbFile);
      const changed = Buffer.from(original);
      const middle = Math.floor(changed.length / 2);
      changed[middle] = (changed[middle] as number) ^ 1;
      writeFileSync(dbFile, changed);
      writeFileSync(
        join(out, 'manifest.json'),
        JSON.stringify({ ...manifest, database: { ...manifest.database, ...(await sizeAndHash(dbFile)) } }),
      );
      await expect(restore(target, out, false, key)).rejects.toThrow('无法解密（校验值不符）');
      expect(await filesUnder(target.uploadsDir)).toEqual([]);
      writeFileSync(dbFile, original);
      writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest));

      const { counts } = await restore(target, out, true, key);
      expect(counts).toEqual(manifest.counts);
      const restoredFiles = await filesUnder(target.uploadsDir);
      expect(restoredFiles.map((f) => readFileSync(f).equals(PNG))).toEqual([true]);
      const restored = openDb(
        target.databaseUrl,
        TEST_DIALECT === 'postgres' ? { schema: t.place.schema } : {},
      );
      try {
        const row = await restored.kysely
          .selectFrom('work_orders')
          .select(['citizen_phone', 'citizen_name'])
          .where('id', '=', registered.id)
          .executeTakeFirstOrThrow();
        expect(row).toEqual({ citizen_phone: phone, citizen_name: '欧阳秀英' });
      } finally {
        await restored.close();
      }
    } finally {
      await cleanUp(t, closed, work);
    }
  });
});
