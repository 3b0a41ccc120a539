import { useEffect, useState } from 'react';
import { matchesSearch } from '../../../src/domain/search-match';
import { unitsApi } from '../api/admin';
import type { Unit } from '../api/types';

let cached: Promise<Unit[]> | null = null;

export function loadUnits(fresh = false): Promise<Unit[]> {
  if (!cached || fresh) {
    cached = unitsApi
      .list()
      .then((r) => r.items)
      .catch((e) => {
        cached = null;
        throw e;
      });
  }
  return cached;
}

/** All units (names, remits, registration forms), loaded once per visit. */
export function useUnits(): Unit[] {
  const [units, setUnits] = useState<Unit[]>([]);
  useEffect(() => {
    let live = true;
    loadUnits()
      .then((u) => live && setUnits(u))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  return units;
}

export const HANDLING_KINDS = ['department', 'township'];

/**
 * How every unit picker matches what is typed: any part of the name, the office's synonyms and
 * their pinyin, initials or in full (「zjj」 → 住建局), as the category picker does; or the remit.
 */
export function unitMatches(unit: Pick<Unit, 'searchText' | 'remit'>, input: string): boolean {
  const typed = input.trim();
  return matchesSearch(unit.searchText, typed) || (typed !== '' && unit.remit.includes(typed));
}

/** The search of an antd Select or AutoComplete whose options carry their unit. */
export const unitSearch = {
  filterOption: (input: string, option?: { unit?: Unit }) =>
    !!option?.unit && unitMatches(option.unit, input),
};

/** Options and search for an antd Select of units by id. */
export function unitPicker(units: Unit[]) {
  return { options: units.map((u) => ({ value: u.id, label: u.name, unit: u })), showSearch: unitSearch };
}
