import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/roles.js';
import { decide } from '../../src/domain/workflow/decide.js';
import { allowedActions } from '../../src/domain/workflow/preconditions.js';
import { payloadOf } from '../support/events.js';
import { sh } from './calendar-fixture.js';
import { actors, CO, ctxOf, goodReply, refusalOf } from './factories.js';
import { HANDLE_BY, reach, step, T, validCommand } from './workflow-fixture.js';

/** 签发 (notice 二(三)) and 阅批 (notice 四), in a unit on the default: its leaders sign off in Huiyin. */
const handling = (over = {}) => reach('handling', { signOffMode: 'leader', ...over });
const coLeader: Actor = { userId: 23, unitId: CO, roles: ['unit_leader'], name: '协办单位领导' };
const draft = goodReply({ issuer: '' });
const submitted = (over = {}) =>
  step(handling(over), 'lead', { action: 'submitForSignOff', reply: draft }, T.reply).order;

describe('签发: the liaison drafts, a leader of the unit signs it off', () => {
  it('a unit on the default cannot reply without its leader: SIGN_OFF_REQUIRED', () => {
    const r = refusalOf(() => step(handling(), 'lead', validCommand('reply', T.reply), T.reply));
    expect(r.code).toBe('SIGN_OFF_REQUIRED');
    expect(r.message).toContain('提交领导签发');
    expect(allowedActions(handling(), ctxOf(actors.lead, T.reply))).toContain('submitForSignOff');
    expect(allowedActions(handling(), ctxOf(actors.lead, T.reply))).not.toContain('reply');
    // an order without a mode recorded follows the default
    const unset = { ...handling(), signOffMode: undefined };
    expect(refusalOf(() => step(unset, 'lead', validCommand('reply', T.reply), T.reply)).code).toBe(
      'SIGN_OFF_REQUIRED',
    );
  });

  it('the draft waits for a leader (待签发) without an issuer, checked against the standard', () => {
    const s = step(handling(), 'lead', { action: 'submitForSignOff', reply: draft }, T.reply);
    expect([s.decision.from, s.decision.to]).toEqual(['handling', 'pending_sign_off']);
    expect(s.order.replyDraft).toMatchObject({
      submittedById: actors.lead.userId,
      submittedByName: '王联络',
    });
    expect(s.order.replyDraft?.reply.issuer).toBe('');
    expect(s.decision.events.map((e) => e.type)).toEqual(['sign_off_requested']);
    const bad = goodReply({ issuer: '', result: '已转交相关部门处理。' });
    const r = refusalOf(() => step(handling(), 'lead', { action: 'submitForSignOff', reply: bad }, T.reply));
    expect(r.code).toBe('REPLY_NOT_STANDARD');
    expect(r.message).not.toContain('签发人');
  });

  it('the leader signs it off: the issuer is the leader’s account and the reply reaches the office', () => {
    const s = step(submitted(), 'leadLeader', { action: 'signOff' }, T.later);
    expect([s.decision.from, s.decision.to]).toEqual(['pending_sign_off', 'pending_review']);
    // the co-units' own deadline has not passed: none of them is late yet
    expect(s.decision.events.map((e) => e.type)).toEqual(['signed_off', 'replied']);
    expect(s.decision.patch.reply).toMatchObject({
      issuer: '赵分管',
      issuerUserId: actors.leadLeader.userId,
      draftedBy: '王联络',
      signedOffAt: T.later.toISOString(),
    });
    expect(s.decision.patch.replyDraft).toBeNull();
    expect(payloadOf(s.decision.events[1], 'replied').late).toBe(false);
    // on time is judged when it reaches the office, not when it was drafted
    const late = step(submitted(), 'leadLeader', { action: 'signOff' }, sh('2026-03-10T09:00'));
    expect(payloadOf(late.decision.events[1], 'replied').late).toBe(true);
    expect(HANDLE_BY.getTime()).toBeLessThan(sh('2026-03-10T09:00').getTime());
  });

  it('the main leader may sign off too; the liaison, a co-unit’s leader and the drafter may not', () => {
    expect(step(submitted(), 'leadMainLeader', { action: 'signOff' }, T.later).order.state).toBe(
      'pending_review',
    );
    const liaison = refusalOf(() => step(submitted(), 'lead', { action: 'signOff' }, T.later));
    expect(liaison.code).toBe('NOT_ALLOWED_FOR_ACTOR');
    expect(liaison.message).toBe('「签发」只能由牵头单位的分管领导或主要负责人操作，您无权进行此操作。');
    const other = refusalOf(() => decide(submitted(), { action: 'signOff' }, ctxOf(coLeader, T.later)));
    expect(other.code).toBe('NOT_ALLOWED_FOR_ACTOR');
    const ownDraft = step(
      handling(),
      'leadLeader',
      { action: 'submitForSignOff', reply: draft },
      T.reply,
    ).order;
    const own = refusalOf(() => step(ownDraft, 'leadLeader', { action: 'signOff' }, T.later));
    expect(own.code).toBe('SIGN_OFF_OWN_DRAFT');
    expect(own.message).toContain('不能签发自己起草的答复');
    expect(allowedActions(submitted(), ctxOf(actors.lead, T.later))).toEqual([]);
    expect(allowedActions(submitted(), ctxOf(actors.leadLeader, T.later))).toEqual([
      'signOff',
      'sendBackSignOff',
    ]);
  });

  it('sent back with a comment, the draft returns to the liaison to be changed and submitted again', () => {
    const noComment = refusalOf(() =>
      step(submitted(), 'leadLeader', { action: 'sendBackSignOff', comment: ' 改 ' }, T.later),
    );
    expect(noComment.code).toBe('SEND_BACK_COMMENT_REQUIRED');
    const back = step(
      submitted(),
      'leadLeader',
      { action: 'sendBackSignOff', comment: '请写明更换灯具的数量,' },
      T.later,
    );
    expect([back.decision.from, back.decision.to]).toEqual(['pending_sign_off', 'handling']);
    expect(back.order.replyDraft?.sentBack).toMatchObject({
      byName: '赵分管',
      comment: '请写明更换灯具的数量,',
    });
    expect(back.order.replyDraft?.reply.findings).toBe(draft.findings);
    expect(refusalOf(() => step(back.order, 'leadLeader', { action: 'signOff' }, T.later)).code).toBe(
      'INVALID_STATE',
    );
    const again = step(back.order, 'lead', { action: 'submitForSignOff', reply: draft }, T.later).order;
    expect(again.replyDraft?.sentBack).toBeNull();
    expect(step(again, 'leadLeader', { action: 'signOff' }, T.later).order.state).toBe('pending_review');
  });
});

