import { CategoryRepository } from '../../db/repositories/category.repository.js';
import { KnowledgeRepository, type VersionWithEntry } from '../../db/repositories/knowledge.repository.js';
import { UnitRepository } from '../../db/repositories/unit.repository.js';
import { generalRarity, jiebaSearchSegmenter, jiebaSegmenter } from '../../domain/assistant/segmenter.js';
import {
  checkContent,
  checkDecidable,
  checkNoPending,
  checkOwnership,
  checkReturnComment,
  joinKeywords,
  KNOWLEDGE_KIND_LABELS,
  type KnowledgeCitation,
  type KnowledgeContent,
  type KnowledgeKind,
  offerable,
  splitKeywords,
  VERSION_STATUS_LABELS,
  type VersionStatus,
} from '../../domain/knowledge/entries.js';
import {
  aboutSubject,
  Bm25Index,
  entryTerms,
  type Subject,
  searchTerms,
  subjectsOf,
} from '../../domain/knowledge/search.js';
import { can } from '../../domain/policy.js';
import { AppRefusal, refuse } from '../../domain/refusal.js';
import type { Actor } from '../../domain/roles.js';
import { shanghaiDate } from '../../domain/time.js';
import type { AppContext } from '../../server/context.js';
import type { AuditWho } from '../audit/audit.service.js';

export function versionView(v: VersionWithEntry) {
  return {
    entryId: v.entry_id,
    versionId: v.id,
    versionNo: v.version_no,
    status: v.status as VersionStatus,
    statusLabel: VERSION_STATUS_LABELS[v.status as VersionStatus],
    isCurrent: v.id === v.current_version_id,
    kind: v.kind as KnowledgeKind,
    kindLabel: KNOWLEDGE_KIND_LABELS[v.kind as KnowledgeKind],
    title: v.title,
    body: v.body,
    keywords: splitKeywords(v.keywords),
    categoryId: v.category_id,
    sourceDocument: v.source_document,
    sourceDate: v.source_date,
    validFrom: v.valid_from,
    validUntil: v.valid_until,
    ownerUnitId: v.owner_unit_id,
    ownerUnitName: v.owner_unit_name,
    proposedByName: v.proposed_by_name,
    proposedAt: v.proposed_at,
    decidedByName: v.decided_by_name,
    decidedAt: v.decided_at,
    decisionComment: v.decision_comment,
    entryVersion: v.entry_version,
  };
}
export type KnowledgeVersionView = ReturnType<typeof versionView>;

export function citationOf(v: VersionWithEntry): KnowledgeCitation {
  return {
    entryId: v.entry_id,
    versionId: v.id,
    versionNo: v.version_no,
    title: v.title,
    sourceDocument: v.source_document,
    status: v.status as VersionStatus,
    isCurrent: v.id === v.current_version_id,
    validFrom: v.valid_from,
    validUntil: v.valid_until,
  };
}

const factsOf = (v: VersionWithEntry) => ({
  id: v.id,
  entryId: v.entry_id,
  status: v.status as VersionStatus,
  validFrom: v.valid_from,
  validUntil: v.valid_until,
});

const SEARCH_LIMIT = 5;
const notFound = (): never => refuse('not_found', 'KNOWLEDGE_NOT_FOUND', '知识条目不存在。');

/** A snapshot of the current versions with their search index, rebuilt when an approval changes them. */
interface SearchIndex {
  fingerprint: string;
  versions: Map<number, VersionWithEntry>;
  index: Bm25Index<number>;
  /** What each version is about (by version id), to offer it only for orders about the same. */
  subjects: Map<number, Subject>;
}

/**
 * The knowledge base's use cases: propose (an entry or a new version of one), approve or send
 * back, read versions, and search the offerable ones by an order's text. Every change is one
 * transaction with its audit entry; the entry's version column detects concurrent decisions.
 */
/** An entry is offered for an order when it scores at least this share of the best entry. */
const RELEVANT_SHARE_OF_BEST = 0.5;

export class KnowledgeService {
  private readonly repo: KnowledgeRepository;

  private cached: SearchIndex | null = null;

  constructor(private readonly ctx: AppContext) {
    this.repo = new KnowledgeRepository(ctx.db.kysely);
  }

  private today(): string {
    return shanghaiDate(this.ctx.clock.now());
  }

