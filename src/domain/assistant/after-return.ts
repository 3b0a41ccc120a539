import type { UnitSuggestion } from './dispatch-model.js';

/**
 * The lead units suggested for an order that came back to the office because its unit returned it
 * (回退, 「经核实不属于本单位处理」, notice 二(三)). The model reads only the text, so it ranks
 * first the very unit that has just said the matter is not its own; the return itself names the
 * unit it should go to (「建议转办单位」). So: every unit that returned the order is left out (and
 * listed apart, with its reason, for the dispatcher to see why), and the unit the latest return
 * suggested comes first.
 */

/** An approved return of the order, oldest first: who returned it, why, and where it should go. */
export interface OrderReturn {
  unitId: number;
  reason: string;
  /** The unit as the returning unit typed it (a name from the list, or its own words). */
  suggestedUnit: string | null;
}

/** A unit the suggestion may name: its name and the office's other words for it. */
export interface NamedUnit {
  id: number;
  name: string;
  synonyms: readonly string[];
}

export interface ReturnedUnit {
  unitId: number;
  name: string;
  reason: string;
}

export type SuggestedUnit = UnitSuggestion & {
  /** Suggested by the unit that returned the order (「回退单位建议」), whatever the model's confidence. */
  suggestedByReturn: boolean;
};

export interface UnitsAfterReturns {
  units: SuggestedUnit[];
  /** The units that returned the order: never suggested, shown apart with the reason. */
  returned: ReturnedUnit[];
}

const plain = (s: string) => s.replace(/\s+/gu, '');

/**
 * The unit a typed name means: its exact name, else the one unit one of whose words it is (住建局
 * → 县住房和城乡建设局), else none — a word two units share names neither.
 */
export function unitNamed(text: string | null, units: readonly NamedUnit[]): NamedUnit | null {
  const typed = plain(text ?? '');
  if (!typed) return null;
  const byName = units.find((u) => plain(u.name) === typed);
  if (byName) return byName;
  const bySynonym = units.filter((u) => u.synonyms.some((s) => plain(s) === typed));
  return bySynonym.length === 1 ? (bySynonym[0] as NamedUnit) : null;
}

/**
 * `ranked` is the model's ranking of the units (all of them, or more than `k`), most likely first;
 * `units` the units an order may be dispatched to. Returns the first `k` suggestions.
 */
export function unitsAfterReturns(
  ranked: readonly UnitSuggestion[],
  returns: readonly OrderReturn[],
  units: readonly NamedUnit[],
  k = 3,
): UnitsAfterReturns {
  const away = new Set(returns.map((r) => r.unitId));
  const nameOf = (id: number) =>
    units.find((u) => u.id === id)?.name ?? ranked.find((r) => r.unitId === id)?.name ?? '';
  // The latest return whose suggestion names a unit that has not returned the order itself.
  let preferred: NamedUnit | null = null;
  for (const r of [...returns].reverse()) {
    const named = unitNamed(r.suggestedUnit, units);
    if (named && !away.has(named.id)) {
      preferred = named;
      break;
    }
  }
  // The model's confidence given what the returns established, that the matter is not a returning
  // unit's: without this, a model sure of the returning unit shows every other unit at 0 %.
  const left = 1 - ranked.reduce((sum, r) => sum + (away.has(r.unitId) ? r.confidence : 0), 0);
  const given = (confidence: number) => (left > 1e-9 ? Math.min(1, confidence / left) : confidence);
  const first: SuggestedUnit[] = preferred
    ? [
        {
          unitId: preferred.id,
          name: preferred.name,
          confidence: given(ranked.find((r) => r.unitId === preferred.id)?.confidence ?? 0),
          suggestedByReturn: true,
        },
      ]
    : [];
  const rest = ranked
    .filter((r) => !away.has(r.unitId) && r.unitId !== preferred?.id)
    .map((r) => ({ ...r, confidence: given(r.confidence), suggestedByReturn: false }));
  // Each unit once, with its latest reason, in the order the units returned it.
  const returned = new Map<number, ReturnedUnit>();
  for (const r of returns) {
    returned.delete(r.unitId);
    returned.set(r.unitId, { unitId: r.unitId, name: nameOf(r.unitId), reason: r.reason });
  }
  return { units: [...first, ...rest].slice(0, k), returned: [...returned.values()] };
}
