import { Jieba } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict.js';

/** Splits Chinese text into words. */
export type Segmenter = (text: string) => string[];

/**
 * One jieba for the whole process, shared by the assistant and the reply check: each instance
 * holds its own copy of the dictionary, about 40 MiB of the server's memory, and takes about half
 * a second to load. Loaded on first use (reply-substance.ts asks for it at start-up).
 */
let jieba: Jieba | null = null;

export const jiebaSegmenter: Segmenter = (text) => {
  jieba ??= Jieba.withDict(dict);
  // HMM on: names of villages, roads and people are rarely in the dictionary.
  return jieba.cut(text, true);
};

/**
 * The same jieba in its search mode: a long dictionary word is given with the words inside it as
 * well (拖欠工资 → 拖欠, 工资, 拖欠工资), as a search wants them.
 */
export const jiebaSearchSegmenter: Segmenter = (text) => {
  jieba ??= Jieba.withDict(dict);
  return jieba.cutForSearch(text, true);
};

/**
 * How rare each of `words` is in general Chinese text: jieba's own inverse document frequency
 * (its idf.txt, from a large general corpus: 学生 5.8, 停水 11.2), already in memory with the
 * dictionary. Words it does not list are rarer than any it does: they get `unknown`. Read by a
 * scan of the table, for the few hundred words asked at a time, rather than kept as a map of its
 * 270,000 lines.
 */
export function generalRarity(words: ReadonlySet<string>, unknown = 12): Map<string, number> {
  const found = new Map<string, number>();
  const table = Buffer.from(idf.buffer, idf.byteOffset, idf.byteLength).toString('utf8');
  let start = 0;
  while (start < table.length) {
    const end = table.indexOf('\n', start);
    const line = table.slice(start, end === -1 ? table.length : end);
    start = end === -1 ? table.length : end + 1;
    const space = line.indexOf(' ');
    if (space > 0 && words.has(line.slice(0, space)))
      found.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  for (const w of words) if (!found.has(w)) found.set(w, unknown);
  return found;
}
