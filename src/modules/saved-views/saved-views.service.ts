import {
  type SavedViewFields,
  SavedViewRepository,
  type SavedViewWithOwner,
} from '../../db/repositories/saved-view.repository.js';
import { refuse } from '../../domain/refusal.js';
import type { Actor } from '../../domain/roles.js';
import {
  canEditView,
  canSeeView,
  normalizeViewQuery,
  type SavedViewFacts,
  type SavedViewList,
  type SavedViewShare,
} from '../../domain/saved-views.js';
import type { AppContext } from '../../server/context.js';
import { listQuery } from '../work-orders/work-order.schemas.js';

export interface SavedViewInput {
  name: string;
  query: string;
  shared: SavedViewShare;
}

const facts = (v: SavedViewWithOwner): SavedViewFacts => ({
  ownerUserId: v.owner_user_id,
  ownerUnitId: v.owner_unit_id,
  shared: v.shared as SavedViewShare,
});

function present(actor: Actor, v: SavedViewWithOwner, homeViewId: number | null) {
  return {
    id: v.id,
    list: v.list as SavedViewList,
    name: v.name,
    query: v.query,
    shared: v.shared as SavedViewShare,
    ownerName: v.owner_name,
    mine: canEditView(actor, facts(v)),
    home: v.id === homeViewId,
    version: v.version,
    updatedAt: v.updated_at,
  };
}
export type SavedView = ReturnType<typeof present>;

/** The filters the order list understands: a view may keep only those, with values it accepts. */
const LIST_KEYS = new Set(Object.keys(listQuery.shape));

function checkedQuery(typed: string): string {
  const query = normalizeViewQuery(typed);
  const params = Object.fromEntries(new URLSearchParams(query));
  const unknown = Object.keys(params).filter((k) => !LIST_KEYS.has(k));
  if (unknown.length)
    refuse('invalid', 'SAVED_VIEW_QUERY_INVALID', `视图的筛选条件无效：不认识「${unknown.join('、')}」。`);
  if (!listQuery.safeParse(params).success)
    refuse('invalid', 'SAVED_VIEW_QUERY_INVALID', '视图的筛选条件无效，请在列表中重新选择筛选条件后保存。');
  return query;
}

const notFound = (): never => refuse('not_found', 'SAVED_VIEW_NOT_FOUND', '视图不存在或未共享给您。');
const stale = (): never =>
  refuse('conflict', 'VERSION_CONFLICT', '视图已被修改（可能在另一个窗口），请刷新后再试。');

/**
 * Saved views: a user names the filters of a list, keeps them or shares them with their unit,
 * and may open the list on one of them (home view). Everyone sees their own views and their
 * unit's shared ones; only the owner changes or deletes a view, at the version they saw.
 */
export class SavedViewService {
  private readonly repo: SavedViewRepository;

  constructor(private readonly ctx: AppContext) {
    this.repo = new SavedViewRepository(ctx.db.kysely);
  }

  async list(actor: Actor, list: SavedViewList) {
    const views = await this.repo.visible(actor.userId, actor.unitId, list);
    const home = await this.repo.homeOf(actor.userId, list);
    // A home view the user no longer sees (deleted, or no longer shared) opens nothing.
    const homeViewId = views.some((v) => v.id === home) ? home : null;
    return { items: views.map((v) => present(actor, v, homeViewId)), homeViewId };
  }

  async create(actor: Actor, list: SavedViewList, input: SavedViewInput): Promise<SavedView> {
    const fields = this.fields(input);
    return this.repo.transaction(async (repo) => {
      await this.nameFree(repo, actor, list, fields.name);
      const id = await repo.insert(
        { ...fields, owner_user_id: actor.userId, owner_unit_id: actor.unitId, list },
        this.ctx.clock.now().toISOString(),
      );
      return present(actor, (await repo.get(id)) ?? notFound(), null);
    });
  }

  async update(actor: Actor, id: number, version: number, input: SavedViewInput): Promise<SavedView> {
    const fields = this.fields(input);
    return this.repo.transaction(async (repo) => {
      const view = await this.editable(repo, actor, id);
      await this.nameFree(repo, actor, view.list, fields.name, id);
      if (!(await repo.update(id, version, fields, this.ctx.clock.now().toISOString()))) stale();
      const home = await repo.homeOf(actor.userId, view.list);
      return present(actor, (await repo.get(id)) ?? notFound(), home);
    });
  }

  async remove(actor: Actor, id: number, version: number): Promise<void> {
    await this.repo.transaction(async (repo) => {
      await this.editable(repo, actor, id);
      if (!(await repo.delete(id, version))) stale();
    });
  }

  /** Sets (or, with null, clears) the view the user's list opens on: one they can see. */
  async setHome(actor: Actor, list: SavedViewList, viewId: number | null) {
    await this.repo.transaction(async (repo) => {
      if (viewId !== null) {
        const view = await repo.get(viewId);
        if (!view || view.list !== list || !canSeeView(actor, facts(view))) notFound();
      }
      await repo.setHome(actor.userId, list, viewId);
    });
    return this.list(actor, list);
  }

  private fields(input: SavedViewInput): SavedViewFields {
    return { name: input.name.trim(), query: checkedQuery(input.query), shared: input.shared };
  }

  private async editable(repo: SavedViewRepository, actor: Actor, id: number) {
    const view = await repo.get(id);
    if (!view || !canSeeView(actor, facts(view))) return notFound();
    if (!canEditView(actor, facts(view)))
      refuse(
        'forbidden',
        'SAVED_VIEW_NOT_OWNER',
        `视图「${view.name}」由 ${view.owner_name} 创建，只有创建者可以修改或删除。`,
      );
    return view;
  }

  private async nameFree(repo: SavedViewRepository, actor: Actor, list: string, name: string, exceptId = 0) {
    if (await repo.nameTaken(actor.userId, list, name, exceptId))
      refuse('conflict', 'SAVED_VIEW_NAME_TAKEN', `您已有名为「${name}」的视图，请换一个名称。`);
  }
}
