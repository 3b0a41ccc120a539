import { describe, expect, it } from 'vitest';
import { changedFields } from '../../web/src/lib/changedFields';

describe('what a settings form sends', () => {
  it('only the fields changed, at any depth; lists whole', () => {
    const before: {
      signWorkingDays: number;
      warn: { hours: number; days: number };
      channels: string[];
      note: string | null;
    } = {
      signWorkingDays: 1,
      warn: { hours: 4, days: 1 },
      channels: ['sms'],
      note: null,
    };
    expect(changedFields(before, { ...before, warn: { hours: 4, days: 2 } })).toEqual({ warn: { days: 2 } });
    expect(changedFields(before, { ...before, channels: ['sms', 'email'] })).toEqual({
      channels: ['sms', 'email'],
    });
    expect(changedFields(before, { ...before, note: 'x' })).toEqual({ note: 'x' });
  });

  it('nothing when nothing changed', () => {
    const before = { a: 1, b: { c: [1, 2] } };
    expect(changedFields(before, { a: 1, b: { c: [1, 2] } })).toBeUndefined();
  });
});
