import { readFileSync } from 'node:fs';
import type { AppContext } from '../../server/context.js';

const CATEGORIES_CSV = new URL('./categories.csv', import.meta.url);

/** Reference data every installation needs: the holiday calendar and the request categories. */
export async function seedReference(ctx: AppContext): Promise<void> {
  await ctx.calendar.seedPackagedYears();
  const db = ctx.db.kysely;
  const has = await db.selectFrom('categories').select('id').limit(1).executeTakeFirst();
  if (has) return;
  const rows = readFileSync(CATEGORIES_CSV, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim())
    .map((line) => {
      const [level1 = '', level2 = '', level3 = ''] = line.split(',').map((s) => s.trim());
      return { level1, level2, level3, active: 1 };
    });
  for (let i = 0; i < rows.length; i += 100) {
    await db
      .insertInto('categories')
      .values(rows.slice(i, i + 100))
      .execute();
  }
}
