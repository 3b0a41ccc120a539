/**
 * How alike two short texts are: Dice's coefficient over their sets of adjacent character pairs,
 * with spaces and punctuation (ASCII or full-width) left out. One definition for the repeat
 * detector, the repeat figures and the cluster alert.
 *
 * `bigramSet` + `textSimilarity` state the rule plainly. `similarityTo` computes exactly the
 * same number without building a set of strings per compared text: the repeat check compares a
 * new call with thousands of a township's recent orders while the dispatcher types, and string
 * sets made that comparison most of its time (issue 12: under 100 ms at 1M orders).
 */

const ONE_PUNCTUATION = /^[\s\p{P}\p{S}]$/u;

/**
 * The set of adjacent character pairs of a text, punctuation and spaces removed. The text is cut
 * into characters first and the marks dropped after: removing a mark must not join the halves of
 * a broken surrogate pair on either side of it into a new character.
 */
export function bigramSet(text: string): Set<string> {
  const chars = [...text].filter((ch) => !ONE_PUNCTUATION.test(ch));
  const set = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) set.add(`${chars[i]}${chars[i + 1]}`);
  return set;
}

/** Dice's coefficient over character pairs: 1 for the same text, 0 for nothing in common. */
export function textSimilarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const g of small) if (large.has(g)) common++;
  return (2 * common) / (a.size + b.size);
}

const skippedCache = new Map<number, boolean>();

/** Whether a code point is left out of the pairs (a space or punctuation mark). */
function skipped(cp: number): boolean {
  // The common cases without a regular expression: CJK ideographs, ASCII letters and digits.
  if (cp >= 0x4e00 && cp <= 0x9fff) return false;
  if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) return false;
  let known = skippedCache.get(cp);
  if (known === undefined) {
    known = ONE_PUNCTUATION.test(String.fromCodePoint(cp));
    skippedCache.set(cp, known);
  }
  return known;
}

/** Calls `pair` with each adjacent pair of kept code points, as one exact number. */
function eachPair(text: string, pair: (key: number) => void): void {
  let prev = -1;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    // A surrogate pair is one character (as `[...text]` reads it); a lone surrogate is its own.
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (skipped(cp)) continue;
    // Both code points are below 0x110000: the key is exact in a double.
    if (prev >= 0) pair(prev * 0x110000 + cp);
    prev = cp;
  }
}

/**
 * A set of pair keys in typed arrays (open addressing), emptied in constant time by moving to a
 * new stamp, so one table serves every compared text without allocating.
 */
class PairTable {
  private keys: Float64Array;
  private stamps: Int32Array;
  private mask: number;
  private stamp = 1;
  size = 0;

  constructor(capacity = 1024) {
    this.keys = new Float64Array(capacity);
    this.stamps = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  clear(): void {
    this.size = 0;
    this.stamp++;
    if (this.stamp === 0x7fffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
  }

  private slot(key: number): number {
    const hi = Math.floor(key / 0x110000);
    return (Math.imul(hi, 0x9e3779b1) ^ (key - hi * 0x110000)) & this.mask;
  }

  has(key: number): boolean {
    for (let i = this.slot(key); this.stamps[i] === this.stamp; i = (i + 1) & this.mask) {
      if (this.keys[i] === key) return true;
    }
    return false;
  }

  /** Adds the key; true when it was not there yet. */
  add(key: number): boolean {
    let i = this.slot(key);
    for (; this.stamps[i] === this.stamp; i = (i + 1) & this.mask) if (this.keys[i] === key) return false;
    this.stamps[i] = this.stamp;
    this.keys[i] = key;
    this.size++;
    if (this.size * 2 > this.mask) this.grow();
    return true;
  }

  private grow(): void {
    const { keys, stamps, stamp } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.stamps = new Int32Array(keys.length * 2);
    this.mask = keys.length * 2 - 1;
    this.stamp = 1;
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (stamps[i] === stamp) this.add(keys[i] as number);
  }
}

/**
 * The similarity of `probe` to any other text, equal to
 * `textSimilarity(bigramSet(probe), bigramSet(other))`, for comparing one text with many.
 */
export function similarityTo(probe: string): (other: string) => number {
  const probePairs = new PairTable();
  eachPair(probe, (k) => probePairs.add(k));
  const seen = new PairTable();
  return (other) => {
    if (probePairs.size === 0) return 0;
    seen.clear();
    let common = 0;
    eachPair(other, (k) => {
      if (seen.add(k) && probePairs.has(k)) common++;
    });
    return seen.size === 0 ? 0 : (2 * common) / (seen.size + probePairs.size);
  };
}
