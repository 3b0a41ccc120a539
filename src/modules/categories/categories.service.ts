import { type CategoryLevels, CategoryRepository } from '../../db/repositories/category.repository.js';
import type { CategoryRow } from '../../db/schema.js';
import { editConflict, refuse } from '../../domain/refusal.js';
import { parseSynonyms } from '../../domain/search-match.js';
import { searchTextOf } from '../../domain/search-text.js';
import type { AppContext } from '../../server/context.js';
import type { AuditWho } from '../audit/audit.service.js';

export function categoryView(r: CategoryRow) {
  const synonyms = parseSynonyms(r.synonyms);
  return {
    ...r,
    active: r.active === 1,
    synonyms,
    searchText: searchTextOf([r.level1, r.level2, r.level3, ...synonyms]),
  };
}
export type CategoryView = ReturnType<typeof categoryView>;

const notFound = (): never => refuse('not_found', 'CATEGORY_NOT_FOUND', '分类不存在。');
const pathOf = (c: CategoryLevels) => `${c.level1}/${c.level2}/${c.level3}`;

/**
 * The request classification (诉求分类): the administrator adds, renames and retires categories, the
 * office keeps their synonyms. Every change commits with its audit entry (before and after).
 */
export class CategoryService {
  private readonly repo: CategoryRepository;

  constructor(private readonly ctx: AppContext) {
    this.repo = new CategoryRepository(ctx.db.kysely);
  }

  async list(includeInactive: boolean): Promise<CategoryView[]> {
    return (await this.repo.list(includeInactive)).map(categoryView);
  }

  async create(levels: CategoryLevels, who: AuditWho): Promise<CategoryView> {
    return this.repo.transaction(async (repo, trx) => {
      if (await repo.idOf(levels)) refuse('conflict', 'CATEGORY_EXISTS', '该分类已存在。');
      const row = await repo.insert(levels);
      const after = categoryView(row);
      await this.ctx.audit.record(trx, {
        ...who,
        action: 'category.created',
        target: `category:${row.id} ${pathOf(row)}`,
        after,
      });
      return after;
    });
  }

  /** `expected`: the version the form was opened on; a category edited since is not overwritten (409). */
  async update(
    id: number,
    levels: CategoryLevels,
    active: boolean,
    who: AuditWho,
    expected?: number,
  ): Promise<CategoryView> {
    return this.repo.transaction(async (repo, trx) => {
      const before = (await repo.get(id)) ?? notFound();
      const clash = await repo.idOf(levels);
      if (clash && clash.id !== id)
        refuse('conflict', 'CATEGORY_EXISTS', `分类「${pathOf(levels)}」已存在。`);
      const row =
        (await repo.update(id, levels, active, expected ?? before.version)) ??
        editConflict(`分类「${pathOf(before)}」`, before.version);
      const after = categoryView(row);
      await this.ctx.audit.record(trx, {
        ...who,
        action: 'category.updated',
        target: `category:${id} ${pathOf(row)}`,
        before: categoryView(before),
        after,
      });
      return after;
    });
  }

  /** `expected` as in update: two windows adding words each keep theirs or are told (409). */
  async setSynonyms(
    id: number,
    typed: readonly string[],
    who: AuditWho,
    expected?: number,
  ): Promise<CategoryView> {
    const synonyms = parseSynonyms(typed.join('、'));
    return this.repo.transaction(async (repo, trx) => {
      const before = (await repo.get(id)) ?? notFound();
      const row =
        (await repo.setSynonyms(id, synonyms, expected ?? before.version)) ??
        editConflict(`分类「${pathOf(before)}」的同义词`, before.version);
      await this.ctx.audit.record(trx, {
        ...who,
        action: 'category.updated',
        target: `category:${id} ${pathOf(row)}`,
        detail: '修改同义词',
        before: { synonyms: parseSynonyms(before.synonyms) },
        after: { synonyms },
      });
      return categoryView(row);
    });
  }
}
