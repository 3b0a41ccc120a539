/**
 * Compares candidate models and feature sets for the dispatch suggestions on a labelled file
 * (5-fold stratified cross-validation), for docs/assistant.md:
 * `npx tsx bench/assistant/compare-models.ts [file.csv] [text cols] [label col]`.
 */
import { type Algorithm, TextClassifier } from '../../src/domain/assistant/classifier.js';
import { crossValidate } from '../../src/domain/assistant/evaluation.js';
import { jiebaSegmenter } from '../../src/domain/assistant/segmenter.js';
import { textFeatures } from '../../src/domain/assistant/text-features.js';
import { columnIndexes, readTable } from '../../src/setup/labelled-file.js';

const [file = 'test/corpus/dispatch-eval.csv', text = '标题,诉求内容', label = '承办单位'] =
  process.argv.slice(2);
const table = await readTable(file);
const cols = columnIndexes(table, text.split(','));
const [lc] = columnIndexes(table, [label]) as [number];
const all = table.rows.map((r) => ({
  features: textFeatures(cols.map((i) => r[i]).join('\n'), jiebaSegmenter),
  label: r[lc] as string,
}));
const only = (prefixes: string) =>
  all.map((r) => ({ ...r, features: r.features.filter((f) => prefixes.includes(f[0] as string)) }));

const variants: Array<[string, Algorithm, ReturnType<typeof only>, Record<string, unknown>?]> = [
  ['softmax, words + bigrams', 'softmax', all],
  ['softmax, words only', 'softmax', only('w')],
  ['softmax, bigrams only', 'softmax', only('b')],
  ['complement NB, words + bigrams', 'complement-nb', all],
  ['complement NB, words only', 'complement-nb', only('w')],
];
console.log(`${file}: ${all.length} rows, ${new Set(all.map((r) => r.label)).size} classes`);
for (const [name, algorithm, rows] of variants) {
  const started = performance.now();
  const r = await crossValidate(rows, 5, async (train) => {
    const m = await TextClassifier.train(train, { algorithm });
    return (f) => m.rank(f, 3);
  });
  const s = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${name.padEnd(34)} top-1 ${r.top1.toFixed(3)} top-3 ${r.top3.toFixed(3)}  ${s} s`);
}
