import { describe, expect, it } from 'vitest';
import { toShanghaiIso } from '../../src/domain/time.js';
import { decide } from '../../src/domain/workflow/decide.js';
import { payloadOf } from '../support/events.js';
import { sh } from './calendar-fixture.js';
import { actors, CO, CO2, citizenContact, ctxOf, goodReply, LEAD, newOrder, refusalOf } from './factories.js';
import {
  CO_UNIT_BY,
  dispatchCommand,
  HANDLE_BY,
  RETURN_BY,
  reach,
  step,
  T,
  validCommand,
} from './workflow-fixture.js';

const local = (d: Date | null | undefined) => (d ? toShanghaiIso(d) : d);

describe('the life of an order: dispatch → sign → reply → acceptReview → callback → close', () => {
  it('dispatch sets the deadlines, the lead and co-units, and records them', () => {
    const { decision, order } = step(
      newOrder(),
      'dispatcher',
      dispatchCommand({ note: ' 请尽快 ' }),
      T.dispatch,
    );
    expect([decision.from, decision.to]).toEqual(['pending_dispatch', 'pending_sign']);
    expect(decision.patch).toMatchObject({
      urgency: 'normal',
      dispatchedAt: T.dispatch,
      signBy: RETURN_BY,
      returnBy: RETURN_BY,
      handleBy: HANDLE_BY,
      coUnitBy: CO_UNIT_BY,
      leadUnitId: LEAD,
      leaderDeadline: null,
    });
    // due soon from 00:00 of the last day, Mon 03-09
    expect(local(decision.patch.warnAt)).toBe('2026-03-09T00:00:00+08:00');
    expect(decision.assignments).toEqual([
      { op: 'replaceActive', leadUnitId: LEAD, coUnitIds: [CO, CO2], at: T.dispatch },
    ]);
    expect(decision.events).toHaveLength(1);
    expect(decision.events[0]).toMatchObject({
      type: 'dispatched',
      payload: { leadUnitId: LEAD, coUnitIds: [CO, CO2], clippedByCity: [], note: '请尽快' },
    });
    expect(order.assignments.filter((a) => a.active).map((a) => [a.unitId, a.role])).toEqual([
      [LEAD, 'lead'],
      [CO, 'co'],
      [CO2, 'co'],
    ]);
  });

  it('dispatch without co-units leaves no co-unit deadline, and drops duplicate co-units', () => {
    const solo = step(newOrder(), 'dispatcher', dispatchCommand({ coUnitIds: [] }), T.dispatch).decision;
    expect(solo.patch.coUnitBy).toBeNull();
    const dup = step(newOrder(), 'dispatcher', dispatchCommand({ coUnitIds: [CO, CO] }), T.dispatch).decision;
    expect(dup.assignments).toEqual([
      { op: 'replaceActive', leadUnitId: LEAD, coUnitIds: [CO], at: T.dispatch },
    ]);
  });

  it('dispatch refuses the lead as a co-unit, a leader order without a deadline, and a passed city deadline', () => {
    expect(
      refusalOf(() => step(newOrder(), 'dispatcher', dispatchCommand({ coUnitIds: [LEAD] }), T.dispatch))
        .code,
    ).toBe('LEAD_ALSO_CO_UNIT');
    const leader = refusalOf(() =>
      step(newOrder(), 'dispatcher', dispatchCommand({ urgency: 'leader' }), T.dispatch),
    );
    expect(leader.code).toBe('LEADER_DEADLINE_REQUIRED');
    const late = refusalOf(() =>
      step(newOrder({ cityDeadline: sh('2026-03-01T00:00') }), 'dispatcher', dispatchCommand(), T.dispatch),
    );
    expect(late.code).toBe('CITY_DEADLINE_PASSED');
  });

  it('dispatch of an urgent or leader order, and clipping by the city deadline', () => {
    const urgent = step(
      newOrder({ urgency: 'urgent' }),
      'dispatcher',
      dispatchCommand(),
      T.dispatch,
    ).decision;
    expect(local(urgent.patch.handleBy)).toBe('2026-03-03T09:00:00+08:00');
    expect(local(urgent.patch.warnAt)).toBe('2026-03-03T05:00:00+08:00');
    const leaderDeadline = sh('2026-03-04T12:00');
    const leader = step(
      newOrder(),
      'dispatcher',
      dispatchCommand({ urgency: 'leader', leaderDeadline }),
      T.dispatch,
    );
    expect(leader.decision.patch).toMatchObject({
      urgency: 'leader',
      leaderDeadline,
      handleBy: leaderDeadline,
    });
    expect(leader.order.urgency).toBe('leader');
    const city = sh('2026-03-05T12:00');
    const clipped = step(
      newOrder({ cityDeadline: city }),
      'dispatcher',
      dispatchCommand(),
      T.dispatch,
    ).decision;
    expect(clipped.patch.handleBy).toEqual(city);
    expect(payloadOf(clipped.events[0], 'dispatched').clippedByCity).toEqual(['handle', 'coUnit']);
  });

  it('sign moves to handling and records who signed, late or not', () => {
    const sent = reach('pending_sign');
    const { decision, order } = step(sent, 'lead', { action: 'sign' }, T.sign);
    expect([decision.from, decision.to]).toEqual(['pending_sign', 'handling']);
    expect(decision.assignments).toEqual([
      { op: 'sign', unitId: LEAD, at: T.sign, userId: actors.lead.userId },
    ]);
    expect(decision.events).toEqual([{ type: 'signed', payload: { late: false } }]);
    expect(order.assignments.find((a) => a.role === 'lead')?.signedAt).toEqual(T.sign);
    const late = step(sent, 'leadLeader', { action: 'sign' }, sh('2026-03-04T08:00')).decision;
    expect(late.events[0]?.payload).toEqual({ late: true });
  });

  it('reply goes to review, stores the reply, and marks co-units silent past their own deadline', () => {
    let o = reach('handling');
    o = step(o, 'co', { action: 'coSign' }, T.sign).order;
    o = step(o, 'co', validCommand('coOpinion', T.sign), sh('2026-03-03T10:00')).order;
    const at = sh('2026-03-06T10:00');
    const { decision } = step(o, 'lead', validCommand('reply', at), at);
    expect([decision.from, decision.to]).toEqual(['handling', 'pending_review']);
    expect(decision.patch.repliedAt).toEqual(at);
    expect(decision.patch.reply).toMatchObject({
      replyingUnitId: LEAD,
      viaFax: false,
      repliedAt: at.toISOString(),
    });
    expect(decision.events.map((e) => e.type)).toEqual(['replied', 'co_unit_silent']);
    expect(payloadOf(decision.events[0], 'replied').late).toBe(false);
    // Dated at the deadline it let pass, which it names (event-facts.ts, happenedAt).
    expect(decision.events[1]?.payload).toEqual({ unitId: CO2, deadline: CO_UNIT_BY.toISOString() });
    expect(decision.assignments).toEqual([{ op: 'silent', unitIds: [CO2] }]);
  });

  it('a reply after the deadline is marked late', () => {
    const d = step(
      reach('handling'),
      'lead',
      validCommand('reply', T.reply),
      sh('2026-03-10T09:00'),
    ).decision;
    expect(payloadOf(d.events[0], 'replied').late).toBe(true);
  });

  it('a reply that breaks the standard is refused with REPLY_NOT_STANDARD', () => {
    const reply = goodReply({ findings: '您反映的问题已转交相关部门处理。', result: '已收悉。', basis: '' });
    const r = refusalOf(() => step(reach('handling'), 'lead', { action: 'reply', reply }, T.reply));
    expect(r.code).toBe('REPLY_NOT_STANDARD');
    expect(r.kind).toBe('invalid');
    for (const word of ['办理情况', '处理结果', '政策依据']) expect(r.message).toContain(word);
    expect(r.details?.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'basis' })]),
    );
    expect((r.details?.problems as unknown[] | undefined)?.length).toBeGreaterThanOrEqual(3);
  });

  it('an order that needs the citizen answered refuses a reply without it (CITIZEN_NOT_ANSWERED)', () => {
    const o = reach('handling', { needsCitizenReply: true });
    const r = refusalOf(() => step(o, 'lead', validCommand('reply', T.reply), T.reply));
    expect(r.code).toBe('CITIZEN_NOT_ANSWERED');
    expect(r.message).toContain('严禁未经反馈群众直接向热线办答复');
    const reply = goodReply({ citizenContact: citizenContact('2026-03-04T09:00:00+08:00') });
    expect(step(o, 'lead', { action: 'reply', reply, issuerScanAttachmentId: 8 }, T.reply).order.state).toBe(
      'pending_review',
    );
    const before = goodReply({ citizenContact: citizenContact('2026-03-01T09:00:00+08:00') });
    expect(refusalOf(() => step(o, 'lead', { action: 'reply', reply: before }, T.reply)).code).toBe(
      'CITIZEN_NOT_ANSWERED',
    );
  });

  it('a reply short in content and in the citizen record is refused as not standard, listing both', () => {
    const o = reach('handling', { needsCitizenReply: true });
    const thin = goodReply({ findings: '已收悉。', citizenContact: null });
    const r = refusalOf(() => step(o, 'lead', { action: 'reply', reply: thin }, T.reply));
    expect(r.code).toBe('REPLY_NOT_STANDARD');
    const fields = ((r.details?.problems ?? []) as Array<{ field: string }>).map((p) => p.field);
    expect(fields).toContain('findings');
    expect(fields.some((f) => f.startsWith('citizenContact'))).toBe(true);
  });

  it('acceptReview, callback and close finish the order', () => {
    let s = step(
      reach('pending_review'),
      'reviewer',
      { action: 'acceptReview', opinion: ' 好 ' },
      T.acceptReview,
    );
    expect([s.decision.from, s.decision.to]).toEqual(['pending_review', 'pending_callback']);
    expect(s.decision.events).toEqual([{ type: 'review_accepted', payload: { opinion: '好' } }]);
    s = step(
      s.order,
      'reviewer',
      { action: 'callback', result: 'basically_satisfied', note: '' },
      T.callback,
    );
    expect([s.decision.from, s.decision.to]).toEqual(['pending_callback', 'pending_callback']);
    expect(s.decision.patch).toEqual({ lastCallbackResult: 'basically_satisfied', callbackCount: 1 });
    s = step(s.order, 'reviewer', { action: 'close' }, T.close);
    expect([s.decision.from, s.decision.to]).toEqual(['pending_callback', 'closed']);
    expect(s.decision.patch).toEqual({ closedAt: T.close });
    expect(s.decision.events[0]).toEqual({
      type: 'closed',
      payload: { satisfaction: 'basically_satisfied', explanation: null },
    });
  });
});

