import type { Segmenter } from '../assistant/segmenter.js';
import { normalizeText, textFeatures } from '../assistant/text-features.js';

/**
 * Searching the knowledge base: Okapi BM25 over jieba's words and the character bigrams of
 * every run of Chinese characters (the same features the dispatch assistant uses). Words carry
 * meaning; bigrams make two-character terms such as 「停水」「低保」 match however jieba cut the
 * longer text around them, and survive colloquial spellings. Text is NFKC-normalized, so
 * full-width punctuation (，。；！：) and ASCII are alike.
 *
 * Why BM25: a few hundred short documents, queried with a whole order's text. BM25 rewards a
 * term that is rare across the base (IDF) and saturates its repetition (k1), so a long
 * complaint that says 「停水」 five times does not drown the rarer word that names the village;
 * and it normalizes by document length (b), so a long policy does not win by length alone.
 * It needs no training and no model, is deterministic, and is small enough to test fully.
 */
export interface Bm25Options {
  /** Term-frequency saturation. */
  k1: number;
  /** Length normalization (0 none, 1 full). */
  b: number;
}

export const DEFAULT_BM25: Bm25Options = { k1: 1.2, b: 0.75 };

export interface IndexedDoc<K> {
  key: K;
  terms: readonly string[];
}

export interface Hit<K> {
  key: K;
  score: number;
}

/** The search terms of a text. */
export function searchTerms(text: string, segment: Segmenter): string[] {
  return textFeatures(text, segment);
}

/** A knowledge entry's terms: its title counts twice, being the entry's own summary of the matter. */
export function entryTerms(
  entry: { title: string; body: string; keywords?: string },
  segment: Segmenter,
): string[] {
  const title = searchTerms(`${entry.title} ${entry.keywords ?? ''}`, segment);
  return [...title, ...title, ...searchTerms(entry.body, segment)];
}

/**
 * Words of an entry's title that say what kind of entry it is or where, not what matter it is
 * about: 标准、条件、通知、口径… (and words of the county's every message: 县城、居民、群众).
 */
const FORM_WORDS = new Set(
  `标准 条件 通知 口径 答复 规定 管理 办法 政策 对象 待遇 时间 方式 方法 怎么 怎么办 如何 哪些 需要 材料
  办理 申请 申领 查询 渠道 处理 投诉 纠纷 发放 认定 计划 结束 已结束 相关 问题 可以 享受 县城 城区 城乡 居民 本县
  全县 年度 以上 免费 服务 工作 情况 有关 我县 群众 市民 来电`.split(/\s+/),
);
/** A place's name in a title (河湾镇, 上柳村, 人民路): where an entry applies, not what it is about. */
const PLACE_SUFFIX = /^(省|市|县|区|镇|乡|村|社区|街道|路|街|大道)/u;
const PLACE_NAME = /^\p{Script=Han}{2,}(省|市|县|区|镇|乡|村|社区|街道|路|街|大道)$/u;

/**
 * What an entry is about, for telling whether an order is: callers' own words for the matter
 * (keywords, which the office chose) and the words of its title less those of form and place,
 * each with how rare it is in general text.
 */
export interface Subject {
  keywords: string[];
  words: Array<{ word: string; rarity: number }>;
}

/**
 * How rare an everyday word is in general text (学生 5.8, 困难 5.9, 经营 5.3): a subject word
 * counts for as much as it is rarer than that.
 */
export const EVERYDAY_RARITY = 5;
/**
 * An order is about an entry's matter when the subject words it holds are, together, this much
 * rarer than everyday words: one rare word (停水 11.2, 扰民 10.2, 供暖 8.8, 入学 8.7) or two
 * common ones (小区 7.5 and 物业 6.7); not one common word (家中 6.9, 收费 7.5) nor two everyday
 * ones (学生 and 困难).
 */
export const SUBJECT_EVIDENCE = 3.5;

/** A word of `text` that may name a matter: Chinese, two characters or more, not of form or place. */
const matterWord = (w: string, text: string) =>
  /^\p{Script=Han}{2,}$/u.test(w) &&
  !FORM_WORDS.has(w) &&
  !PLACE_NAME.test(w) &&
  !PLACE_SUFFIX.test(text.slice(text.indexOf(w) + w.length));

/**
 * The short names everyone uses for the policies' official names: an entry titled with the
 * official name is about what callers call by the short one.
 */
const SHORT_NAMES: ReadonlyArray<readonly [official: string, short: string]> = [
  ['最低生活保障', '低保'],
  ['医疗保险', '医保'],
  ['医疗保障', '医保'],
  ['社会保险', '社保'],
  ['养老保险', '养老金'],
  ['住房公积金', '公积金'],
  ['失业保险金', '失业金'],
  ['特困人员', '特困'],
  ['公共租赁住房', '公租房'],
  ['城市管理', '城管'],
  ['不动产权证', '房产证'],
  ['居民身份证', '身份证'],
  ['新型农村合作医疗', '新农合'],
];

