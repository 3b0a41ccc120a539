import { describe, expect, it } from 'vitest';
import { tileCountStyle } from '../../web/src/features/workbench/tileStyles';

/** The phone's tiles, drawn by the app and by the start-up script from these styles. */
describe('tileCountStyle: an urgent tab with orders shows its count in red', () => {
  const red = '#cf1322';
  it('is red for an urgent tab with orders', () => {
    expect(tileCountStyle({ urgent: true }, 3).color).toBe(red);
  });
  it('is not red when the urgent tab is empty or its count is not known yet', () => {
    for (const count of [0, undefined, null]) expect(tileCountStyle({ urgent: true }, count).color).toBe('');
  });
  it('is never red for an ordinary tab', () => {
    expect(tileCountStyle({}, 12).color).toBe('');
    expect(tileCountStyle({ urgent: false }, 12).color).toBe('');
  });
});
