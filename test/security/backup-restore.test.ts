import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/connection.js';
import { AuditTrail } from '../../src/modules/audit/audit.service.js';
import { BackupError, backup, checkBackup, restore } from '../../src/modules/backup/backup.service.js';
import { filesUnder } from '../../src/modules/backup/files.js';
import { systemClock } from '../../src/server/clock.js';
import { ok, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT } from '../support/test-app.js';
import { uploadRaw, uploadScan } from '../support/upload.js';

const TABLES = ['work_orders', 'work_order_events', 'attachments', 'audit_log', 'users', 'units'] as const;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAFklEQVR4nGNsaGhgIAUwkaR6VMNwAQCLpgF4b3mP1QAAAABJRU5ErkJggg==',
  'base64',
);

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
      if (!closed) await t.close();
      if (TEST_DIALECT === 'postgres') {
        const cleanup = openDb(t.place.databaseUrl);
        await sql.raw(`drop schema if exists ${t.place.schema} cascade`).execute(cleanup.kysely);
        await cleanup.close();
      }
      rmSync(work, { recursive: true, force: true });
    }
  });
});
