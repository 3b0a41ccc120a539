import { describe, expect, it } from 'vitest';
import { happenedAt } from '../../src/domain/event-facts.js';
import { noticesForAll } from '../../src/domain/notification-policy.js';
import { withoutRecordedSilence } from '../../src/domain/workflow/co-unit-lateness.js';
import type { DecidedEvent } from '../../src/domain/workflow/decision.js';
import type { OrderSnapshot } from '../../src/domain/workflow/order-snapshot.js';
import { sh } from './calendar-fixture.js';
import { CO, CO2 } from './factories.js';
import { CO_UNIT_BY, reach, step, T, validCommand } from './workflow-fixture.js';

/** Handling, both co-units signed for their parts, neither has given an opinion. */
const signed = (): OrderSnapshot => {
  const o = step(reach('handling'), 'co', { action: 'coSign' }, T.sign).order;
  return step(o, 'co2', { action: 'coSign' }, T.sign).order;
};
const AFTER = sh('2026-03-09T10:00');
const silence = (unitId: number): DecidedEvent => ({
  type: 'co_unit_silent',
  payload: { unitId, deadline: CO_UNIT_BY.toISOString() },
});
const facts = { code: 'RX1', title: '路灯不亮', leadUnitId: 1, coUnitIds: [CO, CO2] };

describe('a co-unit’s opinion after its deadline records its lateness (协办超时) itself', () => {
  it('the opinion is late, and its lateness is recorded with it, dated at the deadline it let pass', () => {
    const command = validCommand('coOpinion', AFTER);
    const { decision } = step(signed(), 'co', command, AFTER);
    expect(decision.events).toEqual([
      { type: 'co_opinion_given', payload: { unitId: CO, content: command.content, late: true } },
      silence(CO),
    ]);
    expect(decision.assignments).toEqual([
      { op: 'opinion', unitId: CO, at: AFTER },
      { op: 'silent', unitIds: [CO] },
    ]);
    // The opinion when given; the lateness at the deadline, as the watcher would have dated it.
    expect(decision.events.map((e) => happenedAt(e, AFTER))).toEqual([AFTER, CO_UNIT_BY]);
  });

  it('only its own: the other co-unit, still without an opinion, is left to the watcher or the lead’s reply', () => {
    const { order } = step(signed(), 'co', validCommand('coOpinion', AFTER), AFTER);
    const reply = step(order, 'lead', validCommand('reply', AFTER), AFTER).decision;
    // The lead's reply records the other one, and not this one again.
    expect(reply.events.filter((e) => e.type === 'co_unit_silent')).toEqual([silence(CO2)]);
    expect(reply.assignments).toEqual([{ op: 'silent', unitIds: [CO2] }]);
  });

  it('at its deadline it is on time, and nothing is recorded', () => {
    const { decision } = step(signed(), 'co', validCommand('coOpinion', CO_UNIT_BY), CO_UNIT_BY);
    expect(decision.events.map((e) => e.type)).toEqual(['co_opinion_given']);
    expect(decision.events[0]?.payload).toMatchObject({ late: false });
    expect(decision.assignments).toEqual([{ op: 'opinion', unitId: CO, at: CO_UNIT_BY }]);
  });

  it('once recorded (by the watcher, or the lead’s reply), the late opinion records nothing more', () => {
    const o = signed();
    const marked = {
      ...o,
      assignments: o.assignments.map((a) => (a.unitId === CO ? { ...a, silent: true } : a)),
    };
    const { decision } = step(marked, 'co', validCommand('coOpinion', AFTER), AFTER);
    expect(decision.events.map((e) => e.type)).toEqual(['co_opinion_given']);
    expect(decision.events[0]?.payload).toMatchObject({ late: true });
    expect(decision.assignments).toEqual([{ op: 'opinion', unitId: CO, at: AFTER }]);
  });
});

describe('a lateness another writer recorded first is not written twice', () => {
  it('drops the co_unit_silent of the units already recorded, and nothing else', () => {
    const opinion: DecidedEvent = {
      type: 'co_opinion_given',
      payload: { unitId: CO, content: '已到现场核实', late: true },
    };
    const events = [opinion, silence(CO), silence(CO2)];
    expect(withoutRecordedSilence(events, [CO])).toEqual([opinion, silence(CO2)]);
    expect(withoutRecordedSilence(events, [])).toEqual(events);
  });

  it('an event without a deadline (older rows of a reply) happens when recorded', () => {
    const old: DecidedEvent = { type: 'co_unit_silent', payload: { unitId: CO } };
    expect(happenedAt(old, AFTER)).toEqual(AFTER);
  });
});

describe('who is told of a co-unit’s lateness', () => {
  it('the watcher’s or the lead’s record: the co-unit, that it has still not given its opinion', () => {
    const notices = noticesForAll([silence(CO)], facts);
    expect(notices.map((n) => [n.audience, n.title])).toEqual([
      [{ kind: 'unit', unitId: CO, includeB: true }, '协办意见已逾期'],
    ]);
    expect(notices[0]?.body).toContain('仍未提交协办意见');
  });

  it('its own late opinion: nobody, since it has just given it and nothing is left to do', () => {
    const opinion: DecidedEvent = {
      type: 'co_opinion_given',
      payload: { unitId: CO, content: '已到现场核实', late: true },
    };
    expect(noticesForAll([opinion, silence(CO)], facts)).toEqual([]);
    // Another co-unit recorded in the same batch is still told.
    expect(noticesForAll([opinion, silence(CO2)], facts).map((n) => n.audience)).toEqual([
      { kind: 'unit', unitId: CO2, includeB: true },
    ]);
  });
});
