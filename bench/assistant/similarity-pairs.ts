import { readFileSync } from 'node:fs';
import { DEFAULT_REPEAT_SETTINGS } from '../../src/domain/repeats.js';
import { similarityTo } from '../../src/domain/text-similarity.js';

/**
 * `npx tsx bench/assistant/similarity-pairs.ts`: how well the repeat rule's text similarity
 * (Dice over character pairs, src/domain/text-similarity.ts) tells one matter told twice from two
 * matters told in one operator's template, on pairs written by reviewers who had not seen the rule:
 * - text-pairs: calls in one township, the same matter or not (the 「同乡镇内容相近」 hint and the
 *   cluster alert read this);
 * - matter-pairs-north / -south: two calls already known to share the caller or the address, the
 *   same matter or a new one (for two unclassified complaints, this decides 「重复投诉」).
 * Prints each kind's mean similarity, the share of (same, different) pairs ranked the right way
 * round (AUC: 0.5 is chance), and at the office's threshold how many different matters would count
 * as one and how many repeats would be missed.
 */
interface Pair {
  a: string;
  b: string;
  same: boolean;
}
const threshold = DEFAULT_REPEAT_SETTINGS.minSimilarity;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

for (const name of ['text-pairs', 'matter-pairs-north', 'matter-pairs-south']) {
  const pairs = readFileSync(new URL(`../../test/corpus/${name}.jsonl`, import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Pair);
  const scored = pairs.map((p) => ({ same: p.same, s: similarityTo(p.a)(p.b) }));
  const same = scored.filter((p) => p.same).map((p) => p.s);
  const different = scored.filter((p) => !p.same).map((p) => p.s);
  let ordered = 0;
  for (const x of same) for (const y of different) ordered += x > y ? 1 : x === y ? 0.5 : 0;
  console.log(
    `${name}: ${same.length} same matter (mean ${mean(same).toFixed(2)}), ${different.length} different (mean ${mean(different).toFixed(2)}); ` +
      `AUC ${(ordered / (same.length * different.length)).toFixed(3)}; at ${threshold}: ` +
      `${different.filter((s) => s >= threshold).length} different taken as one, ${same.filter((s) => s < threshold).length} same missed`,
  );
}
