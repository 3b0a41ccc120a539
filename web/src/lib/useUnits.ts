import { useEffect, useState } from 'react';
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
