import { describe, expect, it } from 'vitest';
import { DEFAULT_FIGURE_SETTINGS, emptyCounts, placesOf, type UnitCounts } from '../../src/domain/figures.js';

const unit = (name: string, score: number | null, counts: Partial<UnitCounts>) => ({
  name,
  counts: { ...emptyCounts(), ...counts },
  ranking: { score },
});

describe('places in the ranking', () => {
  const big = unit('住建局', 100, { received: 120 });
  const small = unit('文旅局', 100, { received: 1 });
  const late = unit('交通局', 60, { received: 1, signedLate: 1 });
  const middling = unit('水务局', 90, { received: 8 });
  const idle = unit('统计局', null, {});
  const rows = [small, late, middling, big, idle];

  it('shares a place among equal scores, listing the unit with more orders in hand first', () => {
    const places = placesOf(rows, DEFAULT_FIGURE_SETTINGS);
    expect([...places.entries()].map(([u, p]) => [u.name, p])).toEqual([
      ['住建局', 1],
      ['文旅局', 1],
      ['水务局', 3],
      ['交通局', 4],
    ]);
    expect(places.has(idle)).toBe(false);
  });

  it('leaves units with too few orders and no failure unplaced; failures are placed whatever their count', () => {
    const places = placesOf(rows, { ...DEFAULT_FIGURE_SETTINGS, minOrdersToRank: 5 });
    expect(places.get(small)).toBe('fewOrders');
    expect(places.get(big)).toBe(1);
    expect(places.get(middling)).toBe(2);
    expect(places.get(late)).toBe(3);
  });
});
