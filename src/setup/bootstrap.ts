import { migrateToLatest } from '../db/migrate.js';
import { UnitRepository } from '../db/repositories/unit.repository.js';
import type { AppContext } from '../server/context.js';
import { seedDemo } from './seed/demo.js';
import { seedReference } from './seed/reference.js';

/**
 * Prepares a database for serving: migrations, reference data, and on a fresh database the
 * demo county (unless `demo` is false). Returns whether the demo was seeded now.
 */
export async function prepareDatabase(ctx: AppContext, options: { demo: boolean }): Promise<boolean> {
  await migrateToLatest(ctx.db);
  await ctx.audit.sealLegacy();
  await seedReference(ctx);
  if (!options.demo) return false;
  if (await new UnitRepository(ctx.db.kysely).any()) return false;
  await seedDemo(ctx);
  return true;
}
