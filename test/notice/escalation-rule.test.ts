import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, ok, refused, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

type Proposed = { items: Array<{ id: number }> };
type AuditEntries = { items: Array<{ target: string | null; before: unknown; after: unknown }> };

/** The thresholds for proposing escalation (专项督办) are the administrator's settings, used by the rule. */
describe(`escalation thresholds as settings (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  it('defaults, validation, audit, and the rule follows the setting on the order and in the queue', async () => {
    const admin = await t.as('admin');
    expect(await ok(admin.get('/api/settings/escalation'))).toEqual({ minUrges: 2, minPhoneSupervisions: 1 });
    for (const bad of [
      { minUrges: 0, minPhoneSupervisions: 1 },
      { minUrges: '两', minPhoneSupervisions: 1 },
    ]) {
      const e = await refused(admin.put('/api/settings/escalation', bad), 400, 'VALIDATION_FAILED');
      expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    await refused(
      (await t.as('dispatcher')).put('/api/settings/escalation', { minUrges: 1, minPhoneSupervisions: 1 }),
      403,
      'FORBIDDEN_ROLE',
    );
    expect(await ok(admin.put('/api/settings/escalation', { minUrges: 1, minPhoneSupervisions: 1 }))).toEqual(
      {
        minUrges: 1,
        minPhoneSupervisions: 1,
      },
    );
    const audit = (await ok(
      (await t.as('auditor')).get('/api/audit-log?action=setting.changed&pageSize=200'),
    )) as unknown as AuditEntries;
    const entry = audit.items.find((e) => e.target === 'setting:escalation_rule');
    expect(entry?.before).toEqual({ minUrges: 2, minPhoneSupervisions: 1 });
    expect(entry?.after).toEqual({ minUrges: 1, minPhoneSupervisions: 1 });

    // Overdue, urged once and phoned once: proposed under the new rule (not under the default of 2 urges).
    let order = await registeredAndDispatched(t, 'natres');
    t.clock.set('2026-03-11T09:00:00+08:00');
    const dispatcher = await t.as('dispatcher');
    order = await ok(dispatcher.get(`/api/work-orders/${order.id}`));
    order = await act(dispatcher, order, 'urge', { message: '工单已超期,请立即办理。' });
    order = await act(dispatcher, order, 'recordPhoneSupervision', {
      calledAt: '2026-03-11T08:30:00+08:00',
      calleeName: '自然资源局联络员',
      calleeUnitId: t.unitId('natres'),
      summary: '电话督办,说明工单已超期,要求立即办理。',
      promise: '承诺今日签收办理',
    });
    expect(order.supervision.proposedBecause).toEqual(['已超过办理期限', '经催办 1 次', '经电话督办 1 次']);
    const proposed = async () =>
      ((await ok(dispatcher.get('/api/work-orders?escalation=proposed'))) as unknown as Proposed).items.map(
        (i) => i.id,
      );
    expect(await proposed()).toContain(order.id);

    // Stricter again: the same order is no longer proposed.
    await ok(admin.put('/api/settings/escalation', { minUrges: 3, minPhoneSupervisions: 2 }));
    order = await ok(dispatcher.get(`/api/work-orders/${order.id}`));
    expect(order.supervision.proposedBecause).toEqual([]);
    expect(await proposed()).not.toContain(order.id);
  });
});
