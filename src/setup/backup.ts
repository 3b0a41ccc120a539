import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDb } from '../db/connection.js';
import { BackupError, backup, restore } from '../modules/backup/backup.service.js';
import { configuredBackupKey, createBackupKeyFile } from '../modules/backup/backup-key.js';
import { buildApp } from '../server/app.js';

/**
 * `npm run backup -- --out <dir>` and `npm run restore -- --from <dir> [--force]` against
 * DATABASE_URL and UPLOADS_DIR, encrypted with the backup key when one is configured
 * (`npm run backup:key` makes it). After a restore the audit chain is verified with the key the
 * server will use (kept apart from backups), and the restore itself is written to the audit log.
 */
async function main() {
  const command = process.argv[2];
  const { values } = parseArgs({
    args: process.argv.slice(3),
    options: {
      out: { type: 'string' },
      from: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  const config = loadConfig();
  const place = { databaseUrl: config.DATABASE_URL, uploadsDir: config.UPLOADS_DIR };
  if (command === 'key') {
    const key = createBackupKeyFile(config);
    console.log(`已生成备份密钥 ${config.BACKUP_KEY_FILE}（密钥编号 ${key.id}），此后的备份都用它加密。`);
    console.log('请立即另存一份离线保管（如打印后存放在保密柜）：服务器损坏时没有它，加密的备份无法恢复。');
    return;
  }
  const key = configuredBackupKey(config);
  if (command === 'backup' && values.out) {
    const m = await backup(place, values.out, new Date(), key);
    const rows = Object.values(m.counts).reduce((a, b) => a + b, 0);
    console.log(
      `备份完成：${values.out}（${m.dialect}，${Object.keys(m.counts).length} 张表 ${rows} 行，附件 ${m.files.length} 个）。`,
    );
    if (key) console.log(`已加密（SM4 + HMAC-SM3，密钥编号 ${key.id}）；恢复时须有同一把密钥。`);
    else
      console.warn(
        '警告：备份未加密，其中有市民的姓名、电话和地址。请运行 npm run backup:key 生成备份密钥，此后的备份自动加密。',
      );
    console.log('审计日志的密钥（AUDIT_KEY 或 AUDIT_KEY_FILE）不在备份中，请另行妥善保管。');
    return;
  }
  if (command === 'restore' && values.from) {
    const { manifest } = await restore(place, values.from, values.force, key);
    console.log(
      `已从 ${values.from} 恢复（备份时间 ${manifest.createdAt}）：行数与附件均与清单一致，附件 ${manifest.files.length} 个。`,
    );
    await verifyAndRecord(config, values.from, manifest.createdAt);
    return;
  }
  console.error(
    '用法：npm run backup -- --out <目录>  |  npm run restore -- --from <目录> [--force]  |  npm run backup:key',
  );
  process.exitCode = 2;
}

async function verifyAndRecord(config: ReturnType<typeof loadConfig>, from: string, createdAt: string) {
  if (!config.AUDIT_KEY && !existsSync(config.AUDIT_KEY_FILE)) {
    // A new key would not verify the old chain, so none is made here.
    console.warn(
      '未找到审计日志密钥（AUDIT_KEY / AUDIT_KEY_FILE）：请放回原密钥后运行 npm run audit:verify。',
    );
    return;
  }
  const db = openDb(config.DATABASE_URL, { poolMax: 2 });
  try {
    const { app, ctx } = await buildApp({ db, config });
    const result = await ctx.audit.verify();
    if (result.ok) {
      console.log(`审计日志完整：校验了 ${result.checked} 条。`);
      await ctx.audit.record(db.kysely, {
        actor: null,
        ip: null,
        action: 'backup.restored',
        detail: `从 ${from} 恢复（备份时间 ${createdAt}）`,
      });
    } else {
      console.error(
        `审计日志校验未通过：编号 ${result.firstBroken?.seq ?? '—'}：${result.firstBroken?.reason ?? ''}`,
      );
      process.exitCode = 1;
    }
    await app.close();
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof BackupError ? err.message : err);
  process.exitCode = 1;
});
