import type { Kysely } from 'kysely';

/**
 * A bulletin's issue number (文号 热线通〔2026〕3号) counts the bulletins published in its year,
 * from 1 each January, and is given when it is published. It was the row's id, which never
 * restarted and counted drafts too. Bulletins already published are numbered in the order they
 * were published, and the year's counter is set to follow them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('bulletins').addColumn('issue_year', 'integer').execute();
  await db.schema.alterTable('bulletins').addColumn('issue_no', 'integer').execute();
  await db.schema
    .createIndex('bulletins_issue')
    .on('bulletins')
    .columns(['issue_year', 'issue_no'])
    .unique()
    .execute();
  const k = db as Kysely<{
    bulletins: {
      id: number;
      published_at: string | null;
      issue_year: number | null;
      issue_no: number | null;
    };
    counters: { name: string; value: number };
  }>;
  const published = await k
    .selectFrom('bulletins')
    .select(['id', 'published_at'])
    .where('published_at', 'is not', null)
    .orderBy('published_at')
    .orderBy('id')
    .execute();
  const last = new Map<number, number>();
  for (const b of published) {
    // The year of publication in the county's time (UTC+8).
    const year = new Date(Date.parse(b.published_at as string) + 8 * 3_600_000).getUTCFullYear();
    const no = (last.get(year) ?? 0) + 1;
    last.set(year, no);
    await k.updateTable('bulletins').set({ issue_year: year, issue_no: no }).where('id', '=', b.id).execute();
  }
  for (const [year, value] of last) {
    await k
      .insertInto('counters')
      .values({ name: `bulletin:${year}`, value })
      .execute();
  }
}
