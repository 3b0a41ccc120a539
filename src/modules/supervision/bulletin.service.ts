import { BulletinRepository, type BulletinRow } from '../../db/repositories/bulletin.repository.js';
import { UnitRepository } from '../../db/repositories/unit.repository.js';
import {
  bulletinPeriodProblem,
  bulletinPublishProblem,
  bulletinTitle,
  criticised,
  draftBulletin,
} from '../../domain/bulletin.js';
import type { Notice } from '../../domain/notification-policy.js';
import { can } from '../../domain/policy.js';
import { refuse } from '../../domain/refusal.js';
import type { Actor } from '../../domain/roles.js';
import { shanghaiDate } from '../../domain/time.js';
import type { AppContext } from '../../server/context.js';
import { Notifier } from '../notifications/notifier.js';
import { bulletinFigures } from './bulletin-figures.js';

/** Bulletins (通报): drafted from a period's figures by the office, edited, published to the units. */
export class BulletinService {
  private readonly bulletins: BulletinRepository;
  private readonly notifier: Notifier;

  constructor(private readonly ctx: AppContext) {
    this.bulletins = new BulletinRepository(ctx.db.kysely);
    this.notifier = new Notifier(ctx.settings);
  }

  private async mustLoad(id: number): Promise<BulletinRow> {
    const row = await this.bulletins.find(id);
    if (!row) return refuse('not_found', 'BULLETIN_NOT_FOUND', '通报不存在。');
    return row;
  }

  /** A bulletin the actor may read (units: published only); `edit` also requires the office. */
  async visible(id: number, actor: Actor, edit = false): Promise<BulletinRow> {
    const office = can(actor, 'bulletin.manage');
    const row = await this.bulletins.find(id);
    if (!row || (!office && row.status !== 'published'))
      refuse('not_found', 'BULLETIN_NOT_FOUND', '通报不存在或尚未发布。');
    if (edit && !office) refuse('forbidden', 'FORBIDDEN_ROLE', '只有县热线办可以修改通报。');
    return row;
  }

  list(actor: Actor): Promise<BulletinRow[]> {
    return this.bulletins.list(!can(actor, 'bulletin.manage'));
  }

  /** Drafts a bulletin from the period's figures (the text is the office's to edit before publishing). */
  async draft(from: string, to: string, actor: Actor): Promise<BulletinRow> {
    const now = this.ctx.clock.now();
    const problem = bulletinPeriodProblem(from, to, shanghaiDate(now));
    if (problem) refuse('invalid', 'PERIOD_INVALID', problem);
    const repeats = (await this.ctx.settings.assistant()).repeats;
    const figures = await bulletinFigures(this.ctx.db.kysely, from, to, repeats, now);
    const id = await this.bulletins.insert({
      title: bulletinTitle(figures),
      period_from: from,
      period_to: to,
      body: draftBulletin(figures, shanghaiDate(now)),
      figures: JSON.stringify({ ...figures, criticised: criticised(figures).map((u) => u.unitId) }),
      status: 'draft',
      created_by: actor.userId,
      created_at: now.toISOString(),
    });
    return this.mustLoad(id);
  }

  async update(id: number, actor: Actor, edit: { version: number; title: string; body: string }) {
    const row = await this.visible(id, actor, true);
    if (row.status !== 'draft') refuse('state', 'BULLETIN_PUBLISHED', '通报已发布，不能再修改。');
    if (!(await this.bulletins.updateDraft(row.id, edit.version, edit.title, edit.body)))
      refuse('conflict', 'VERSION_CONFLICT', '通报已被他人修改，请刷新后再编辑（已填写的内容会保留）。');
    return this.mustLoad(row.id);
  }

  /** Why this draft may not be published now, or null (a published bulletin: null). */
  publishProblem(row: BulletinRow, now: Date): string | null {
    if (row.status !== 'draft') return null;
    const draftedOn = shanghaiDate(new Date(row.created_at));
    return bulletinPublishProblem({ periodTo: row.period_to, draftedOn }, shanghaiDate(now));
  }

  /** Publishes a draft and notifies every active handling unit, in one transaction. */
  async publish(id: number, version: number, actor: Actor): Promise<BulletinRow> {
    const now = this.ctx.clock.now();
    const problem = this.publishProblem(await this.mustLoad(id), now);
    if (problem) refuse('rule', 'BULLETIN_PERIOD_NOT_OVER', problem);
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      const bulletins = new BulletinRepository(trx);
      const year = Number(shanghaiDate(now).slice(0, 4));
      if (!(await bulletins.publish(id, version, now.toISOString(), year, actor.userId))) {
        const row = await bulletins.find(id);
        if (!row) refuse('not_found', 'BULLETIN_NOT_FOUND', '通报不存在。');
        if (row.status !== 'draft') refuse('state', 'BULLETIN_PUBLISHED', '通报已经发布。');
        refuse('conflict', 'VERSION_CONFLICT', '通报已被他人修改，请刷新后再发布。');
      }
      const bulletin = await bulletins.find(id);
      if (!bulletin) throw new Error(`bulletin ${id} vanished inside its own transaction`);
      const units = await new UnitRepository(trx).handling(true);
      const notices: Notice[] = units.map((u) => ({
        audience: { kind: 'unit', unitId: u.id, includeB: false },
        kind: 'bulletin',
        title: '县热线办发布通报',
        body: bulletin.title,
      }));
      await this.notifier.send(trx, null, notices, now);
    });
    return this.mustLoad(id);
  }
}