  /** The offerable versions ranked by their relevance to the text (an order's title and content). */
  async search(text: string, limit = SEARCH_LIMIT) {
    const { versions, index } = await this.index();
    const today = this.today();
    const hits = index.search(searchTerms(text, jiebaSegmenter), limit, (id) => {
      const v = versions.get(id);
      return v !== undefined && offerable(factsOf(v), v.current_version_id, today);
    });
    return {
      items: hits.map((h) => ({
        ...versionView(versions.get(h.key) as VersionWithEntry),
        score: Math.round(h.score * 100) / 100,
      })),
    };
  }

  /**
   * The entries to offer beside an order's reply form, found from its title and content. An
   * order's text is long and shares everyday words with almost every entry, so the tail of a
   * search is noise (a drain complaint matched 停电通知 and 学生资助), and in a small base even
   * its head can be (a street-light complaint matched 养犬管理规定 on 管理 and 医院): an entry is
   * offered only when the order is about its subject (search.ts, aboutSubject), and then only
   * those scoring at least half the best such entry.
   */
  async relevantTo(orderText: string, limit = SEARCH_LIMIT) {
    const { subjects } = await this.index();
    const { items } = await this.search(orderText, limit * 4);
    const about = items.filter((h) => {
      const subject = subjects.get(h.versionId);
      return subject !== undefined && aboutSubject(orderText, subject);
    });
    const best = about[0]?.score ?? 0;
    return { items: about.filter((h) => h.score >= best * RELEVANT_SHARE_OF_BEST).slice(0, limit) };
  }

  private async index(): Promise<SearchIndex> {
    const fingerprint = await this.repo.currentFingerprint();
    if (this.cached?.fingerprint === fingerprint) return this.cached;
    const current = await this.repo.currentVersions();
    this.cached = {
      fingerprint,
      versions: new Map(current.map((v) => [v.id, v])),
      index: new Bm25Index(current.map((v) => ({ key: v.id, terms: entryTerms(v, jiebaSegmenter) }))),
      subjects: subjectsOf(
        current.map((v) => ({ key: v.id, title: v.title, keywords: v.keywords })),
        jiebaSearchSegmenter,
        generalRarity,
      ),
    };
    return this.cached;
  }

  /**
   * The entries a reader sees, each by its latest version. Units see every entry's current
   * version, and the proposals of their own unit; the office sees everything.
   */
  async list(actor: Actor, filter: { status?: VersionStatus; ownerUnitId?: number }) {
    const rows = await this.repo.list(filter);
    const latest = new Map<number, VersionWithEntry>();
    for (const v of rows) {
      if (!this.maySeeVersion(actor, v)) continue;
      if (!latest.has(v.entry_id)) latest.set(v.entry_id, v);
    }
    return { items: [...latest.values()].map(versionView), today: this.today() };
  }

  /** One entry with every version the reader may see, newest first. */
  async entry(actor: Actor, entryId: number) {
    const versions = (await this.repo.list({ entryId })).filter((v) => this.maySeeVersion(actor, v));
    if (versions.length === 0) return notFound();
    return { entryId, versions: versions.map(versionView), today: this.today() };
  }

  private maySeeVersion(actor: Actor, v: VersionWithEntry): boolean {
    if (can(actor, 'knowledge.approve')) return true;
    if (v.owner_unit_id === actor.unitId && can(actor, 'knowledge.propose')) return true;
    return v.status === 'approved' || v.status === 'superseded';
  }

  /** A new entry, proposed with its first version. */
  async proposeEntry(actor: Actor, who: AuditWho, ownerUnitId: number | null, content: KnowledgeContent) {
    const owner = ownerUnitId ?? actor.unitId;
    checkOwnership(actor.unitId, owner, can(actor, 'knowledge.approve'));
    const checked = await this.checked(content);
    await this.requireUnit(owner);
    const at = this.ctx.clock.now().toISOString();
    const versionId = await this.repo.transaction(async (repo, trx) => {
      const entryId = await repo.insertEntry(owner, at);
      const id = await repo.insertVersion(this.newVersion(actor, entryId, 1, checked, at));
      await this.ctx.audit.record(trx, {
        ...who,
        action: 'knowledge.proposed',
        target: `knowledge:${entryId}`,
        detail: checked.title,
        after: { ...checked, ownerUnitId: owner, versionNo: 1 },
      });
      return id;
    });
    return this.versionOrThrow(versionId);
  }

