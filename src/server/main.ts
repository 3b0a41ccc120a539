import { resolve } from 'node:path';
import { DEFAULT_DATABASE_URL, openDb } from '../db/connection.js';
import { migrateToLatest } from '../db/migrate.js';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../db/seed/demo.js';
import { startJobs } from '../jobs/scheduler.js';
import { buildApp } from './app.js';
import { prepareDatabase } from './bootstrap.js';

/** Starts Huiyin: opens the database, migrates, seeds a fresh one, listens, and shuts down gracefully. */
async function main() {
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '0.0.0.0';
  const db = openDb(url);
  await migrateToLatest(db);
  const { app, ctx } = await buildApp({
    db,
    logger: true,
    uploadsDir: process.env.UPLOADS_DIR ?? './data/uploads',
    webDir: resolve(process.env.WEB_DIR ?? './web/dist'),
  });
  const seeded = await prepareDatabase(ctx, { demo: process.env.SEED_DEMO !== '0' });
  await app.listen({ port, host });
  const jobs = startJobs(ctx, {
    watchEveryMs: Number(process.env.WATCH_EVERY_MS ?? 60_000),
    deliverEveryMs: Number(process.env.DELIVER_EVERY_MS ?? 5_000),
    log: (msg) => app.log.info(msg),
    onError: (err) => app.log.error({ err }, 'background job failed'),
  });

  const missing = await ctx.calendar.missingYears();
  const lines = [
    '',
    `回音 Huiyin 已启动:http://localhost:${port}/  (数据库:${db.dialect}${db.dialect === 'sqlite' ? ` ${url}` : ''})`,
    `接口文档:http://localhost:${port}/api/openapi.json`,
  ];
  if (seeded) lines.push('已写入演示数据(河湾县)。');
  lines.push(`演示账号(密码均为 ${DEMO_PASSWORD}):`);
  for (const [user, role] of DEMO_LOGINS) lines.push(`  ${user.padEnd(16)} ${role}`);
  if (missing.length > 0)
    lines.push(`注意:工作日历缺少 ${missing.join('、')} 年的节假日安排,请系统管理员尽快导入。`);
  console.log(lines.join('\n'));

  const stop = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await jobs.stop();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
