import { describe, expect, it } from 'vitest';
import {
  awaitingOffice,
  decisionDeadline,
  decisionLateInPeriod,
  readDecisionClock,
} from '../../src/domain/office-decision.js';
import { type DeadlineFacts, wentOverdueAt } from '../../src/domain/overdue.js';
import type { OrderSnapshot } from '../../src/domain/workflow/order-snapshot.js';
import { calendar, settings, sh } from './calendar-fixture.js';
import { HANDLE_BY, reach, step, validCommand } from './workflow-fixture.js';

/** What the figures read of an order (deadline-figures.repository.ts), from the snapshot. */
const factsOf = (o: OrderSnapshot, repliedAt: Date | null = null): DeadlineFacts => ({
  orderId: o.id,
  unitId: o.assignments.find((a) => a.active && a.role === 'lead')?.unitId ?? null,
  state: o.state,
  handleBy: o.handleBy,
  repliedAt,
  extensionPending: o.pendingExtension !== null,
});

// The order of workflow-fixture: handle by Mon 03-09 24:00 (HANDLE_BY); return window to Tue 03-03 24:00.
const ASKED = sh('2026-03-09T15:00'); // the last afternoon, before the deadline, as the notice requires
const PASSED = sh('2026-03-10T09:00'); // the old deadline has passed, the office has not decided
const DECIDED = sh('2026-03-10T11:00');

const extensionAsked = () => {
  const cmd = { ...validCommand('requestExtension', ASKED), requestedDeadline: sh('2026-03-13T00:00') };
  return step(reach('handling'), 'lead', cmd, ASKED).order;
};
const returnAsked = () =>
  step(
    reach('handling'),
    'lead',
    validCommand('requestReturn', sh('2026-03-03T17:00')),
    sh('2026-03-03T17:00'),
  ).order;

describe('while a request awaits the office, the order is not overdue against the unit', () => {
  it('a pending extension or a return awaiting approval is waiting for the office; nothing else is', () => {
    expect(awaitingOffice({ state: 'handling', extensionPending: true })).toBe('extension');
    expect(awaitingOffice({ state: 'pending_sign_off', extensionPending: true })).toBe('extension');
    expect(awaitingOffice({ state: 'return_requested', extensionPending: false })).toBe('return');
    expect(awaitingOffice({ state: 'handling', extensionPending: false })).toBeNull();
    expect(awaitingOffice({ state: 'pending_sign', extensionPending: false })).toBeNull();
  });

  it('an extension asked before the deadline: not overdue once the deadline passes undecided', () => {
    const pending = extensionAsked();
    expect(pending.pendingExtension).not.toBeNull();
    expect(wentOverdueAt(factsOf(pending), PASSED)).toBeNull();
    // The same order without the request is overdue from its deadline: the request is what holds it.
    expect(wentOverdueAt(factsOf(reach('handling')), PASSED)).toEqual(HANDLE_BY);
  });

  it('extension approved after the old deadline: never overdue for it; the new deadline applies', () => {
    const approved = step(extensionAsked(), 'dispatcher', validCommand('approveExtension', DECIDED), DECIDED);
    expect(approved.order.handleBy).toEqual(sh('2026-03-13T00:00'));
    expect(wentOverdueAt(factsOf(approved.order), DECIDED)).toBeNull();
    expect(wentOverdueAt(factsOf(approved.order), sh('2026-03-12T20:00'))).toBeNull();
    expect(wentOverdueAt(factsOf(approved.order), sh('2026-03-13T09:00'))).toEqual(sh('2026-03-13T00:00'));
  });

  it('extension rejected after the old deadline: overdue from the old deadline, not from the decision', () => {
    const rejected = step(extensionAsked(), 'dispatcher', validCommand('rejectExtension', DECIDED), DECIDED);
    expect(rejected.order.handleBy).toEqual(HANDLE_BY);
    expect(wentOverdueAt(factsOf(rejected.order), DECIDED)).toEqual(HANDLE_BY);
  });

  it('a reply while the extension waits drops the request: judged by the old deadline', () => {
    const replied = step(extensionAsked(), 'lead', validCommand('reply', DECIDED), DECIDED).order;
    expect(replied.pendingExtension).toBeNull();
    expect(wentOverdueAt(factsOf(replied, DECIDED), DECIDED)).toEqual(HANDLE_BY);
  });

  it('a return awaiting approval past the deadline is not overdue; rejected, the deadline never stopped', () => {
    const asked = returnAsked();
    expect(asked.state).toBe('return_requested');
    expect(wentOverdueAt(factsOf(asked), PASSED)).toBeNull();
    const rejected = step(asked, 'dispatcher', validCommand('rejectReturn', PASSED), PASSED).order;
    expect(rejected.state).toBe('handling');
    expect(wentOverdueAt(factsOf(rejected), PASSED)).toEqual(HANDLE_BY);
  });

  it('a return approved takes the unit off the order: nothing counts against it', () => {
    const approved = step(returnAsked(), 'dispatcher', validCommand('approveReturn', PASSED), PASSED).order;
    expect(approved.state).toBe('pending_dispatch');
    expect(factsOf(approved).unitId).toBeNull();
    expect(wentOverdueAt(factsOf(approved), PASSED)).toBeNull();
  });
});

