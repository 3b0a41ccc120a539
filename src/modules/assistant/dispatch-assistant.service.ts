import type { Kysely } from 'kysely';
import { DispatchHistoryRepository } from '../../db/repositories/dispatch-history.repository.js';
import type { Database } from '../../db/schema.js';
import {
  type ReturnedUnit,
  type SuggestedUnit,
  unitsAfterReturns,
} from '../../domain/assistant/after-return.js';
import { DispatchTrainingSet } from '../../domain/assistant/dispatch-examples.js';
import {
  DispatchModel,
  type DispatchSuggestions,
  type ModelFacts,
} from '../../domain/assistant/dispatch-model.js';
import { unitsNamedIn, withNamedUnits } from '../../domain/assistant/named-units.js';
import { jiebaSegmenter } from '../../domain/assistant/segmenter.js';
import { refuse } from '../../domain/refusal.js';
import type { Clock } from '../../server/clock.js';

/** How far back the assistant learns: a year of the county's dispatches. */
const HISTORY_DAYS = 365;

export interface ModelStatus {
  model: ModelFacts | null;
  training: boolean;
  lastError: string | null;
}

/**
 * Holds the dispatch model in memory and retrains it without stopping the server: a new model
 * is trained in the background (the training loop yields to the event loop every few thousand
 * examples) and swapped in with one assignment; requests meanwhile use the old one. Until the
 * first model exists, a suggestion waits for it.
 */
export class DispatchAssistant {
  private model: DispatchModel | null = null;
  private training: Promise<DispatchModel> | null = null;
  private lastError: string | null = null;
  private readonly history: DispatchHistoryRepository;

  constructor(
    db: Kysely<Database>,
    private readonly clock: Clock,
  ) {
    this.history = new DispatchHistoryRepository(db);
  }

  status(): ModelStatus {
    return { model: this.model?.facts ?? null, training: this.training !== null, lastError: this.lastError };
  }

  /**
   * For an order being dispatched again after its unit returned it (`orderId`), the units that
   * returned it are left out and the unit the return suggested comes first (after-return.ts).
   */
  async suggest(
    title: string,
    content: string,
    orderId?: number,
  ): Promise<
    Omit<DispatchSuggestions, 'units'> & {
      /** namedInText: the citizen's words name the unit (named-units.ts). */
      units: Array<SuggestedUnit & { namedInText: boolean }>;
      returned: ReturnedUnit[];
      model: ModelFacts;
    }
  > {
    const model = this.model ?? (await this.retrain());
    const returns = orderId === undefined ? [] : await this.history.returnsOf(orderId);
    if (returns === null) return refuse('not_found', 'ORDER_NOT_FOUND', '工单不存在，或不在您的办理范围内。');
    const s = model.suggest(title, content, 3, Number.POSITIVE_INFINITY);
    const names = await this.history.unitNames();
    const named = unitsNamedIn(`${title}。${content}`, names);
    if (returns.length === 0) {
      return {
        categories: s.categories,
        units: withNamedUnits(s.units, named, 3),
        returned: [],
        model: model.facts,
      };
    }
    const units = unitsAfterReturns(s.units, returns, names);
    return {
      categories: s.categories,
      ...units,
      units: units.units.map((u) => ({ ...u, namedInText: named.includes(u.unitId) })),
      model: model.facts,
    };
  }

  /** Starts a training run, or joins the one already running; resolves with the new model. */
  retrain(): Promise<DispatchModel> {
    if (!this.training) {
      this.training = this.train()
        .then((m) => {
          this.model = m;
          this.lastError = null;
          return m;
        })
        .catch((err: unknown) => {
          this.lastError = err instanceof Error ? err.message : String(err);
          throw err;
        })
        .finally(() => {
          this.training = null;
        });
    }
    return this.training;
  }

  private async train(): Promise<DispatchModel> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000).toISOString();
    const set = new DispatchTrainingSet(jiebaSegmenter);
    const [units, categories] = await Promise.all([this.history.unitPriors(), this.history.categoryPriors()]);
    set.addPriors(units, categories);
    set.addReturns(await this.history.returnedDispatches(since));
    for await (const page of this.history.orders(since)) {
      set.addOrders(page);
      await breathe();
    }
    return DispatchModel.train(
      set,
      jiebaSegmenter,
      {
        units: new Map(units.map((u) => [u.id, u.name])),
        categories: new Map(categories.map((c) => [c.id, c.path])),
      },
      now,
      breathe,
    );
  }
}

const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));
