import type { LabelledText, Ranked } from './classifier.js';
import { mulberry32, shuffle } from './softmax-regression.js';

/**
 * Stratified k-fold cross-validation: every class is spread evenly over the folds, each fold
 * is tested on a model trained on the others. Reports top-1 and top-3 accuracy and each
 * class's precision and recall (of the top-1 answer).
 */
export interface ClassFigures {
  label: string;
  support: number;
  precision: number;
  recall: number;
}

export interface Evaluation {
  rows: number;
  folds: number;
  top1: number;
  top3: number;
  perClass: ClassFigures[];
}

export type Ranker = (train: LabelledText[]) => Promise<(features: LabelledText['features']) => Ranked[]>;

/** Fold number of each row: each class's rows shuffled, then dealt round-robin. */
export function stratifiedFolds(labels: readonly string[], k: number, seed = 7): number[] {
  const byClass = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const list = byClass.get(l) ?? [];
    list.push(i);
    byClass.set(l, list);
  });
  const random = mulberry32(seed);
  const fold = new Array<number>(labels.length).fill(0);
  let next = 0;
  for (const key of [...byClass.keys()].sort()) {
    const rows = byClass.get(key) as number[];
    shuffle(rows, random);
    for (const r of rows) {
      fold[r] = next;
      next = (next + 1) % k;
    }
  }
  return fold;
}

export async function crossValidate(
  rows: readonly LabelledText[],
  k: number,
  ranker: Ranker,
): Promise<Evaluation> {
  const fold = stratifiedFolds(
    rows.map((r) => r.label),
    k,
  );
  let top1 = 0;
  let top3 = 0;
  const predicted = new Map<string, number>();
  const correct = new Map<string, number>();
  const support = new Map<string, number>();
  const bump = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
  for (let f = 0; f < k; f++) {
    const train = rows.filter((_, i) => fold[i] !== f);
    const test = rows.filter((_, i) => fold[i] === f);
    if (test.length === 0) continue;
    const rank = await ranker(train);
    for (const row of test) {
      const ranked = rank(row.features).map((r) => r.label);
      bump(support, row.label);
      if (ranked[0] !== undefined) bump(predicted, ranked[0]);
      if (ranked[0] === row.label) {
        top1++;
        bump(correct, row.label);
      }
      if (ranked.slice(0, 3).includes(row.label)) top3++;
    }
  }
  const perClass = [...support.keys()].sort().map((label) => {
    const ok = correct.get(label) ?? 0;
    const p = predicted.get(label) ?? 0;
    return {
      label,
      support: support.get(label) ?? 0,
      precision: p ? ok / p : 0,
      recall: ok / (support.get(label) ?? 1),
    };
  });
  return { rows: rows.length, folds: k, top1: top1 / rows.length, top3: top3 / rows.length, perClass };
}
