import type { Segmenter } from '../assistant/segmenter.js';
import { textFeatures } from '../assistant/text-features.js';

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
