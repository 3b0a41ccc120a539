import { loadConfig } from '../config.js';
import { openDb } from '../db/connection.js';
import { migrateToLatest } from '../db/migrate.js';
import { formatInstant } from '../domain/deadline-text.js';
import { INITIAL_PASSWORD_VALID_HOURS } from '../domain/initial-password.js';
import { buildApp } from '../server/app.js';
import {
  addAdministrator,
  firstAdministrators,
  type IssuedAccount,
  resetAccount,
  setAccountActive,
} from './accounts.js';
import { prepareDatabase } from './bootstrap.js';

/**
 * Prints accounts and their system-made one-time passwords, this once, for the operator to hand
 * over in person (only their hashes are stored, and nothing else prints them).
 */
function printIssued(accounts: IssuedAccount[]): void {
  for (const a of accounts) console.log(`  ${a.username}（${a.role}）  一次性密码：${a.password}`);
  const until = formatInstant(accounts[0]?.expiresAt);
  console.log(
    `请当面交给本人；须在北京时间 ${until} 前（${INITIAL_PASSWORD_VALID_HOURS} 小时内）登录并修改密码，过期须重新生成；按安全设置启用两步验证。这些密码不会再显示。`,
  );
}

/**
 * `npm run db:migrate`, `npm run db:seed`, `npm run audit:verify`, and the operator's account
 * commands (`npm run accounts:first`, `npm run account:reset -- <登录名> [--totp]`,
 * `npm run account:admin -- <登录名> <姓名> <种类>`, `npm run account:active -- <登录名> on|off`) against
 * DATABASE_URL.
 */
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
      console.log(seeded ? '已写入参考数据和演示数据。' : '已写入参考数据（库中已有单位，未写演示数据）。');
    } else if (command === 'audit-verify') {
      const { app, ctx } = await buildApp({ db, config });
      const result = await ctx.audit.verify();
      await app.close();
      if (result.ok) console.log(`审计日志完整：校验了 ${result.checked} 条，链上共 ${result.headSeq} 条。`);
      else {
        const b = result.firstBroken;
        console.error(
          `审计日志已被破坏：第一处在 编号 ${b?.seq ?? '—'}（行 id ${b?.id ?? '—'}，${b?.at ?? ''}）：${b?.reason ?? ''}`,
        );
        process.exitCode = 1;
      }
    } else if (['first-admins', 'account-reset', 'account-admin', 'account-active'].includes(command ?? '')) {
      const { app, ctx } = await buildApp({ db, config });
      try {
        await prepareDatabase(ctx, { demo: false });
        if (command === 'first-admins') {
          const issued = await firstAdministrators(ctx);
          console.log('已建立三位管理员账号：');
          printIssued(issued);
        } else if (command === 'account-admin') {
          const [username, name, kind] = process.argv.slice(3);
          if (!username || !name || !kind)
            throw new Error('用法:npm run account:admin -- <登录名> <姓名> system|security|audit');
          const issued = await addAdministrator(ctx, username, name, kind);
          console.log(`已新增${issued.role} ${username}：`);
          printIssued([issued]);
        } else if (command === 'account-active') {
          const [username, state] = process.argv.slice(3);
          if (!username || (state !== 'on' && state !== 'off'))
            throw new Error('用法:npm run account:active -- <登录名> on|off');
          await setAccountActive(ctx, username, state === 'on');
          console.log(`${username} 已${state === 'on' ? '启用' : '停用，其登录会话已全部结束'}。`);
        } else {
          const username = process.argv[3];
          if (!username) throw new Error('请给出登录名：npm run account:reset -- <登录名> [--totp]');
          const issued = await resetAccount(ctx, username, { totp: process.argv.includes('--totp') });
          console.log(
            `已重置 ${username} 的密码${process.argv.includes('--totp') ? '和两步验证' : ''}，其登录会话已全部结束：`,
          );
          printIssued([issued]);
        }
      } catch (error) {
        console.error((error as Error).message);
        process.exitCode = 1;
      } finally {
        await app.close();
      }
    } else {
      console.error(
        '用法：tsx src/setup/cli.ts migrate|seed|audit-verify|first-admins|account-reset <登录名> [--totp]|account-admin <登录名> <姓名> system|security|audit|account-active <登录名> on|off',
      );
      process.exitCode = 2;
    }
  } finally {
    await db.close();
  }
}

void main();
