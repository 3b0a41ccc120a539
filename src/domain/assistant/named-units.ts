import type { NamedUnit, SuggestedUnit } from './after-return.js';
import type { UnitSuggestion } from './dispatch-model.js';

/** What ends a body's name, or follows a short name for one in speech (自然资源部门, 城管局的人). */
const BODY_WORD = '(局|部门|所|站|大队|中队|支队|队|公司|中心|办|委|院|政府|执法)';

/**
 * The units a citizen's words name: 「希望自然资源部门来查处」 names 县自然资源局 whatever the past
 * orders taught the model. A unit is named by its full name, its name without the county's 县, or
 * one of the office's words for it that is a body's name (市监局) or is followed by one in the text
 * (自然资源 + 部门). A bare topic word (供水, 住建 alone) names no one: it is what the matter is.
 */
export function unitsNamedIn(text: string, units: readonly NamedUnit[]): number[] {
  const t = text.normalize('NFKC').replace(/\s+/gu, '');
  return units
    .filter((u) => {
      const names = [u.name, u.name.replace(/^县/u, '')].filter((n) => n.length >= 3);
      if (names.some((n) => t.includes(n))) return true;
      return u.synonyms.some((s) => {
        if (s.length < 2) return false;
        if (new RegExp(`${BODY_WORD}$`, 'u').test(s)) return t.includes(s);
        return new RegExp(`${literal(s)}${BODY_WORD}`, 'u').test(t);
      });
    })
    .map((u) => u.id);
}

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The model's top `k` units, each marked when the text names it, and after them (at most two) the
 * units the text names that the model did not rank so high, with the model's own confidence: the
 * dispatcher sees the unit the citizen asked for without the model's ranking being overruled.
 */
export function withNamedUnits(
  ranked: readonly UnitSuggestion[],
  named: readonly number[],
  k: number,
): Array<SuggestedUnit & { namedInText: boolean }> {
  const mark = (u: UnitSuggestion) => ({
    ...u,
    suggestedByReturn: false,
    namedInText: named.includes(u.unitId),
  });
  const top = ranked.slice(0, k).map(mark);
  const extra = ranked
    .slice(k)
    .filter((u) => named.includes(u.unitId))
    .slice(0, 2)
    .map(mark);
  return [...top, ...extra];
}
