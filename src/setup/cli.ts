import { loadConfig } from '../config.js';
import { openDb } from '../db/connection.js';
import { migrateToLatest } from '../db/migrate.js';
import { buildApp } from '../server/app.js';
import { prepareDatabase } from './bootstrap.js';

/** `npm run db:migrate` and `npm run db:seed` against DATABASE_URL. */
async function main() {
  const command = process.argv[2];
  const config = loadConfig();
  const db = openDb(config.DATABASE_URL, {
    poolMax: config.PG_POOL_MAX,
    sqliteSynchronous: config.SQLITE_SYNCHRONOUS,
  });
  try {
    if (command === 'migrate') {
      await migrateToLatest(db);
      console.log('数据库已迁移到最新版本。');
    } else if (command === 'seed') {
      const { app, ctx } = await buildApp({ db, config });
      const seeded = await prepareDatabase(ctx, { demo: config.SEED_DEMO });
      await app.close();
      console.log(seeded ? '已写入参考数据和演示数据。' : '已写入参考数据(库中已有单位,未写演示数据)。');
    } else if (command === 'audit-verify') {
      const { app, ctx } = await buildApp({ db, config });
      const result = await ctx.audit.verify();
      await app.close();
      if (result.ok) console.log(`审计日志完整:校验了 ${result.checked} 条,链上共 ${result.headSeq} 条。`);
      else {
        const b = result.firstBroken;
        console.error(
          `审计日志已被破坏:第一处在 编号 ${b?.seq ?? '—'}(行 id ${b?.id ?? '—'},${b?.at ?? ''}):${b?.reason ?? ''}`,
        );
        process.exitCode = 1;
      }
    } else {
      console.error('用法:tsx src/setup/cli.ts migrate|seed|audit-verify');
      process.exitCode = 2;
    }
  } finally {
    await db.close();
  }
}

void main();