  /** A new version of an existing entry, proposed by its owning unit or the office. */
  async proposeVersion(
    actor: Actor,
    who: AuditWho,
    entryId: number,
    expectedVersion: number,
    content: KnowledgeContent,
  ) {
    const entry = (await this.repo.entry(entryId)) ?? notFound();
    checkOwnership(actor.unitId, entry.owner_unit_id, can(actor, 'knowledge.approve'));
    const checked = await this.checked(content);
    const at = this.ctx.clock.now().toISOString();
    const versionId = await this.repo.transaction(async (repo, trx) => {
      checkNoPending((await repo.list({ entryId })).map((v) => ({ status: v.status as VersionStatus })));
      if (!(await repo.touchEntry(entryId, expectedVersion, at))) throw stale();
      const versionNo = await repo.nextVersionNo(entryId);
      const id = await repo.insertVersion(this.newVersion(actor, entryId, versionNo, checked, at));
      await this.ctx.audit.record(trx, {
        ...who,
        action: 'knowledge.proposed',
        target: `knowledge:${entryId}`,
        detail: `第 ${versionNo} 版：${checked.title}`,
        after: { ...checked, versionNo },
      });
      return id;
    });
    return this.versionOrThrow(versionId);
  }

  /** The office approves a pending version: it becomes current, the one before is superseded. */
  async approve(actor: Actor, who: AuditWho, versionId: number, expectedVersion: number) {
    const at = this.ctx.clock.now().toISOString();
    await this.repo.transaction(async (repo, trx) => {
      const v = (await repo.version(versionId)) ?? notFound();
      checkDecidable({ status: v.status as VersionStatus });
      if (!(await repo.touchEntry(v.entry_id, expectedVersion, at, v.id))) throw stale();
      if (v.current_version_id !== null) await repo.supersede(v.current_version_id);
      await repo.decide(v.id, 'approved', { userId: actor.userId, name: actor.name }, at, null);
      await this.ctx.audit.record(trx, {
        ...who,
        action: 'knowledge.approved',
        target: `knowledge:${v.entry_id}`,
        detail: `第 ${v.version_no} 版：${v.title}`,
        before: { currentVersionId: v.current_version_id },
        after: { currentVersionId: v.id },
      });
    });
    return this.versionOrThrow(versionId);
  }

  /** The office sends a pending version back to its unit with a comment; the current version stays. */
  async sendBack(actor: Actor, who: AuditWho, versionId: number, expectedVersion: number, comment: string) {
    const text = checkReturnComment(comment);
    const at = this.ctx.clock.now().toISOString();
    await this.repo.transaction(async (repo, trx) => {
      const v = (await repo.version(versionId)) ?? notFound();
      checkDecidable({ status: v.status as VersionStatus });
      if (!(await repo.touchEntry(v.entry_id, expectedVersion, at))) throw stale();
      await repo.decide(v.id, 'returned', { userId: actor.userId, name: actor.name }, at, text);
      await this.ctx.audit.record(trx, {
        ...who,
        action: 'knowledge.returned',
        target: `knowledge:${v.entry_id}`,
        detail: `第 ${v.version_no} 版：${text}`,
      });
    });
    return this.versionOrThrow(versionId);
  }

  private newVersion(actor: Actor, entryId: number, versionNo: number, c: KnowledgeContent, at: string) {
    return {
      entry_id: entryId,
      version_no: versionNo,
      status: 'pending',
      kind: c.kind,
      title: c.title,
      body: c.body,
      keywords: joinKeywords(c.keywords),
      category_id: c.categoryId,
      source_document: c.sourceDocument,
      source_date: c.sourceDate,
      valid_from: c.validFrom,
      valid_until: c.validUntil,
      proposed_by: actor.userId,
      proposed_by_name: actor.name,
      proposed_at: at,
    };
  }

  private async checked(content: KnowledgeContent): Promise<KnowledgeContent> {
    const checked = checkContent(content);
    if (checked.categoryId !== null) {
      const cat = await new CategoryRepository(this.ctx.db.kysely).get(checked.categoryId);
      if (!cat) refuse('invalid', 'CATEGORY_NOT_FOUND', '所选诉求分类不存在。');
    }
    return checked;
  }

  private async requireUnit(id: number) {
    const unit = await new UnitRepository(this.ctx.db.kysely).find(id);
    if (unit?.active !== 1) refuse('invalid', 'UNIT_NOT_FOUND', '所属单位不存在或已停用。');
  }

  private async versionOrThrow(id: number): Promise<KnowledgeVersionView> {
    const v = await this.repo.version(id);
    if (!v) throw new Error(`knowledge version ${id} vanished`);
    return versionView(v);
  }
}

function stale(): AppRefusal {
  return new AppRefusal(
    'VERSION_CONFLICT',
    '该知识条目已被他人修改或审核，您看到的不是最新内容。请刷新后再操作。',
    undefined,
    'conflict',
  );
}
