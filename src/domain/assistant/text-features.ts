import type { Segmenter } from './segmenter.js';

/**
 * The features of a citizen's message: jieba's words and the character bigrams of every run of
 * Chinese characters. Words carry meaning ("暖气", "不热"); bigrams survive segmentation errors
 * and colloquial spellings. Text is NFKC-normalized first, so full-width and ASCII punctuation,
 * letters and digits are one and the same, and digit runs (house numbers, dates, phones)
 * collapse to one token: they name a place or a time, not a matter.
 */
const HAN_RUN = /\p{Script=Han}+/gu;
const WORDLIKE = /[\p{Script=Han}a-z]/u;

export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\d+(?:\.\d+)?/g, '0');
}

export function textFeatures(text: string, segment: Segmenter): string[] {
  const norm = normalizeText(text);
  const out: string[] = [];
  for (const w of segment(norm)) {
    if (WORDLIKE.test(w)) out.push(`w${w}`);
  }
  for (const run of norm.match(HAN_RUN) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) out.push(`b${run.slice(i, i + 2)}`);
  }
  return out;
}

/** A message as the models see it: the title counts twice, as the dispatcher's summary of the matter. */
export function messageFeatures(title: string, content: string, segment: Segmenter): string[] {
  const t = textFeatures(title, segment);
  return [...t, ...t, ...textFeatures(content, segment)];
}
