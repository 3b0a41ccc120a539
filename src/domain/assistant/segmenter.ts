import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

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
