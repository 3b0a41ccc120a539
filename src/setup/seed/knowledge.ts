import type { Kysely } from 'kysely';
import { CategoryRepository } from '../../db/repositories/category.repository.js';
import { KnowledgeRepository } from '../../db/repositories/knowledge.repository.js';
import { UnitRepository } from '../../db/repositories/unit.repository.js';
import { UserRepository } from '../../db/repositories/user.repository.js';
import type { Database } from '../../db/schema.js';
import { joinKeywords } from '../../domain/knowledge/entries.js';
import { addDays, type IsoDate } from '../../domain/time.js';
import { DEMO_KNOWLEDGE, type DemoKnowledge } from './demo-knowledge.js';

/**
 * Writes the demo knowledge base as if each unit had proposed its entries and the office had
 * approved them: current versions approved, older ones superseded, every version kept.
 */
export async function seedKnowledge(
  db: Kysely<Database>,
  unitIds: Map<string, number>,
  approver: { userId: number; name: string },
  today: IsoDate,
  now: Date,
): Promise<void> {
  const categories = await new CategoryRepository(db).active();
  const categoryId = (c: [string, string, string] | null) =>
    c
      ? (categories.find((x) => x.level1 === c[0] && x.level2 === c[1] && x.level3 === c[2])?.id ?? null)
      : null;
  const users = await new UserRepository(db).all();
  const units = await new UnitRepository(db).names();
  // The unit's liaison A proposed it; a unit without accounts in the demo by its own name.
  const proposerOf = (code: string, unitId: number) =>
    users.find((u) => u.username === `${code}-a`)?.name ?? units.find((u) => u.id === unitId)?.name ?? code;
  const at = now.toISOString();
  await new KnowledgeRepository(db).transaction(async (repo) => {
    for (const k of DEMO_KNOWLEDGE.map((entry) => inCycleOf(entry, today))) {
      const owner = unitIds.get(k.owner);
      if (owner === undefined) throw new Error(`demo knowledge: unit ${k.owner} missing`);
      const validFrom = k.days ? addDays(today, k.days[0]) : (k.validFrom as string);
      const validUntil = k.days ? addDays(today, k.days[1]) : (k.validUntil ?? null);
      const entryId = await repo.insertEntry(owner, at);
      const base = {
        entry_id: entryId,
        kind: k.kind,
        category_id: categoryId(k.category),
        proposed_by: null,
      };
      const proposer = proposerOf(k.owner, owner);
      let versionNo = 1;
      if (k.previous) {
        const old = await repo.insertVersion({
          ...base,
          version_no: versionNo++,
          status: 'pending',
          title: k.previous.title,
          body: k.previous.body,
          keywords: '',
          source_document: k.previous.source,
          source_date: k.previous.sourceDate,
          valid_from: k.previous.validFrom,
          valid_until: null,
          proposed_by_name: proposer,
          proposed_at: at,
        });
        await repo.decide(old, 'approved', approver, at, null);
        await repo.supersede(old);
      }
      const id = await repo.insertVersion({
        ...base,
        version_no: versionNo,
        status: 'pending',
        title: k.title,
        body: k.body,
        keywords: joinKeywords(k.keywords ?? []),
        source_document: k.source,
        source_date: k.sourceDate || validFrom,
        valid_from: validFrom,
        valid_until: validUntil,
        proposed_by_name: proposer,
        proposed_at: at,
      });
      await repo.decide(id, 'approved', approver, at, null);
      await repo.touchEntry(entryId, 1, at, id);
    }
  });
}

/**
 * A yearly notice moved to the cycle `today` falls in: every year it names (title, text, document
 * number, dates) moves by the same whole years. Started in January 2027, the 低保 standard is
 * 2027's, while 2026's farmland subsidy (cycle from April) is still the latest and has lapsed.
 */
export function inCycleOf(entry: DemoKnowledge, today: IsoDate): DemoKnowledge {
  if (!entry.yearly || !entry.validFrom) return entry;
  const thisYear = Number(today.slice(0, 4));
  const cycleYear = today.slice(5) >= entry.validFrom.slice(5) ? thisYear : thisYear - 1;
  const shift = cycleYear - Number(entry.validFrom.slice(0, 4));
  if (shift === 0) return entry;
  const move = (text: string) => text.replace(/(?<!\d)20\d\d(?!\d)/g, (y) => String(Number(y) + shift));
  const moved = (o: object) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? move(v) : v]));
  return {
    ...(moved(entry) as DemoKnowledge),
    ...(entry.previous && { previous: moved(entry.previous) as DemoKnowledge['previous'] }),
  };
}
