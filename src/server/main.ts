import { resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { openDb } from '../db/connection.js';
import { migrateToLatest } from '../db/migrate.js';
import { startJobs } from '../jobs/scheduler.js';
import { prepareDatabase } from '../setup/bootstrap.js';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../setup/seed/demo.js';
import { buildApp } from './app.js';

/** Starts Huiyin: opens the database, migrates, seeds a fresh one, listens, and shuts down gracefully. */
async function main() {
  const config = loadConfig();
  const url = config.DATABASE_URL;
  const port = config.PORT;
  const db = openDb(url, {
    poolMax: config.PG_POOL_MAX,
    sqliteSynchronous: config.SQLITE_SYNCHRONOUS,
    readUrl: config.DATABASE_READ_URL,
  });
  await migrateToLatest(db);
  const { app, ctx } = await buildApp({
    db,
    config,
    logger: true,
    webDir: resolve(config.WEB_DIR),
  });
  const seeded = await prepareDatabase(ctx, { demo: config.SEED_DEMO });
  await app.listen({ port, host: config.HOST });
  const jobs = startJobs(ctx, {
    watchEveryMs: config.WATCH_EVERY_MS,
    deliverEveryMs: config.DELIVER_EVERY_MS,
    log: (msg) => app.log.info(msg),
    onError: (err) => app.log.error({ err }, 'background job failed'),
  });

  const missing = await ctx.calendar.missingYears();
  const lines = [
    '',
    `回音 Huiyin 已启动：http://localhost:${port}/  （数据库：${db.dialect}${db.dialect === 'sqlite' ? ` ${url}` : ''}）`,
    `接口文档（登录后）：http://localhost:${port}/api/openapi.json`,
  ];
  if (seeded) lines.push('已写入演示数据（河湾县）。');
  lines.push(`演示账号（密码均为 ${DEMO_PASSWORD}）：`);
  for (const [user, role] of DEMO_LOGINS) lines.push(`  ${user.padEnd(16)} ${role}`);
  if (missing.length > 0)
    lines.push(`注意：工作日历缺少 ${missing.join('、')} 年的节假日安排，请系统管理员尽快导入。`);
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
