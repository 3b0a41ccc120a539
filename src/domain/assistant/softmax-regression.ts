import type { SparseVector } from './vectorizer.js';

/**
 * Multinomial logistic regression (softmax) trained by stochastic gradient descent with L2
 * regularization — the standard linear text classifier. Weights are one dense row of
 * `classes` floats per feature, so scoring a message is a sparse dot product: for each of its
 * features, add that feature's row. The L2 shrinkage is applied lazily through a global scale.
 *
 * An example may count against a class (`against: true`, a unit that returned the order):
 * its loss is −log(1 − p(class)), which lowers that class for such messages and leaves the
 * others to share the probability.
 */
export interface WeightedExample {
  x: SparseVector;
  label: number;
  against?: boolean;
}

export interface SgdOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Called every few thousand examples so a long training run lets the server breathe. */
  pause?: () => Promise<void>;
}

export class SoftmaxRegression {
  constructor(
    readonly classes: number,
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
  ) {}

  /** The probability of each class for this message. */
  probabilities(x: SparseVector): Float64Array {
    const z = new Float64Array(this.classes);
    z.set(this.bias);
    addRows(z, this.weights, x, 1);
    return softmaxInPlace(z);
  }

  static async train(
    examples: readonly WeightedExample[],
    features: number,
    classes: number,
    options: SgdOptions,
  ): Promise<SoftmaxRegression> {
    const w = new Float32Array(features * classes);
    const b = new Float32Array(classes);
    let scale = 1;
    const order = examples.map((_, i) => i);
    const random = mulberry32(options.seed);
    const z = new Float64Array(classes);
    const g = new Float64Array(classes);
    let step = 0;
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      shuffle(order, random);
      for (const idx of order) {
        const ex = examples[idx] as WeightedExample;
        const eta = options.learningRate / (1 + (4 * step) / Math.max(examples.length * options.epochs, 1));
        step++;
        z.set(b);
        addRows(z, w, ex.x, scale);
        const p = softmaxInPlace(z);
        gradient(p, ex, g);
        scale *= 1 - eta * options.l2;
        const k = eta / scale;
        const { indices, values } = ex.x;
        for (let j = 0; j < indices.length; j++) {
          const row = (indices[j] as number) * classes;
          const xv = (values[j] as number) * k;
          for (let c = 0; c < classes; c++) w[row + c] = (w[row + c] as number) - xv * (g[c] as number);
        }
        for (let c = 0; c < classes; c++) b[c] = (b[c] as number) - eta * (g[c] as number);
        if (scale < 1e-3) {
          for (let i = 0; i < w.length; i++) w[i] = (w[i] as number) * scale;
          scale = 1;
        }
        if (options.pause && step % 2000 === 0) await options.pause();
      }
    }
    if (scale !== 1) for (let i = 0; i < w.length; i++) w[i] = (w[i] as number) * scale;
    return new SoftmaxRegression(classes, w, b);
  }
}

/** d loss / d logits, for an example for its class (p − 1ʸ) or against it. */
function gradient(p: Float64Array, ex: WeightedExample, g: Float64Array): void {
  const y = ex.label;
  if (!ex.against) {
    g.set(p);
    g[y] = (g[y] as number) - 1;
    return;
  }
  const py = Math.min(p[y] as number, 1 - 1e-9);
  const k = py / (1 - py);
  for (let c = 0; c < g.length; c++) g[c] = -k * (p[c] as number);
  g[y] = py;
}

function addRows(z: Float64Array, w: Float32Array, x: SparseVector, scale: number): void {
  const classes = z.length;
  for (let j = 0; j < x.indices.length; j++) {
    const row = (x.indices[j] as number) * classes;
    const xv = (x.values[j] as number) * scale;
    for (let c = 0; c < classes; c++) z[c] = (z[c] as number) + xv * (w[row + c] as number);
  }
}

function softmaxInPlace(z: Float64Array): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    const e = Math.exp((z[c] as number) - max);
    z[c] = e;
    sum += e;
  }
  for (let c = 0; c < z.length; c++) z[c] = (z[c] as number) / sum;
  return z;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}
