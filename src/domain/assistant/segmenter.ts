import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/** Splits Chinese text into words. Loading jieba's dictionary takes about half a second, so once, lazily. */
export type Segmenter = (text: string) => string[];

let jieba: Jieba | null = null;

export const jiebaSegmenter: Segmenter = (text) => {
  jieba ??= Jieba.withDict(dict);
  // HMM on: names of villages, roads and people are rarely in the dictionary.
  return jieba.cut(text, true);
};
