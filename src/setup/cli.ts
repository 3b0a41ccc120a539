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
    } else {
      console.error('用法:tsx src/db/cli.ts migrate|seed');
      process.exitCode = 2;
    }
  } finally {
    await db.close();
  }
}

void main();
