import { AppRefusal } from '../refusal.js';
import type { IsoDate } from '../time.js';

/**
 * The knowledge base's rules (GB/T 44191-2024 asks a hotline to keep one): entries of policy,
 * answers to frequent questions and standard explanations, each owned by a unit. A unit
 * proposes an entry or a new version of its own entry; the hotline office approves it or sends
 * it back with a comment. Every version is kept; only the approved current version, within its
 * validity, is offered to the dispatcher and the units.
 */
export const KNOWLEDGE_KINDS = ['policy', 'faq', 'explanation'] as const;
export type KnowledgeKind = (typeof KNOWLEDGE_KINDS)[number];
export const KNOWLEDGE_KIND_LABELS: Record<KnowledgeKind, string> = {
  policy: '政策文件',
  faq: '常见问题解答',
  explanation: '标准解释口径',
};

export const VERSION_STATUSES = ['pending', 'approved', 'returned', 'superseded'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];
export const VERSION_STATUS_LABELS: Record<VersionStatus, string> = {
  pending: '待审核',
  approved: '现行',
  returned: '已退回',
  superseded: '已被新版本取代',
};

/** What a proposal says; checked here, stored as one version. */
export interface KnowledgeContent {
  kind: KnowledgeKind;
  title: string;
  body: string;
  /** Words callers use for the matter that the title and body do not contain (「吃低保」); searched like the title. */
  keywords: string[];
  categoryId: number | null;
  sourceDocument: string;
  sourceDate: IsoDate;
  validFrom: IsoDate;
  validUntil: IsoDate | null;
}

/** A version as the rules see it. */
export interface VersionFacts {
  id: number;
  entryId: number;
  status: VersionStatus;
  validFrom: IsoDate;
  validUntil: IsoDate | null;
}

const invalid = (code: string, message: string): never => {
  throw new AppRefusal(code, message, undefined, 'invalid');
};
const rule = (code: string, message: string): never => {
  throw new AppRefusal(code, message, undefined, 'rule');
};

/** Length without spaces and punctuation of either width: what a reader actually gets. */
export const substanceLength = (text: string) =>
  text.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '').length;

/** Checks a proposal's content; returns it trimmed. */
export function checkContent(content: KnowledgeContent): KnowledgeContent {
  const title = content.title.trim();
  const body = content.body.trim();
  const sourceDocument = content.sourceDocument.trim();
  if (substanceLength(title) < 4) invalid('KNOWLEDGE_TITLE_TOO_SHORT', '知识条目的标题至少 4 个字。');
  if (substanceLength(body) < 20)
    invalid('KNOWLEDGE_BODY_TOO_SHORT', '知识条目的内容至少 20 个字，须写明政策规定或答复口径本身。');
  if (substanceLength(sourceDocument) < 2)
    invalid('KNOWLEDGE_SOURCE_REQUIRED', '请写明出处（文件名称及文号，或答复口径的来源）。');
  if (content.validUntil !== null && content.validUntil < content.validFrom)
    invalid('KNOWLEDGE_VALIDITY_INVALID', '有效期的截止日期不能早于起始日期。');
  if (content.sourceDate > content.validFrom && content.kind === 'policy')
    invalid('KNOWLEDGE_SOURCE_AFTER_START', '政策文件的发布日期不能晚于生效日期。');
  const keywords = [...new Set(content.keywords.map((w) => w.normalize('NFKC').trim()).filter(Boolean))];
  if (keywords.length > MAX_KEYWORDS)
    invalid('KNOWLEDGE_KEYWORDS_TOO_MANY', `关键词最多 ${MAX_KEYWORDS} 个，请只留群众最常用的说法。`);
  const long = keywords.find((w) => [...w].length > MAX_KEYWORD_LENGTH);
  if (long)
    invalid(
      'KNOWLEDGE_KEYWORD_TOO_LONG',
      `关键词「${long}」太长：每个关键词不超过 ${MAX_KEYWORD_LENGTH} 个字。`,
    );
  return { ...content, title, body, sourceDocument, keywords };
}

export const MAX_KEYWORDS = 20;
export const MAX_KEYWORD_LENGTH = 12;

/** Keywords as stored (joined by 「、」) and read back; splits on 「、」, commas, semicolons and spaces of either width. */
export const joinKeywords = (words: readonly string[]) => words.join('、');
export const splitKeywords = (stored: string) =>
  stored
    .normalize('NFKC')
    .split(/[、,;\s]+/)
    .filter(Boolean);

