import { DEFAULT_CLASSIFIER, TextClassifier } from './classifier.js';
import type { DispatchTrainingSet, FeatureIds } from './dispatch-examples.js';
import type { Segmenter } from './segmenter.js';
import { messageFeatures } from './text-features.js';

/**
 * A trained dispatch model: the lead-unit and category classifiers with the names to show.
 * Immutable once built, so the server swaps a new one in with one assignment while requests
 * keep using the old one.
 */
export interface UnitSuggestion {
  unitId: number;
  name: string;
  confidence: number;
}

export interface CategorySuggestion {
  categoryId: number;
  path: [string, string, string];
  confidence: number;
}

export interface DispatchSuggestions {
  units: UnitSuggestion[];
  categories: CategorySuggestion[];
}

export interface ModelFacts {
  trainedAt: string;
  /** Past orders learnt from (0: only remits and the category tree). */
  orders: number;
  returns: number;
  units: number;
  categories: number;
  seconds: number;
}

export class DispatchModel {
  private constructor(
    private readonly ids: FeatureIds,
    private readonly segment: Segmenter,
    private readonly unitModel: TextClassifier,
    private readonly categoryModel: TextClassifier,
    private readonly unitNames: ReadonlyMap<string, string>,
    private readonly categoryPaths: ReadonlyMap<string, [string, string, string]>,
    readonly facts: ModelFacts,
  ) {}

  static async train(
    set: DispatchTrainingSet,
    segment: Segmenter,
    names: { units: ReadonlyMap<number, string>; categories: ReadonlyMap<number, [string, string, string]> },
    now: Date,
    /** Lets a long training run yield to other work (the server's requests). */
    pause?: () => Promise<void>,
  ): Promise<DispatchModel> {
    const started = performance.now();
    const train = (examples: typeof set.units) =>
      TextClassifier.train(examples, { sgd: { ...DEFAULT_CLASSIFIER.sgd, pause } });
    const unitModel = await train(set.units);
    const categoryModel = await train(set.categories);
    const key = <T>(m: ReadonlyMap<number, T>) => new Map([...m].map(([k, v]) => [String(k), v]));
    return new DispatchModel(
      set.ids,
      segment,
      unitModel,
      categoryModel,
      key(names.units),
      key(names.categories),
      {
        trainedAt: now.toISOString(),
        orders: set.orders,
        returns: set.returns,
        units: unitModel.labels.length,
        categories: categoryModel.labels.length,
        seconds: Math.round(performance.now() - started) / 1000,
      },
    );
  }

  /** The `k` likeliest categories and the `unitK` likeliest units (all of them: Infinity). */
  suggest(title: string, content: string, k = 3, unitK = k): DispatchSuggestions {
    const x = this.ids.lookup(messageFeatures(title, content, this.segment));
    return {
      units: this.unitModel.rank(x, Math.min(unitK, this.unitModel.labels.length)).flatMap((r) => {
        const name = this.unitNames.get(r.label);
        return name === undefined ? [] : [{ unitId: Number(r.label), name, confidence: r.confidence }];
      }),
      categories: this.categoryModel.rank(x, k).flatMap((r) => {
        const path = this.categoryPaths.get(r.label);
        return path === undefined ? [] : [{ categoryId: Number(r.label), path, confidence: r.confidence }];
      }),
    };
  }
}
