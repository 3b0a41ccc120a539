import { describe, expect, it } from 'vitest';
import { AppRefusal } from '../../src/domain/refusal.js';
import {
  ACTIONS,
  allowedActions,
  availabilities,
  checkPreconditions,
  type OrderSnapshot,
} from '../../src/domain/workflow/index.js';
import { sh } from './calendar-fixture.js';
import { type ActorKey, actors, assignment, CO, ctxOf, LEAD, newOrder } from './factories.js';

/** Orders in the states and corners the side conditions look at. */
const ORDERS: Record<string, OrderSnapshot> = {
  fresh: newOrder(),
  signing: newOrder({
    state: 'pending_sign',
    returnBy: sh('2026-03-04T00:00'),
    handleBy: sh('2026-03-10T00:00'),
    assignments: [assignment(LEAD, 'lead'), assignment(CO, 'co')],
  }),
  handlingLeaderMode: newOrder({
    state: 'handling',
    signOffMode: 'leader',
    urgency: 'urgent',
    redoCount: 1,
    handleBy: sh('2026-03-03T00:00'),
    pendingExtension: {
      requestedAt: '2026-03-02T02:00:00.000Z',
      requestedBy: '王联络',
      requestedDeadline: '2026-03-20T16:00:00.000Z',
      reason: '需要协调',
      mainLeaderName: '刘建华',
      scanAttachmentId: 1,
    },
    assignments: [
      assignment(LEAD, 'lead', { signedAt: sh('2026-03-02T10:00') }),
      assignment(CO, 'co', { signedAt: sh('2026-03-02T10:00'), opinionAt: sh('2026-03-02T11:00') }),
    ],
  }),
  callback: newOrder({ state: 'pending_callback', lastCallbackResult: 'satisfied' }),
};

describe('which actions are available, and why not, without throwing', () => {
  for (const [name, order] of Object.entries(ORDERS)) {
    for (const who of Object.keys(actors) as ActorKey[]) {
      it(`${name} as ${who}: each refusal is the one the action would throw`, () => {
        const ctx = ctxOf(actors[who], sh('2026-03-05T10:00'));
        const all = availabilities(order, ctx);
        expect(all.map((a) => a.action)).toEqual([...ACTIONS]);
        for (const a of all) {
          if ('transition' in a) {
            expect(checkPreconditions(order, a.action, ctx)).toBe(a.transition);
            continue;
          }
          let thrown: unknown = null;
          try {
            checkPreconditions(order, a.action, ctx);
          } catch (e) {
            thrown = e;
          }
          expect(thrown).toBeInstanceOf(AppRefusal);
          const r = thrown as AppRefusal;
          expect({ code: r.code, message: r.message, details: r.details, kind: r.kind }).toEqual({
            code: a.whyNot.code,
            message: a.whyNot.message,
            details: a.whyNot.details,
            kind: a.whyNot.kind,
          });
          expect(a.whyNot.message).toMatch(/[\u4e00-\u9fa5]/);
        }
        expect(allowedActions(order, ctx)).toEqual(all.filter((a) => 'transition' in a).map((a) => a.action));
      });
    }
  }

  it('says why a co-unit that gave its opinion may not return its part, and a late extension', () => {
    const order = ORDERS.handlingLeaderMode as OrderSnapshot;
    const co = availabilities(order, ctxOf(actors.co, sh('2026-03-05T10:00')));
    expect(co.find((a) => a.action === 'coReturn')).toMatchObject({
      whyNot: { code: 'CO_OPINION_ALREADY_GIVEN', kind: 'rule' },
    });
    const lead = availabilities(order, ctxOf(actors.lead, sh('2026-03-05T10:00')));
    expect(lead.find((a) => a.action === 'requestExtension')).toMatchObject({
      whyNot: { code: 'EXTENSION_ALREADY_PENDING' },
    });
    expect(lead.find((a) => a.action === 'reply')).toMatchObject({ whyNot: { code: 'SIGN_OFF_REQUIRED' } });
  });
});