describe('fax replies (传真代录)', () => {
  it('the office records a faxed reply on the unit’s behalf, from pending_sign or handling', () => {
    for (const state of ['pending_sign', 'handling'] as const) {
      const faxReceivedAt = sh('2026-03-04T09:30');
      const command = {
        action: 'recordFaxReply' as const,
        reply: goodReply(),
        scanAttachmentId: 7,
        faxReceivedAt,
      };
      const { decision } = step(reach(state), 'dispatcher', command, T.reply);
      expect([decision.from, decision.to]).toEqual([state, 'pending_review']);
      expect(decision.events[0]?.type).toBe('fax_reply_recorded');
      expect(decision.patch.reply).toMatchObject({
        viaFax: true,
        scanAttachmentId: 7,
        replyingUnitId: LEAD,
        repliedAt: faxReceivedAt.toISOString(),
      });
    }
  });

  it('a fax received before the deadline is on time even if recorded after it, with the late entry explained', () => {
    const faxReceivedAt = sh('2026-03-09T16:00');
    const command = {
      action: 'recordFaxReply' as const,
      reply: goodReply(),
      scanAttachmentId: 7,
      faxReceivedAt,
    };
    // Entered after the deadline it came before: it changes the unit's record, so it says why (补录).
    const refused = refusalOf(() => step(reach('handling'), 'dispatcher', command, sh('2026-03-10T09:00')));
    expect(refused.code).toBe('FAX_BACKDATE_REASON_REQUIRED');
    expect(refused.message).toContain('录入却在期限之后');
    const reason = '传真机缺纸,次日上班后才取到传真件';
    const { decision } = step(
      reach('handling'),
      'dispatcher',
      { ...command, backdateReason: reason },
      sh('2026-03-10T09:00'),
    );
    const payload = payloadOf(decision.events[0], 'fax_reply_recorded');
    expect(payload.late).toBe(false);
    expect(payload.backdated).toEqual({ recordedAt: sh('2026-03-10T09:00').toISOString(), reason });
    expect(decision.patch.repliedAt).toEqual(faxReceivedAt);
  });

  it('a fax entered within a day of its coming, before the deadline, needs no explanation', () => {
    const faxReceivedAt = sh('2026-03-04T08:00');
    const command = {
      action: 'recordFaxReply' as const,
      reply: goodReply(),
      scanAttachmentId: 7,
      faxReceivedAt,
    };
    const { decision } = step(reach('handling'), 'dispatcher', command, sh('2026-03-04T10:00'));
    expect(payloadOf(decision.events[0], 'fax_reply_recorded').backdated).toBeUndefined();
    // Two days after it came, even before the deadline: a late entry.
    const late = refusalOf(() =>
      step(
        reach('handling'),
        'dispatcher',
        { ...command, faxReceivedAt: sh('2026-03-02T09:30') },
        sh('2026-03-04T10:00'),
      ),
    );
    expect(late.code).toBe('FAX_BACKDATE_REASON_REQUIRED');
    expect(late.message).toContain('超过 24 小时');
  });

  it('a fax time in the future or before the dispatch is refused', () => {
    for (const faxReceivedAt of [sh('2026-03-04T10:01'), sh('2026-03-02T08:59')]) {
      const command = {
        action: 'recordFaxReply' as const,
        reply: goodReply(),
        scanAttachmentId: 7,
        faxReceivedAt,
      };
      const r = refusalOf(() => step(reach('handling'), 'dispatcher', command, T.reply));
      expect(r.code).toBe('FAX_TIME_INVALID');
      expect(r.message).toContain('传真');
    }
  });
});

