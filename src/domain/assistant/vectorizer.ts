/**
 * tf-idf over a fixed vocabulary: sublinear term frequency (1 + ln tf) times smoothed idf,
 * L2-normalized, the usual weighting for linear text classifiers. A vocabulary is the
 * features seen in at least `minDf` training documents, the most frequent `maxFeatures` of
 * them, so the model's size is bounded whatever the history's length.
 */
/** A feature: its text, or its number in a FeatureIds dictionary (compact for long histories). */
export type Feature = string | number;
export type FeatureList = Iterable<Feature> & ArrayLike<Feature>;

export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

export interface VocabularyOptions {
  minDf: number;
  maxFeatures: number;
}

export class Vectorizer {
  private constructor(
    private readonly index: Map<Feature, number>,
    private readonly idf: Float32Array,
  ) {}

  get size(): number {
    return this.idf.length;
  }

  static fit(docs: readonly FeatureList[], options: VocabularyOptions): Vectorizer {
    const df = new Map<Feature, number>();
    for (const doc of docs) for (const f of new Set(doc)) df.set(f, (df.get(f) ?? 0) + 1);
    const kept = [...df].filter(([, n]) => n >= options.minDf);
    kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    kept.length = Math.min(kept.length, options.maxFeatures);
    const index = new Map<Feature, number>();
    const idf = new Float32Array(kept.length);
    kept.forEach(([f, n], i) => {
      index.set(f, i);
      idf[i] = Math.log((1 + docs.length) / (1 + n)) + 1;
    });
    return new Vectorizer(index, idf);
  }

  transform(doc: FeatureList): SparseVector {
    const tf = new Map<number, number>();
    for (const f of doc) {
      const i = this.index.get(f);
      if (i !== undefined) tf.set(i, (tf.get(i) ?? 0) + 1);
    }
    const indices = Int32Array.from(tf.keys()).sort();
    const values = new Float32Array(indices.length);
    let norm = 0;
    indices.forEach((i, k) => {
      const v = (1 + Math.log(tf.get(i) as number)) * (this.idf[i] as number);
      values[k] = v;
      norm += v * v;
    });
    if (norm > 0) {
      const s = 1 / Math.sqrt(norm);
      for (let k = 0; k < values.length; k++) values[k] = (values[k] as number) * s;
    }
    return { indices, values };
  }
}
