import { readFileSync } from 'node:fs';
import { similarityTo } from '../../src/domain/text-similarity.js';

/**
 * `npx tsx bench/assistant/similarity-pairs.ts`: how well the repeat rule's text similarity
 * (Dice over character pairs, src/domain/text-similarity.ts) tells one matter told twice from two
 * matters told in the same operator's template, on a reviewer's pairs (test/corpus/text-pairs.jsonl).
 * Prints the mean similarity of each kind, the share of (same, different) pairs ranked the right
 * way round (AUC: 0.5 is chance), and the pairs decided right at several thresholds.
 */
interface Pair {
  a: string;
  b: string;
  same: boolean;
}
const pairs = readFileSync(new URL('../../test/corpus/text-pairs.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Pair);
const scored = pairs.map((p) => ({ same: p.same, s: similarityTo(p.a)(p.b) }));
const same = scored.filter((p) => p.same).map((p) => p.s);
const different = scored.filter((p) => !p.same).map((p) => p.s);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
let ordered = 0;
for (const x of same) for (const y of different) ordered += x > y ? 1 : x === y ? 0.5 : 0;
console.log(`${same.length} same-matter pairs, mean similarity ${mean(same).toFixed(2)}`);
console.log(`${different.length} different-matter pairs, mean similarity ${mean(different).toFixed(2)}`);
console.log(`AUC ${(ordered / (same.length * different.length)).toFixed(3)}`);
for (const threshold of [0.2, 0.3, 0.4]) {
  const right = scored.filter((p) => p.s >= threshold === p.same).length;
  console.log(`threshold ${threshold}: ${right} of ${scored.length} pairs decided right`);
}
