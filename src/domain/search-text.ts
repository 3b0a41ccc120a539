import { pinyin } from 'pinyin-pro';
import { normalizeQuery } from './search-match.js';

/**
 * The text a picker searches for a thing named by `words`: each word as written, its pinyin
 * initials and its full pinyin, joined by 「|」 so a query never matches across two words.
 * pinyin-pro (a kept library with a full dictionary, polyphones resolved by context) stays on the
 * server: the web app only receives this text.
 */
export function searchTextOf(words: readonly string[]): string {
  const parts = new Set<string>();
  for (const word of words) {
    const w = normalizeQuery(word);
    if (!w) continue;
    parts.add(w);
    const syllables = pinyin(w, { toneType: 'none', type: 'array', nonZh: 'consecutive' });
    parts.add(syllables.map((s) => s[0] ?? '').join(''));
    parts.add(syllables.join(''));
  }
  return [...parts].join('|');
}
