import type { WeightedExample } from './softmax-regression.js';
import type { SparseVector } from './vectorizer.js';

/**
 * Complement naive Bayes (Rennie et al., 2003) over tf-idf vectors, kept as the baseline the
 * product's classifier is compared with (docs/assistant.md): one pass over the data, each
 * class described by the features of all the other classes, weights normalized per class.
 * Examples against a class are skipped: naive Bayes has no way to count against a class.
 */
export class ComplementNaiveBayes {
  private constructor(
    readonly classes: number,
    private readonly weights: Float32Array,
  ) {}

  static train(
    examples: readonly WeightedExample[],
    features: number,
    classes: number,
    alpha = 0.3,
  ): ComplementNaiveBayes {
    const perClass = new Float64Array(features * classes);
    const total = new Float64Array(features);
    for (const ex of examples) {
      if (ex.against) continue;
      const { indices, values } = ex.x;
      for (let j = 0; j < indices.length; j++) {
        const f = indices[j] as number;
        perClass[f * classes + ex.label] =
          (perClass[f * classes + ex.label] as number) + (values[j] as number);
        total[f] = (total[f] as number) + (values[j] as number);
      }
    }
    let grand = 0;
    for (const t of total) grand += t;
    const classTotal = new Float64Array(classes);
    for (let f = 0; f < features; f++)
      for (let c = 0; c < classes; c++)
        classTotal[c] = (classTotal[c] as number) + (perClass[f * classes + c] as number);
    const w = new Float32Array(features * classes);
    const norm = new Float64Array(classes);
    for (let f = 0; f < features; f++) {
      for (let c = 0; c < classes; c++) {
        const comp = (total[f] as number) - (perClass[f * classes + c] as number);
        const compTotal = grand - (classTotal[c] as number);
        const v = Math.log((alpha + comp) / (alpha * features + compTotal));
        w[f * classes + c] = v;
        norm[c] = (norm[c] as number) + Math.abs(v);
      }
    }
    for (let f = 0; f < features; f++)
      for (let c = 0; c < classes; c++) w[f * classes + c] = (w[f * classes + c] as number) / (norm[c] || 1);
    return new ComplementNaiveBayes(classes, w);
  }

  /** Scores turned into a distribution (softmax), for ranking; not calibrated probabilities. */
  probabilities(x: SparseVector): Float64Array {
    const z = new Float64Array(this.classes);
    for (let j = 0; j < x.indices.length; j++) {
      const row = (x.indices[j] as number) * this.classes;
      const xv = x.values[j] as number;
      for (let c = 0; c < this.classes; c++) z[c] = (z[c] as number) - xv * (this.weights[row + c] as number);
    }
    let max = Number.NEGATIVE_INFINITY;
    for (const v of z) if (v > max) max = v;
    let sum = 0;
    for (let c = 0; c < z.length; c++) {
      z[c] = Math.exp(((z[c] as number) - max) * 50);
      sum += z[c] as number;
    }
    for (let c = 0; c < z.length; c++) z[c] = (z[c] as number) / sum;
    return z;
  }
}
