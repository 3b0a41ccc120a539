/**
 * `npm run eval:dispatch -- --file <xlsx|csv> --text <col>[,<col>…] --label <col> [--folds 5]`:
 * stratified k-fold cross-validation of the classifier the dispatch suggestions use, on any
 * labelled file. Prints each class's precision and recall, then, as the last line,
 * `top-1 <accuracy> top-3 <accuracy> n=<rows> folds=<k>`.
 */
import { parseArgs } from 'node:util';
import { type Algorithm, TextClassifier } from '../domain/assistant/classifier.js';
import { crossValidate } from '../domain/assistant/evaluation.js';
import { jiebaSegmenter } from '../domain/assistant/segmenter.js';
import { textFeatures } from '../domain/assistant/text-features.js';
import { columnIndexes, LabelledFileError, readTable } from './labelled-file.js';

const USAGE =
  '用法（usage）：npm run eval:dispatch -- --file <文件.xlsx|文件.csv> --text <列>[,<列>…] --label <列> [--folds 5]';

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      file: { type: 'string' },
      text: { type: 'string' },
      label: { type: 'string' },
      folds: { type: 'string', default: '5' },
      algorithm: { type: 'string', default: 'softmax' },
    },
  });
  if (!values.file || !values.text || !values.label) throw new LabelledFileError(USAGE);
  const folds = Number(values.folds);
  if (!Number.isInteger(folds) || folds < 2)
    throw new LabelledFileError(`--folds 须是不小于 2 的整数（must be an integer ≥ 2）`);
  const algorithm = values.algorithm as Algorithm;
  if (!['softmax', 'complement-nb'].includes(algorithm))
    throw new LabelledFileError('--algorithm 只能是 softmax 或 complement-nb');

  const table = await readTable(values.file);
  const textCols = columnIndexes(table, values.text.split(/[,，]/).filter(Boolean));
  const [labelCol] = columnIndexes(table, [values.label]) as [number];
  const rows = table.rows
    .map((r) => ({ text: textCols.map((i) => r[i] ?? '').join('\n'), label: (r[labelCol] ?? '').trim() }))
    .filter((r) => r.label !== '' && r.text.trim() !== '')
    .map((r) => ({ features: textFeatures(r.text, jiebaSegmenter), label: r.label }));
  if (rows.length < folds)
    throw new LabelledFileError(`有效行数 ${rows.length} 少于折数 ${folds}(fewer rows than folds)`);

  const result = await crossValidate(rows, folds, async (train) => {
    const model = await TextClassifier.train(train, { algorithm });
    return (features) => model.rank(features, 3);
  });
  const pct = (x: number) => x.toFixed(3);
  console.log(`类别（class）\t样本（n）\t精确率（precision）\t召回率（recall）`);
  for (const c of result.perClass)
    console.log(`${c.label}\t${c.support}\t${pct(c.precision)}\t${pct(c.recall)}`);
  console.log(`top-1 ${pct(result.top1)} top-3 ${pct(result.top3)} n=${result.rows} folds=${result.folds}`);
}

main(process.argv.slice(2)).catch((err) => {
  if (err instanceof LabelledFileError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
