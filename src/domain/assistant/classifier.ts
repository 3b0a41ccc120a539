import { ComplementNaiveBayes } from './naive-bayes.js';
import { type SgdOptions, SoftmaxRegression, type WeightedExample } from './softmax-regression.js';
import { type FeatureList, Vectorizer } from './vectorizer.js';

/**
 * The text classifier behind the dispatch suggestions and `npm run eval:dispatch`: tf-idf over
 * words and character bigrams, then softmax regression (the comparison with complement naive
 * Bayes that led to this choice is in docs/assistant.md). Labels are strings — a category id,
 * a unit id, or whatever column an evaluation file names.
 */
export interface LabelledText {
  features: FeatureList;
  label: string;
  /** The example counts against its label (a unit that returned the order). */
  against?: boolean;
}

export interface Ranked {
  label: string;
  /** The model's probability, in [0, 1]. */
  confidence: number;
}

export type Algorithm = 'softmax' | 'complement-nb';

export interface ClassifierOptions {
  algorithm: Algorithm;
  /** Without `epochs`, the number of passes follows the data's size (epochsFor). */
  sgd: Omit<SgdOptions, 'epochs'> & { epochs?: number };
  /**
   * Most weights the model may hold (features × classes): bounds memory at any history length.
   * 12M float32 weights are 48 MB.
   */
  weightBudget: number;
  maxFeatures: number;
}

export const DEFAULT_CLASSIFIER: ClassifierOptions = {
  algorithm: 'softmax',
  sgd: { learningRate: 2, l2: 1e-6, seed: 1 },
  weightBudget: 12_000_000,
  maxFeatures: 200_000,
};

interface Model {
  probabilities(x: ReturnType<Vectorizer['transform']>): Float64Array;
}

export class TextClassifier {
  private constructor(
    readonly labels: readonly string[],
    private readonly vectorizer: Vectorizer,
    private readonly model: Model,
  ) {}

  get features(): number {
    return this.vectorizer.size;
  }

  static async train(
    examples: readonly LabelledText[],
    options: Partial<ClassifierOptions> = {},
  ): Promise<TextClassifier> {
    const o = { ...DEFAULT_CLASSIFIER, ...options };
    const labels = [...new Set(examples.filter((e) => !e.against).map((e) => e.label))].sort();
    if (labels.length === 0) throw new Error('no labelled examples to learn from');
    const labelIndex = new Map(labels.map((l, i) => [l, i]));
    const usable = examples.filter((e) => labelIndex.has(e.label));
    const vectorizer = Vectorizer.fit(
      usable.map((e) => e.features),
      {
        // A feature seen once in thousands of messages is a name or a typo, not evidence.
        minDf: usable.length >= 1000 ? 2 : 1,
        maxFeatures: Math.min(o.maxFeatures, Math.floor(o.weightBudget / labels.length)),
      },
    );
    const vectors: WeightedExample[] = usable.map((e) => ({
      x: vectorizer.transform(e.features),
      label: labelIndex.get(e.label) as number,
      against: e.against,
    }));
    const model =
      o.algorithm === 'softmax'
        ? await SoftmaxRegression.train(vectors, vectorizer.size, labels.length, {
            ...o.sgd,
            epochs: o.sgd.epochs ?? epochsFor(vectors.length, labels.length),
          })
        : ComplementNaiveBayes.train(vectors, vectorizer.size, labels.length);
    return new TextClassifier(labels, vectorizer, model);
  }

  /** The k most likely labels, most likely first. */
  rank(features: FeatureList, k: number): Ranked[] {
    const p = this.model.probabilities(this.vectorizer.transform(features));
    return topK(p, k).map((i) => ({ label: this.labels[i] as string, confidence: p[i] as number }));
  }
}

/**
 * Passes over the data: many for a few hundred examples (the remits alone, or a small county),
 * few for a long history, where more passes buy little and cost minutes. About 30,000 example
 * updates and at most 5 million example × class updates in all (the category tree has
 * hundreds of classes), never fewer than 3 passes nor more than 30.
 */
export function epochsFor(examples: number, classes: number): number {
  const n = Math.max(examples, 1);
  const byExamples = Math.round(30_000 / n);
  const byWork = Math.floor(5_000_000 / (n * Math.max(classes, 1)));
  return Math.min(30, Math.max(3, Math.min(byExamples, byWork)));
}

function topK(p: Float64Array, k: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < p.length; i++) {
    if (best.length === k && (p[i] as number) <= (p[best[k - 1] as number] as number)) continue;
    let at = best.length === k ? k - 1 : best.length;
    best[at] = i;
    while (at > 0 && (p[best[at - 1] as number] as number) < (p[i] as number)) {
      best[at] = best[at - 1] as number;
      best[at - 1] = i;
      at--;
    }
  }
  return best;
}