/** An entry's subject before its words' rarity is looked up. */
function subjectWords(entry: { title: string; keywords?: string }, segment: Segmenter) {
  const keywords = (entry.keywords ?? '')
    .split(/[\s,，、;；]+/u)
    .map((k) => normalizeText(k))
    .filter((k) => k.length > 0);
  // The title's and the keywords' words (低保户 → 低保): a keyword may be written otherwise in an order.
  const words = new Set<string>();
  for (const text of [normalizeText(entry.title), ...keywords])
    for (const w of segment(text)) if (matterWord(w, text)) words.add(w);
  // A title says 最低生活保障 where callers say 低保.
  const named = [normalizeText(entry.title), ...keywords].join(' ');
  for (const [official, short] of SHORT_NAMES) if (named.includes(official)) words.add(short);
  return { keywords, words: [...words] };
}

/**
 * The subjects of entries, by key, with one look-up of all their words' rarity (the table is a
 * scan: once per rebuilt index, not once per entry). `segment` is jieba's search mode (a long word
 * with the words inside it: 停水通知 → 停水, 通知, 停水通知); `rarity` how rare words are in
 * general text (segmenter.ts, generalRarity).
 */
export function subjectsOf<K>(
  entries: ReadonlyArray<{ key: K; title: string; keywords?: string }>,
  segment: Segmenter,
  rarity: (words: ReadonlySet<string>) => ReadonlyMap<string, number>,
): Map<K, Subject> {
  const found = entries.map((e) => [e.key, subjectWords(e, segment)] as const);
  const rare = rarity(new Set(found.flatMap(([, s]) => s.words)));
  return new Map(
    found.map(([key, s]) => [
      key,
      { keywords: s.keywords, words: s.words.map((word) => ({ word, rarity: rare.get(word) ?? 0 })) },
    ]),
  );
}

/** The subject of one entry (subjectsOf for many). */
export function subjectOf(
  entry: { title: string; keywords?: string },
  segment: Segmenter,
  rarity: (words: ReadonlySet<string>) => ReadonlyMap<string, number>,
): Subject {
  return subjectsOf([{ ...entry, key: 0 }], segment, rarity).get(0) as Subject;
}

/**
 * Whether an order's text is about an entry's matter: it holds one of the entry's keywords, or
 * words of its title and keywords rare enough together (SUBJECT_EVIDENCE), each found as typed
 * anywhere in the text (not as segmented, so 「供暖以来」 holds 供暖). A long order shares everyday words with nearly
 * every entry (反映、一个月、本人); only the subject says it is the same matter.
 */
export function aboutSubject(orderText: string, subject: Subject): boolean {
  const text = normalizeText(orderText);
  if (subject.keywords.some((k) => text.includes(k))) return true;
  const held = subject.words.filter(({ word }) => text.includes(word));
  // One mention counts once: 老年人 holds 老年, 养老保险 holds 养老 and 保险 (search mode gives all).
  const evidence = held
    .filter(({ word }) => !held.some((other) => other.word !== word && other.word.includes(word)))
    .reduce((sum, { rarity }) => sum + Math.max(0, rarity - EVERYDAY_RARITY), 0);
  return evidence >= SUBJECT_EVIDENCE;
}

export class Bm25Index<K> {
  private readonly docs: Array<{ key: K; tf: Map<string, number>; length: number }>;

  private readonly df = new Map<string, number>();

  private readonly averageLength: number;

  constructor(
    docs: ReadonlyArray<IndexedDoc<K>>,
    private readonly options: Bm25Options = DEFAULT_BM25,
  ) {
    this.docs = docs.map((d) => {
      const tf = new Map<string, number>();
      for (const t of d.terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const t of tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      return { key: d.key, tf, length: d.terms.length };
    });
    const total = this.docs.reduce((n, d) => n + d.length, 0);
    this.averageLength = this.docs.length > 0 ? total / this.docs.length || 1 : 1;
  }

  get size(): number {
    return this.docs.length;
  }

  /** Inverse document frequency, the non-negative variant (Lucene's): never below zero for common terms. */
  idf(term: string): number {
    const n = this.df.get(term) ?? 0;
    return Math.log(1 + (this.docs.length - n + 0.5) / (n + 0.5));
  }

  /**
   * Documents scored against the query's distinct terms, best first; only those sharing a term
   * with the query, and only those `accept` lets through (validity, approval). Ties keep the
   * documents' order.
   */
  search(queryTerms: readonly string[], limit: number, accept: (key: K) => boolean = () => true): Hit<K>[] {
    const { k1, b } = this.options;
    const terms = [...new Set(queryTerms)].filter((t) => this.df.has(t));
    if (terms.length === 0) return [];
    const idf = new Map(terms.map((t) => [t, this.idf(t)]));
    const hits: Hit<K>[] = [];
    for (const d of this.docs) {
      let score = 0;
      for (const t of terms) {
        const f = d.tf.get(t);
        if (!f) continue;
        const norm = k1 * (1 - b + (b * d.length) / this.averageLength);
        score += ((idf.get(t) ?? 0) * (f * (k1 + 1))) / (f + norm);
      }
      if (score > 0 && accept(d.key)) hits.push({ key: d.key, score });
    }
    return hits.sort((x, y) => y.score - x.score).slice(0, limit);
  }
}
