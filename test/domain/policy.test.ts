import { describe, expect, it } from 'vitest';
import {
  abilitiesOf,
  abilitiesOnOrder,
  CAPABILITIES,
  can,
  GRANTS,
  homeOf,
  orderScope,
} from '../../src/domain/policy.js';
import { type Actor, ADMIN_ROLES, ROLES, type Role } from '../../src/domain/roles.js';

const actor = (roles: Role[], unitId = 7): Actor => ({ userId: 1, unitId, roles, name: '测试' });
const order = (activeUnitIds: number[], channel = 'phone') => ({
  kind: 'order' as const,
  channel,
  activeUnitIds,
});

describe('the policy', () => {
  it('grants every capability to someone, and only to known roles', () => {
    for (const c of CAPABILITIES) {
      const holders = Object.keys(GRANTS[c]);
      expect(holders.length, c).toBeGreaterThan(0);
      for (const r of holders) expect(ROLES).toContain(r);
    }
  });

  it('gives the three administrators no business capability: they never read orders or figures', () => {
    for (const role of ADMIN_ROLES) {
      const a = actor([role], 1);
      expect(orderScope(a)).toEqual({ kind: 'none' });
      for (const c of CAPABILITIES.filter((x) =>
        /^(workOrder|workflow|statistics\.(units|county)|bulletin)\./.test(x),
      ))
        expect(can(a, c), `${role} ${c}`).toBe(false);
    }
    expect(can(actor(['admin']), 'audit.read')).toBe(false);
    expect(can(actor(['admin']), 'user.grantRole')).toBe(false);
    expect(can(actor(['admin']), 'user.resetPassword')).toBe(false);
    expect(can(actor(['security_admin']), 'user.grantRole')).toBe(true);
    expect(can(actor(['security_admin']), 'audit.read')).toBe(false);
    expect(can(actor(['auditor']), 'audit.read')).toBe(true);
    expect(can(actor(['auditor']), 'user.read')).toBe(false);
  });

  it('lets a unit act only on orders its unit is working on, and on its own records', () => {
    const liaison = actor(['unit_liaison'], 7);
    expect(can(liaison, 'workOrder.read')).toBe(true);
    expect(can(liaison, 'workOrder.read', order([7, 9]))).toBe(true);
    expect(can(liaison, 'workOrder.read', order([9]))).toBe(false);
    expect(can(liaison, 'workOrder.revealPhone', order([7]))).toBe(true);
    expect(can(liaison, 'workOrder.revealPhone', order([8]))).toBe(false);
    expect(can(liaison, 'unit.editRegistration', { kind: 'unit', unitId: 7 })).toBe(true);
    expect(can(liaison, 'unit.editRegistration', { kind: 'unit', unitId: 8 })).toBe(false);
    expect(can(liaison, 'unit.readStaffMobiles', { kind: 'unit', unitId: 8 })).toBe(false);
    expect(can(actor(['admin']), 'unit.editRegistration', { kind: 'unit', unitId: 8 })).toBe(true);
    expect(orderScope(liaison)).toEqual({ kind: 'unit', unitId: 7 });
  });

  it('masks citizens from oversight and units: only the office reads the full contact without revealing', () => {
    expect(can(actor(['dispatcher']), 'workOrder.readCitizenContact', order([]))).toBe(true);
    expect(can(actor(['reviewer']), 'workOrder.readCitizenContact', order([]))).toBe(true);
    for (const r of [
      'supervisor',
      'county_leader',
      'unit_liaison',
      'unit_leader',
      'unit_main_leader',
    ] as Role[])
      expect(can(actor([r]), 'workOrder.readCitizenContact', order([7])), r).toBe(false);
    expect(can(actor(['supervisor']), 'workOrder.revealPhone', order([7]))).toBe(false);
  });

  it('a holder of several roles gets the union, and nobody gets anything without a session', () => {
    const head = actor(['dispatcher', 'reviewer']);
    expect(can(head, 'workflow.dispatch') && can(head, 'workflow.review')).toBe(true);
    expect(can(null, 'workOrder.read')).toBe(false);
    expect(abilitiesOf(actor([]))).toEqual([]);
  });

  it('reports abilities for /me and for an order, and the home page', () => {
    const liaison = actor(['unit_liaison'], 7);
    expect(abilitiesOf(liaison)).toContain('workflow.unit');
    expect(abilitiesOf(liaison)).not.toContain('statistics.county');
    expect(abilitiesOnOrder(liaison, order([7]))).toEqual(
      expect.arrayContaining(['workOrder.revealPhone', 'workOrder.attach', 'urge.acknowledge']),
    );
    expect(abilitiesOnOrder(liaison, order([8]))).toEqual([]);
    expect(abilitiesOnOrder(actor(['supervisor']), order([8]))).not.toContain('workOrder.attach');
    expect(homeOf(actor(['dispatcher', 'reviewer']))).toBe('dispatcher');
    expect(homeOf(liaison)).toBe('unit');
    expect(homeOf(actor(['county_leader']))).toBe('overview');
    expect(homeOf(actor(['security_admin']))).toBe('admin');
    expect(homeOf(actor(['auditor']))).toBe('audit');
    expect(homeOf(actor([]))).toBe('none');
  });
});
