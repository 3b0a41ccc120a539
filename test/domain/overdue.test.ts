import { describe, expect, it } from 'vitest';
import {
  type DeadlineFacts,
  markStands,
  overdueCountsByUnit,
  overdueInPeriod,
  wentOverdueAt,
} from '../../src/domain/overdue.js';
import { sh } from './calendar-fixture.js';

const DEADLINE = sh('2026-03-31T00:00'); // 「03-30 24:00」
const facts = (over: Partial<DeadlineFacts> = {}): DeadlineFacts => ({
  orderId: 1,
  unitId: 7,
  state: 'handling',
  handleBy: DEADLINE,
  repliedAt: null,
  extensionPending: false,
  ...over,
});
const MARCH = [sh('2026-03-01T00:00'), sh('2026-04-01T00:00')] as const;
const APRIL = [sh('2026-04-01T00:00'), sh('2026-05-01T00:00')] as const;

describe('overdue from the deadline instant (超期按期限计)', () => {
  it('an order still with the unit is overdue from its deadline, not before', () => {
    expect(wentOverdueAt(facts(), new Date(DEADLINE.getTime() - 1))).toBeNull();
    expect(wentOverdueAt(facts(), DEADLINE)).toEqual(DEADLINE);
    expect(wentOverdueAt(facts({ state: 'pending_sign' }), sh('2026-04-02T09:00'))).toEqual(DEADLINE);
  });

  it('a reply after the deadline was overdue from the deadline; one before it was not', () => {
    const later = sh('2026-04-02T09:00');
    expect(wentOverdueAt(facts({ state: 'pending_review', repliedAt: later }), later)).toEqual(DEADLINE);
    expect(wentOverdueAt(facts({ state: 'closed', repliedAt: sh('2026-03-30T18:00') }), later)).toBeNull();
    expect(wentOverdueAt(facts({ state: 'voided' }), later)).toBeNull();
  });

  it('counted in the month its deadline passed, even when nobody watched across the month end', () => {
    const now = sh('2026-04-02T09:00');
    expect([...overdueInPeriod([facts()], [], MARCH[0], MARCH[1], now)]).toEqual([[1, 7]]);
    expect(overdueInPeriod([facts()], [], APRIL[0], APRIL[1], now).size).toBe(0);
  });

  it('an earlier deadline recorded overdue counts in its own month, each order once', () => {
    // Extended after going overdue on 03-30: the new deadline (04-10) is not yet passed.
    const extended = facts({ handleBy: sh('2026-04-11T00:00') });
    const marks = [
      { orderId: 1, unitId: 7, at: DEADLINE },
      { orderId: 1, unitId: 7, at: DEADLINE },
    ];
    const now = sh('2026-04-02T09:00');
    expect([...overdueInPeriod([extended], marks, MARCH[0], MARCH[1], now)]).toEqual([[1, 7]]);
    expect(overdueInPeriod([extended], marks, APRIL[0], APRIL[1], now).size).toBe(0);
  });

  it('per unit from pre-summed days: a marked order is counted once, by its mark', () => {
    const now = sh('2026-04-20T09:00');
    const period = { start: APRIL[0], summedEnd: sh('2026-04-20T00:00'), end: APRIL[1] };
    // Order 1: a deadline of 04-05 went unanswered (in the sums, unit 7) and was marked then.
    // Order 2: in the sums only (unit 8). Order 3: today's deadline, passed, from the rows (unit 7).
    // Order 4: marked on 04-03 against unit 9, its current deadline later, not in the sums.
    const summed = new Map([
      [7, 1],
      [8, 1],
    ]);
    const recent = [facts({ orderId: 3, handleBy: sh('2026-04-20T08:00') })];
    const marks = [
      { orderId: 1, unitId: 7, at: sh('2026-04-05T00:00') },
      { orderId: 4, unitId: 9, at: sh('2026-04-03T00:00') },
    ];
    const marked = [
      facts({ orderId: 1, handleBy: sh('2026-04-05T00:00') }),
      facts({ orderId: 4, unitId: 9, handleBy: sh('2026-04-25T00:00') }),
    ];
    const counts = overdueCountsByUnit(summed, recent, marks, marked, period, now);
    expect([...counts].sort()).toEqual([
      [7, 2],
      [8, 1],
      [9, 1],
    ]);
  });

  it('a mark of the current deadline is withdrawn only by a reply recorded as received by it (补录的传真)', () => {
    const mark = { orderId: 1, unitId: 7, at: DEADLINE };
    const faxedInTime = facts({ state: 'pending_review', repliedAt: sh('2026-03-25T15:00') });
    expect(markStands(mark, faxedInTime)).toBe(false);
    expect(markStands(mark, facts({ state: 'pending_review', repliedAt: sh('2026-04-02T09:00') }))).toBe(
      true,
    );
    // An earlier deadline (extended or redone since), a voided order, or no facts at all: it stands.
    expect(markStands(mark, { ...faxedInTime, handleBy: sh('2026-04-11T00:00') })).toBe(true);
    expect(markStands(mark, facts({ state: 'voided' }))).toBe(true);
    expect(markStands(mark, undefined)).toBe(true);

    const now = sh('2026-04-20T09:00');
    expect(overdueInPeriod([faxedInTime], [mark], MARCH[0], MARCH[1], now).size).toBe(0);
    const period = { start: MARCH[0], summedEnd: MARCH[1], end: MARCH[1] };
    expect(overdueCountsByUnit(new Map(), [], [mark], [faxedInTime], period, now).size).toBe(0);
  });
});