describe('void and merge (作废 / 合并)', () => {
  it('void from any open state leads to voided with the reason', () => {
    const { decision } = step(
      reach('handling'),
      'dispatcher',
      { action: 'void', reason: ' 重复登记的工单 ' },
      T.later,
    );
    expect([decision.from, decision.to]).toEqual(['handling', 'voided']);
    expect(decision.patch).toEqual({ voidReason: '重复登记的工单' });
    expect(decision.events).toEqual([{ type: 'voided', payload: { reason: '重复登记的工单' } }]);
  });

  it('void needs a reason', () => {
    const r = refusalOf(() =>
      step(reach('handling'), 'dispatcher', { action: 'void', reason: '重复' }, T.later),
    );
    expect(r.code).toBe('VOID_REASON_REQUIRED');
  });

  it('merge records the target order and refuses merging into itself', () => {
    const command = {
      action: 'merge' as const,
      intoOrderId: 42,
      intoCode: 'HY202612010042',
      reason: '与42号工单重复',
    };
    const { decision } = step(reach('pending_review'), 'dispatcher', command, T.later);
    expect(decision.to).toBe('voided');
    expect(decision.patch).toEqual({ voidReason: '与42号工单重复', mergedIntoId: 42 });
    expect(decision.events[0]?.type).toBe('merged');
    expect(decision.events[0]?.payload).toMatchObject({ intoOrderId: 42, intoCode: 'HY202612010042' });
    const self = refusalOf(() =>
      step(reach('pending_review'), 'dispatcher', { ...command, intoOrderId: 1 }, T.later),
    );
    expect(self.code).toBe('MERGE_INTO_SELF');
    const short = refusalOf(() =>
      step(reach('pending_review'), 'dispatcher', { ...command, reason: '重复' }, T.later),
    );
    expect(short.code).toBe('MERGE_REASON_REQUIRED');
  });

  it('a closed or voided order can be neither voided nor merged', () => {
    for (const state of ['closed', 'voided'] as const) {
      const r = refusalOf(() =>
        decide(reach(state), validCommand('void', T.later), ctxOf(actors.dispatcher, T.later)),
      );
      expect(r.code).toBe('INVALID_STATE');
    }
  });
});
