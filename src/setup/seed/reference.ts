import { readFileSync } from 'node:fs';
import { CategoryRepository } from '../../db/repositories/category.repository.js';
import type { AppContext } from '../../server/context.js';

const CATEGORIES_CSV = new URL('./categories.csv', import.meta.url);
const SYNONYMS_CSV = new URL('./category-synonyms.csv', import.meta.url);

function csvRows(url: URL): string[][] {
  return readFileSync(url, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim())
    .map((line) => line.split(',').map((s) => s.trim()));
}

/** Reference data every installation needs: the holiday calendar and the request categories. */
export async function seedReference(ctx: AppContext): Promise<void> {
  await ctx.calendar.seedPackagedYears();
  const categories = new CategoryRepository(ctx.db.kysely);
  if (await categories.any()) return;
  // A starting set of the words callers use for common categories; the office adds its own.
  const synonyms = new Map(
    csvRows(SYNONYMS_CSV).map(([l1, l2, l3, words]) => [`${l1}/${l2}/${l3}`, words ?? '']),
  );
  const rows = csvRows(CATEGORIES_CSV).map(([level1 = '', level2 = '', level3 = '']) => ({
    level1,
    level2,
    level3,
    synonyms: synonyms.get(`${level1}/${level2}/${level3}`) ?? '',
  }));
  await categories.insertMany(rows);
}
