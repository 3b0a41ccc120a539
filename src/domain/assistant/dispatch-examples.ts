import type { LabelledText } from './classifier.js';
import type { Segmenter } from './segmenter.js';
import { messageFeatures } from './text-features.js';

/**
 * The two training sets of the dispatch assistant — lead units and categories — built from
 * the county's history. What counts is what the office finally chose: an order's current lead
 * unit and category, after every return and re-dispatch. A unit that returned an order gets an
 * example against it for that text. Each unit's remit (with its registration remarks and the
 * office's synonyms for it) and each
 * category's path are one pseudo-document of their own, so every unit and category can be
 * suggested from the first day, before any history exists.
 *
 * Classes are capped (newest orders first) so a long history bounds memory and training time
 * while rare units and categories keep all their examples. Features are stored as numbers.
 */
export interface UnitPrior {
  id: number;
  name: string;
  remit: string;
  remarks: string;
  /** The office's words for the unit (电梯 for 市场监管局, once someone adds it): what people say. */
  synonyms: readonly string[];
}

export interface CategoryPrior {
  id: number;
  path: [string, string, string];
}

export interface HistoricalOrder {
  id: number;
  title: string;
  content: string;
  categoryId: number | null;
  leadUnitId: number | null;
}

export interface ReturnedDispatch {
  orderId: number;
  unitId: number;
}

export interface TrainingCaps {
  perUnit: number;
  perCategory: number;
}

export const DEFAULT_CAPS: TrainingCaps = { perUnit: 3000, perCategory: 400 };

/** Numbers for feature strings: a long history's features held as Int32Arrays. */
export class FeatureIds {
  private readonly ids = new Map<string, number>();

  encode(features: readonly string[]): Int32Array {
    const out = new Int32Array(features.length);
    features.forEach((f, i) => {
      let id = this.ids.get(f);
      if (id === undefined) {
        id = this.ids.size;
        this.ids.set(f, id);
      }
      out[i] = id;
    });
    return out;
  }

  /** For a message at suggestion time: unknown features are dropped, not added. */
  lookup(features: readonly string[]): Int32Array {
    const known: number[] = [];
    for (const f of features) {
      const id = this.ids.get(f);
      if (id !== undefined) known.push(id);
    }
    return Int32Array.from(known);
  }
}

export class DispatchTrainingSet {
  readonly units: LabelledText[] = [];
  readonly categories: LabelledText[] = [];
  readonly ids = new FeatureIds();
  orders = 0;
  returns = 0;
  private readonly perUnit = new Map<number, number>();
  private readonly perCategory = new Map<number, number>();
  private readonly returnedBy = new Map<number, number[]>();

  constructor(
    private readonly segment: Segmenter,
    private readonly caps: TrainingCaps = DEFAULT_CAPS,
  ) {}

  addPriors(units: readonly UnitPrior[], categories: readonly CategoryPrior[]): void {
    for (const u of units) {
      const text = [u.remit, u.remarks, u.synonyms.join('、')].filter(Boolean).join('。');
      this.units.push({ features: this.encode(u.name, text), label: String(u.id) });
    }
    for (const c of categories) {
      this.categories.push({ features: this.encode(c.path[2], c.path.join(' ')), label: String(c.id) });
    }
  }

  /** Call before adding orders: the returns they carry. */
  addReturns(returns: readonly ReturnedDispatch[]): void {
    for (const r of returns) {
      const list = this.returnedBy.get(r.orderId) ?? [];
      list.push(r.unitId);
      this.returnedBy.set(r.orderId, list);
    }
  }

  /** Orders newest first; once a class is full, its older orders are skipped. */
  addOrders(orders: readonly HistoricalOrder[]): void {
    for (const o of orders) {
      const returned = (this.returnedBy.get(o.id) ?? []).filter((u) => u !== o.leadUnitId);
      const wantUnit = o.leadUnitId !== null && (this.perUnit.get(o.leadUnitId) ?? 0) < this.caps.perUnit;
      const wantCategory =
        o.categoryId !== null && (this.perCategory.get(o.categoryId) ?? 0) < this.caps.perCategory;
      if (!wantUnit && !wantCategory && returned.length === 0) continue;
      const features = this.encode(o.title, o.content);
      this.orders++;
      if (wantUnit && o.leadUnitId !== null) {
        this.units.push({ features, label: String(o.leadUnitId) });
        this.perUnit.set(o.leadUnitId, (this.perUnit.get(o.leadUnitId) ?? 0) + 1);
      }
      if (wantCategory && o.categoryId !== null) {
        this.categories.push({ features, label: String(o.categoryId) });
        this.perCategory.set(o.categoryId, (this.perCategory.get(o.categoryId) ?? 0) + 1);
      }
      for (const unitId of returned) {
        this.units.push({ features, label: String(unitId), against: true });
        this.returns++;
      }
    }
  }

  private encode(title: string, content: string): Int32Array {
    return this.ids.encode(messageFeatures(title, content, this.segment));
  }
}
