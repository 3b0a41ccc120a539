import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvent } from '../../src/db/event-payloads.js';
import { ok, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Events as older versions of Huiyin stored them: fields since added are missing, one is renamed. */
const OLD_EVENTS = [
  // Before the city clipping, co-unit deadline and note were recorded.
  {
    type: 'dispatched',
    payload: {
      leadUnitId: 0,
      coUnitIds: [],
      urgency: 'normal',
      signBy: null,
      handleBy: '2026-03-10T02:00:00.000Z',
    },
  },
  // The new deadline once went by the name handleBy, with no progress interval.
  { type: 'extension_approved', payload: { handleBy: '2026-03-20T10:00:00.000Z', opinion: '同意' } },
  // Deadline marks named the deadline by its kind.
  { type: 'overdue', payload: { handleBy: '2026-03-10T02:00:00.000Z' } },
  // Urges before they were numbered and addressed to a unit; an unknown field besides.
  { type: 'urged', payload: { message: '请尽快办理', auto: false, legacyFlag: 1 } },
  // Sign-offs before the drafter was recorded.
  { type: 'signed_off', payload: { issuer: '王建国' } },
] as const;

describe('timeline payloads, one type per event', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reads events stored the old way, with what they lack left out and unknown fields dropped', async () => {
    const order = await registeredAndDispatched(t);
    const housing = t.unitId('housing');
    await t.ctx.db.kysely
      .insertInto('work_order_events')
      .values(
        OLD_EVENTS.map((e, i) => ({
          order_id: order.id,
          type: e.type,
          at: new Date(Date.parse('2026-03-01T00:00:00.000Z') + i * 60_000).toISOString(),
          actor_user_id: null,
          actor_unit_id: null,
          actor_name: '系统',
          ip: null,
          from_state: null,
          to_state: null,
          payload: JSON.stringify(
            e.type === 'dispatched' ? { ...e.payload, leadUnitId: housing } : e.payload,
          ),
          unit_id: housing,
          outcome: null,
        })),
      )
      .execute();

    const admin = await t.as('dispatcher');
    const detail = await ok(admin.get(`/api/work-orders/${order.id}`));
    const byType = <T extends string>(type: T) => detail.timeline.filter((e) => e.type === type);

    const dispatches = detail.timeline.filter((e) => e.type === 'dispatched');
    expect(dispatches.map((e) => e.payload.leadUnitId)).toEqual([housing, housing]);
    expect(dispatches[1]?.payload.clippedByCity).toBeUndefined();
    expect(dispatches[0]?.payload.clippedByCity).toEqual([]);

    const approved = detail.timeline.find((e) => e.type === 'extension_approved');
    expect(approved?.payload).toEqual({ handleBy: '2026-03-20T10:00:00.000Z', opinion: '同意' });
    const overdue = detail.timeline.find((e) => e.type === 'overdue');
    expect(overdue?.payload).toEqual({ handleBy: '2026-03-10T02:00:00.000Z' });
    const urged = detail.timeline.find((e) => e.type === 'urged');
    expect(urged?.payload).toEqual({ message: '请尽快办理', auto: false });
    expect(byType('signed_off').map((e) => e.payload)).toEqual([{ issuer: '王建国' }]);
  });

  it('refuses a payload that does not fit its type or an unknown type, naming them', () => {
    expect(() => readEvent('urged', JSON.stringify({ auto: true }))).toThrow(/urged/);
    expect(() => readEvent('teleported', '{}')).toThrow(/teleported/);
    const read = readEvent('callback_recorded', JSON.stringify({ result: 'satisfied' }));
    expect(read).toEqual({ type: 'callback_recorded', payload: { result: 'satisfied' } });
  });

  it('describes each event type’s payload in the API schema', async () => {
    const doc = (await (await t.as('dispatcher')).get('/api/openapi.json')).json() as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content: Record<string, unknown> }> }>
      >;
    };
    const schema = JSON.stringify(doc.paths['/api/work-orders/{id}']?.get?.responses['200']);
    // Each event type is a literal of its own, beside the fields of its payload.
    expect(schema).toContain('"enum":["redo_ordered"]');
    expect(schema).toContain('"enum":["city_deadline_changed"]');
    expect(schema).toContain('"cityDeadlineText"');
    expect(schema).toContain('"unreasonableDemand"');
    expect(schema).not.toContain('"additionalProperties":{}');
  });
});