/** Whether a version is in force on a day. */
export function inForce(v: Pick<VersionFacts, 'validFrom' | 'validUntil'>, today: IsoDate): boolean {
  return v.validFrom <= today && (v.validUntil === null || today <= v.validUntil);
}

/** An entry this close to the end of its validity is due for review by its unit (见 validity). */
export const EXPIRING_DAYS = 30;

export type Validity =
  | { kind: 'not_yet'; days: number }
  | { kind: 'in_force' }
  | { kind: 'expiring'; days: number }
  | { kind: 'expired' };

const dayNumber = (d: IsoDate) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/**
 * Where a version stands in its validity today: not yet in force (in `days`), in force, in force
 * but ending within EXPIRING_DAYS (`days` left, 0 on its last day: the unit should propose a new
 * version or let it end), or ended. A policy that ends unnoticed stops being offered, and the
 * office loses the answer.
 */
export function validity(v: Pick<VersionFacts, 'validFrom' | 'validUntil'>, today: IsoDate): Validity {
  if (today < v.validFrom) return { kind: 'not_yet', days: dayNumber(v.validFrom) - dayNumber(today) };
  if (v.validUntil === null) return { kind: 'in_force' };
  if (today > v.validUntil) return { kind: 'expired' };
  const days = dayNumber(v.validUntil) - dayNumber(today);
  return days <= EXPIRING_DAYS ? { kind: 'expiring', days } : { kind: 'in_force' };
}

/** Whether a version may be offered and cited today: the entry's approved current version, in force. */
export function offerable(v: VersionFacts, currentVersionId: number | null, today: IsoDate): boolean {
  return v.status === 'approved' && v.id === currentVersionId && inForce(v, today);
}

/** A unit proposes only for itself; the office for any unit. */
export function checkOwnership(proposerUnitId: number, ownerUnitId: number, isOffice: boolean): void {
  if (!isOffice && proposerUnitId !== ownerUnitId)
    rule('KNOWLEDGE_NOT_OWN_UNIT', '只能为本单位的知识条目提出新增或修订。');
}

/** One proposal at a time per entry: the office decides on it before the next. */
export function checkNoPending(versions: ReadonlyArray<Pick<VersionFacts, 'status'>>): void {
  if (versions.some((v) => v.status === 'pending'))
    rule('KNOWLEDGE_PENDING_EXISTS', '该条目已有一个版本在等待热线办审核，请待审核后再提出修订。');
}

/** The office decides only on a pending version. */
export function checkDecidable(v: Pick<VersionFacts, 'status'>): void {
  if (v.status !== 'pending')
    rule(
      'KNOWLEDGE_NOT_PENDING',
      `该版本的状态为「${VERSION_STATUS_LABELS[v.status]}」，只有待审核的版本才能审核。`,
    );
}

export function checkReturnComment(comment: string | undefined): string {
  const text = (comment ?? '').trim();
  if (substanceLength(text) < 4)
    invalid('KNOWLEDGE_RETURN_COMMENT_REQUIRED', '退回知识条目须写明退回意见（至少 4 个字）。');
  return text;
}

/** What an order cites when the office answers a consultation from the knowledge base. */
export interface KnowledgeCitation {
  entryId: number;
  versionId: number;
  versionNo: number;
  title: string;
  sourceDocument: string;
  status: VersionStatus;
  isCurrent: boolean;
  validFrom: IsoDate;
  validUntil: IsoDate | null;
}

/** Refuses a citation that is not the approved current version in force today, saying why. */
export function checkCitable(c: KnowledgeCitation | null, today: IsoDate): KnowledgeCitation {
  if (!c) return rule('KNOWLEDGE_ENTRY_REQUIRED', '直办须引用知识库中的一个现行条目。');
  if (c.status !== 'approved' || !c.isCurrent)
    rule(
      'KNOWLEDGE_NOT_CURRENT',
      `所引用的「${c.title}」第 ${c.versionNo} 版不是经热线办审核通过的现行版本，不能据以直办。`,
    );
  if (c.validFrom > today)
    rule('KNOWLEDGE_NOT_YET_VALID', `所引用的「${c.title}」自 ${c.validFrom} 起才生效。`);
  if (c.validUntil !== null && c.validUntil < today)
    rule('KNOWLEDGE_EXPIRED', `所引用的「${c.title}」已于 ${c.validUntil} 失效，不能据以直办。`);
  return c;
}