describe('issuer typed, scan attached (units whose leaders have no accounts)', () => {
  const typed = () => reach('handling', { signOffMode: 'typed' });
  it('replies directly with the typed issuer and the signed scan; no sign-off step', () => {
    const r = refusalOf(() => step(typed(), 'lead', { action: 'reply', reply: goodReply() }, T.reply));
    expect(r.code).toBe('SIGNED_SCAN_REQUIRED');
    expect(r.message).toContain('签发件扫描件');
    const s = step(
      typed(),
      'lead',
      { action: 'reply', reply: goodReply(), issuerScanAttachmentId: 5 },
      T.reply,
    );
    expect(s.order.state).toBe('pending_review');
    expect(s.decision.patch.reply).toMatchObject({ issuer: '王志强', issuerScanAttachmentId: 5 });
    expect(s.decision.patch.reply?.issuerUserId).toBeUndefined();
    const noIssuer = refusalOf(() =>
      step(
        typed(),
        'lead',
        { action: 'reply', reply: goodReply({ issuer: '' }), issuerScanAttachmentId: 5 },
        T.reply,
      ),
    );
    expect(noIssuer.message).toContain('缺少签发人姓名');
    const submit = refusalOf(() =>
      step(typed(), 'lead', { action: 'submitForSignOff', reply: draft }, T.reply),
    );
    expect(submit.code).toBe('SIGN_OFF_NOT_USED');
  });
});

describe('阅批: the main leader reads leader-instructed and urgent orders before the reply', () => {
  it('an urgent order’s reply is refused until the main leader has read it, naming what is missing', () => {
    const o = handling({ urgency: 'urgent' });
    const r = refusalOf(() => step(o, 'lead', { action: 'submitForSignOff', reply: draft }, T.reply));
    expect(r.code).toBe('LEADER_READ_REQUIRED');
    expect(r.message).toContain('急件');
    expect(r.message).toContain('主要负责人');
    const leaderInstructed = { ...handling(), urgency: 'leader' as const };
    const r2 = refusalOf(() =>
      step(leaderInstructed, 'lead', { action: 'submitForSignOff', reply: draft }, T.reply),
    );
    expect(r2.code).toBe('LEADER_READ_REQUIRED');
    expect(r2.message).toContain('领导批示件');
    // a unit on the typed issuer has no leader accounts: its signed scan carries the reading
    const typed = { ...reach('handling', { signOffMode: 'typed' }), urgency: 'leader' as const };
    const reply = { action: 'reply' as const, reply: goodReply(), issuerScanAttachmentId: 5 };
    expect(step(typed, 'lead', reply, T.reply).order.state).toBe('pending_review');
  });

  it('only the lead unit’s main leader reads it; once, with an optional instruction, on the timeline', () => {
    const o = handling({ urgency: 'urgent' });
    expect(refusalOf(() => step(o, 'leadLeader', { action: 'leaderRead' }, T.reply)).code).toBe(
      'NOT_ALLOWED_FOR_ACTOR',
    );
    expect(refusalOf(() => step(o, 'lead', { action: 'leaderRead' }, T.reply)).code).toBe(
      'NOT_ALLOWED_FOR_ACTOR',
    );
    const read = step(
      o,
      'leadMainLeader',
      { action: 'leaderRead', instruction: ' 今天必须到现场。 ' },
      T.reply,
    );
    expect(read.order.state).toBe('handling');
    expect(read.order.leaderRead).toEqual({
      at: T.reply.toISOString(),
      byId: actors.leadMainLeader.userId,
      byName: '刘主任',
      instruction: '今天必须到现场。',
    });
    expect(read.decision.events).toEqual([
      { type: 'leader_read', payload: { instruction: '今天必须到现场。' } },
    ]);
    expect(refusalOf(() => step(read.order, 'leadMainLeader', { action: 'leaderRead' }, T.reply)).code).toBe(
      'LEADER_READ_DONE',
    );
    expect(step(read.order, 'lead', { action: 'submitForSignOff', reply: draft }, T.reply).order.state).toBe(
      'pending_sign_off',
    );
    const without = step(o, 'leadMainLeader', { action: 'leaderRead', instruction: '' }, T.reply);
    expect(without.order.leaderRead?.instruction).toBeNull();
  });

  it('a normal order needs no 阅批', () => {
    const r = refusalOf(() => step(handling(), 'leadMainLeader', { action: 'leaderRead' }, T.reply));
    expect(r.code).toBe('LEADER_READ_NOT_NEEDED');
    expect(allowedActions(handling(), ctxOf(actors.leadMainLeader, T.reply))).not.toContain('leaderRead');
    expect(
      allowedActions({ ...handling(), urgency: 'leader' }, ctxOf(actors.leadMainLeader, T.reply)),
    ).toContain('leaderRead');
  });
});