describe("the office's own limit to decide (审批时限)", () => {
  it('one working day by default, counted on the working calendar: Friday afternoon is due Monday afternoon', () => {
    expect(decisionDeadline(calendar, settings(), sh('2026-03-06T16:00'))).toEqual(sh('2026-03-09T16:00'));
    expect(decisionDeadline(calendar, settings({ decisionWorkingHours: 4 }), sh('2026-03-03T10:00'))).toEqual(
      sh('2026-03-03T14:00'),
    );
    expect(readDecisionClock(sh('2026-03-09T16:00'), sh('2026-03-09T15:59'))).toBe('ok');
    expect(readDecisionClock(sh('2026-03-09T16:00'), sh('2026-03-09T16:00'))).toBe('late');
  });

  it('starts with the request, stops with the decision', () => {
    const asked = extensionAsked();
    expect(asked.decisionRequestedAt).toEqual(ASKED);
    expect(asked.decideBy).toEqual(sh('2026-03-10T15:00'));
    for (const action of ['approveExtension', 'rejectExtension'] as const) {
      const decided = step(asked, 'dispatcher', validCommand(action, DECIDED), DECIDED).order;
      expect([decided.decisionRequestedAt, decided.decideBy]).toEqual([null, null]);
    }
    const replied = step(asked, 'lead', validCommand('reply', DECIDED), DECIDED).order;
    expect(replied.decideBy).toBeNull();
    for (const action of ['approveReturn', 'rejectReturn'] as const) {
      const decided = step(returnAsked(), 'dispatcher', validCommand(action, PASSED), PASSED).order;
      expect(decided.decideBy).toBeNull();
    }
  });

  it('a second request while one waits keeps the clock of the first', () => {
    const first = step(
      reach('handling'),
      'lead',
      validCommand('requestExtension', sh('2026-03-03T09:00')),
      sh('2026-03-03T09:00'),
    ).order;
    const both = step(
      first,
      'lead',
      validCommand('requestReturn', sh('2026-03-03T11:00')),
      sh('2026-03-03T11:00'),
    );
    expect(both.decision.patch.decideBy).toBeUndefined();
    expect(both.order.decideBy).toEqual(sh('2026-03-04T09:00'));
    // The return rejected, the extension still waits: the clock runs on.
    const back = step(
      both.order,
      'dispatcher',
      validCommand('rejectReturn', sh('2026-03-03T12:00')),
      sh('2026-03-03T12:00'),
    );
    expect(back.order.decideBy).toEqual(sh('2026-03-04T09:00'));
  });

  it('审批超时 counts each late request once, in the period its decision deadline fell', () => {
    const dueBy = sh('2026-03-10T15:00');
    const march = [sh('2026-03-01T00:00'), sh('2026-04-01T00:00')] as const;
    const now = sh('2026-03-11T09:00');
    const waiting = { orderId: 1, decideBy: dueBy };
    expect(decisionLateInPeriod([waiting], [], march[0], march[1], now)).toBe(1);
    // Marked by the watcher and still waiting: once.
    expect(decisionLateInPeriod([waiting], [{ orderId: 1, at: dueBy }], march[0], march[1], now)).toBe(1);
    // A deadline not yet passed, or in another month, does not count.
    expect(decisionLateInPeriod([waiting], [], march[0], march[1], sh('2026-03-10T14:00'))).toBe(0);
    expect(decisionLateInPeriod([waiting], [], sh('2026-04-01T00:00'), sh('2026-05-01T00:00'), now)).toBe(0);
    // Two late requests of one order (an earlier one decided late, recorded) count twice.
    expect(
      decisionLateInPeriod([waiting], [{ orderId: 1, at: sh('2026-03-04T09:00') }], march[0], march[1], now),
    ).toBe(2);
  });
});
