import { describe, expect, it } from 'vitest';
import { criticised, draftBulletin } from '../../src/domain/bulletin.js';
import { buildYear } from '../../src/domain/calendar-year.js';
import { hotWords, hotWordsOf } from '../../src/domain/county-figures.js';
import { eventFacts } from '../../src/domain/event-facts.js';
import {
  DEFAULT_FIGURE_SETTINGS,
  emptyCounts,
  periodOf,
  previousPeriod,
  rankingOf,
  ratesOf,
  scoreOf,
} from '../../src/domain/figures.js';
import { noticesFor } from '../../src/domain/notification-policy.js';
import { canSeeOrder, orderScope } from '../../src/domain/policy.js';
import { AppRefusal } from '../../src/domain/refusal.js';
import type { Actor } from '../../src/domain/roles.js';
import type { EventPayloads } from '../../src/domain/workflow/index.js';

const actor = (roles: Actor['roles'], unitId = 7): Actor => ({ userId: 1, unitId, roles, name: '测试' });

describe('periods of the figures', () => {
  it.each([
    ['day', '2026-03-04', '2026-03-04', '2026-03-04'],
    ['week', '2026-03-04', '2026-03-02', '2026-03-08'], // Wednesday → Monday to Sunday
    ['week', '2026-03-08', '2026-03-02', '2026-03-08'], // a Sunday belongs to the week before it
    ['month', '2026-02-10', '2026-02-01', '2026-02-28'],
    ['quarter', '2026-11-26', '2026-10-01', '2026-12-31'],
    ['year', '2026-11-26', '2026-01-01', '2026-12-31'],
  ] as const)('%s containing %s is %s … %s', (kind, date, from, to) => {
    expect(periodOf(kind, date)).toEqual({ from, to });
  });

  it('custom periods must be whole and in order; the previous period has the same length', () => {
    expect(() => periodOf('custom', '2026-03-01', { from: '2026-03-05', to: '2026-03-01' })).toThrow(
      AppRefusal,
    );
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({
      from: '2026-01-29',
      to: '2026-02-28',
    });
  });
});

describe('rates and ranking', () => {
  it('rates are null when there is nothing to measure, and 基本满意 counts as set', () => {
    const c = {
      ...emptyCounts(),
      replied: 4,
      repliedOnTime: 3,
      satisfied: 1,
      basicallySatisfied: 2,
      unsatisfied: 1,
      unreachable: 5,
    };
    expect(ratesOf(c, DEFAULT_FIGURE_SETTINGS)).toMatchObject({
      onTimeReplyRate: 75,
      satisfactionRate: 75,
      signOnTimeRate: null,
    });
    expect(ratesOf(c, { ...DEFAULT_FIGURE_SETTINGS, basicallySatisfiedWeight: 0.5 }).satisfactionRate).toBe(
      50,
    );
  });

  it('a missing indicator is left out and the rest re-weighted; inverted rates score as 100 − rate', () => {
    const s = scoreOf(
      {
        onTimeReplyRate: 80,
        signOnTimeRate: null,
        satisfactionRate: null,
        redoRate: 20,
        overdueRate: null,
        averageHandlingWorkingDays: null,
      },
      DEFAULT_FIGURE_SETTINGS,
    );
    expect(s.indicators).toMatchObject({ onTimeReply: 80, redo: 80, signOnTime: null });
    expect(s.score).toBe(80); // (80×30 + 80×15) / 45
  });

  it('rates never pass 100 %; a unit with an overdue order or a missed sign-for deadline never scores 100', () => {
    // 2 redone of 1 reply in the period (the other replied the month before): capped, not 200 %.
    const redone = { ...emptyCounts(), received: 1, replied: 1, repliedOnTime: 1, redone: 2 };
    expect(ratesOf(redone, DEFAULT_FIGURE_SETTINGS).redoRate).toBe(100);
    // 1 overdue of 3,000 in hand rounds to 0.0 %: the score is held below full all the same.
    const faulted = { ...emptyCounts(), received: 3000, overdueEver: 1 };
    const rates = ratesOf(faulted, DEFAULT_FIGURE_SETTINGS);
    expect(rates.overdueRate).toBe(0);
    expect(rankingOf(faulted, rates, DEFAULT_FIGURE_SETTINGS)?.score).toBe(99.9);
    const unsigned = { ...emptyCounts(), openAtStart: 1, signedLate: 1 };
    expect(
      rankingOf(unsigned, ratesOf(unsigned, DEFAULT_FIGURE_SETTINGS), {
        ...DEFAULT_FIGURE_SETTINGS,
        weights: { onTimeReply: 0, signOnTime: 0, satisfaction: 0, redo: 0, overdue: 1 },
      })?.score,
    ).toBe(99.9);
    // Nothing in hand, nothing done: not ranked.
    expect(
      rankingOf(emptyCounts(), ratesOf(emptyCounts(), DEFAULT_FIGURE_SETTINGS), DEFAULT_FIGURE_SETTINGS),
    ).toBeNull();
  });
});

const dispatchedPayload = {
  leadUnitId: 4,
  coUnitIds: [],
  urgency: 'normal',
  signBy: null,
  returnBy: null,
  handleBy: null,
  coUnitBy: null,
  clippedByCity: [],
  note: null,
} as const satisfies EventPayloads['dispatched'];
const mark = { deadline: '2026-01-01T00:00:00.000Z' };

describe('event facts for the figures', () => {
  it('co-unit events concern the co-unit, a dispatch the new lead, the rest the lead before', () => {
    expect(
      eventFacts({ type: 'co_opinion_given', payload: { unitId: 9, content: '已核实', late: true } }, 3, 3),
    ).toEqual({
      unitId: 9,
      outcome: 'late',
    });
    expect(eventFacts({ type: 'dispatched', payload: dispatchedPayload }, null, 4)).toEqual({
      unitId: 4,
      outcome: null,
    });
    expect(
      eventFacts({ type: 'return_approved', payload: { opinion: null, dispatchBy: null } }, 3, null),
    ).toEqual({
      unitId: 3,
      outcome: null,
    });
    expect(
      eventFacts({ type: 'callback_recorded', payload: { result: 'unsatisfied', note: '仍未修好' } }, 3, 3)
        .outcome,
    ).toBe('unsatisfied');
    expect(
      eventFacts(
        {
          type: 'redo_ordered',
          payload: { reasons: ['late', 'unclear'], opinion: '请重办', handleBy: '2026-01-01T00:00:00.000Z' },
        },
        3,
        3,
      ).outcome,
    ).toBe('late,unclear');
  });
});

describe('importing a year', () => {
  it('lays out every day and refuses make-up days on weekdays and dates of another year', () => {
    const days = buildYear(2027, {
      holidays: [{ date: '2027-01-01', name: '元旦' }],
      makeupDays: [{ date: '2027-01-02', name: '元旦' }],
    });
    expect(days).toHaveLength(365);
    expect(days[0]).toEqual({ date: '2027-01-01', kind: 'holiday', name: '元旦' });
    expect(days[1]).toEqual({ date: '2027-01-02', kind: 'makeup', name: '元旦' });
    expect(days[2]).toEqual({ date: '2027-01-03', kind: 'weekend', name: null });
    expect(() => buildYear(2027, { holidays: [], makeupDays: [{ date: '2027-01-04', name: 'x' }] })).toThrow(
      /周末/,
    );
    expect(() => buildYear(2027, { holidays: [{ date: '2026-12-31', name: 'x' }], makeupDays: [] })).toThrow(
      /2027/,
    );
  });
});

describe('who sees what and who is told', () => {
  it('a unit sees only orders it works on; administrators see none', () => {
    expect(canSeeOrder(actor(['unit_liaison'], 7), { channel: 'phone', activeUnitIds: [7, 8] })).toBe(true);
    expect(canSeeOrder(actor(['unit_liaison'], 7), { channel: 'phone', activeUnitIds: [8] })).toBe(false);
    expect(canSeeOrder(actor(['admin']), { channel: 'phone', activeUnitIds: [7] })).toBe(false);
    expect(orderScope(actor(['county_leader']))).toEqual({ kind: 'all' });
  });

  it('overdue and sign-overdue go to liaison B as well; a new co-unit order goes to the co-unit', () => {
    const facts = { code: 'HY1', title: '路灯', leadUnitId: 3, coUnitIds: [4] };
    expect(noticesFor({ type: 'overdue', payload: mark }, facts)[0]?.audience).toEqual({
      kind: 'unit',
      unitId: 3,
      includeB: true,
    });
    expect(noticesFor({ type: 'sign_overdue', payload: mark }, facts)[0]?.audience).toEqual({
      kind: 'unit',
      unitId: 3,
      includeB: true,
    });
    expect(noticesFor({ type: 'due_soon', payload: mark }, facts)[0]?.audience).toEqual({
      kind: 'unit',
      unitId: 3,
      includeB: false,
    });
    expect(noticesFor({ type: 'dispatched', payload: dispatchedPayload }, facts).map((n) => n.title)).toEqual(
      ['新工单待签收', '新协办工单'],
    );
    expect(noticesFor({ type: 'signed', payload: { late: false } }, facts)).toEqual([]);
  });

  it('审批超时 tells the dispatchers which request waited and until when; an old mark says either', () => {
    const facts = { code: 'HY1', title: '路灯', leadUnitId: 3, coUnitIds: [] };
    const deadline = '2026-03-10T07:00:00.000Z';
    const [ret] = noticesFor({ type: 'decision_overdue', payload: { deadline, request: 'return' } }, facts);
    expect(ret?.audience).toEqual({ kind: 'role', role: 'dispatcher' });
    expect(ret?.title).toBe('回退申请审批超时');
    expect(ret?.body).toContain('的回退申请已过审批时限（2026-03-10 15:00）仍未审批');
    const [old] = noticesFor({ type: 'decision_overdue', payload: { deadline } }, facts);
    expect(old?.title).toBe('单位申请审批超时');
    expect(old?.body).toContain('单位申请（延期或回退）');
  });
});

describe('bulletins and hot words', () => {
  it('names the units with overdue orders, worst first, and says when nobody is criticised', () => {
    const unit = (unitName: string, overdue: number) => ({
      unitId: 1,
      unitName,
      received: 1,
      overdue,
      stillOverdue: 0,
      signLate: 0,
      coSilent: 0,
      redone: 0,
      poorReplies: 0,
      repeatedComplaints: 0,
      cityBulletins: 0,
      accountabilities: 0,
    });
    const f = {
      from: '2026-03-01',
      to: '2026-03-31',
      received: 9,
      closed: 5,
      overdue: 3,
      redone: 0,
      dispatchLate: 2,
      decisionLate: 1,
      units: [unit('甲局', 1), unit('乙局', 2), unit('丙局', 0)],
    };
    expect(criticised(f).map((u) => u.unitName)).toEqual(['乙局', '甲局']);
    expect(draftBulletin(f, '2026-04-01')).toContain('乙局2件、甲局1件');
    expect(draftBulletin(f, '2026-04-01')).toContain('县热线办分发超时2件，审批超时1件。');
    expect(draftBulletin({ ...f, units: [unit('丙局', 0)] }, '2026-04-01')).toContain('无通报批评单位');
    const named = { ...unit('丁局', 0), cityBulletins: 2, accountabilities: 1 };
    expect(criticised({ ...f, units: [named] }).map((u) => u.unitName)).toEqual(['丁局']);
    expect(draftBulletin({ ...f, units: [named] }, '2026-04-01')).toContain(
      '（六）被市政府通报。丁局2次（已追究责任1项）。',
    );
    // An order overdue since an earlier period and still open, and a sign-for deadline missed,
    // name the unit too, each in its own line.
    const old = { ...unit('戊局', 0), stillOverdue: 1 };
    const unsigned = { ...unit('己局', 0), signLate: 2 };
    const both = draftBulletin({ ...f, units: [old, unsigned] }, '2026-04-01');
    expect(criticised({ ...f, units: [old, unsigned] }).map((u) => u.unitName)).toEqual(['戊局', '己局']);
    expect(both).toContain('截至2026年4月1日仍超期未办结的：戊局1件。');
    expect(both).toContain('（二）超时未签收。己局2件。');
    // A co-unit that let its deadline pass without an opinion is named in its own line (协办不力).
    const silent = { ...unit('庚局', 0), coSilent: 1 };
    expect(criticised({ ...f, units: [silent] }).map((u) => u.unitName)).toEqual(['庚局']);
    expect(draftBulletin({ ...f, units: [silent] }, '2026-04-01')).toContain(
      '（七）协办不力。协办单位到期未提出协办意见的：庚局1件。',
    );
    expect(draftBulletin(f, '2026-04-01')).toContain(
      '（七）协办不力。协办单位到期未提出协办意见的：本期无此类情况。',
    );
    // An official document's punctuation is full-width, its quotation marks in pairs.
    const text = draftBulletin(f, '2026-04-01');
    expect(text).toContain('各乡镇人民政府，县政府各部门、各直属机构：');
    expect(text).toContain('“事事有回音、件件有答复”');
    expect(text).not.toMatch(/[,:;()"]/);
  });

  it('hot words rise against the previous period and skip empty words', () => {
    const words = hotWords(['小区路灯损坏', '路灯不亮问题', '供暖温度低'], ['供暖温度低']).map((w) => w.word);
    expect(words).toContain('路灯');
    expect(words).not.toContain('问题');
    expect(words).not.toContain('供暖');
  });

  it('hot words leave out the parts of names in every address (人民路) and counts summed before', () => {
    const words = hotWords(
      ['人民路路灯不亮', '人民医院门口路灯坏了', '人民广场项目噪音', '项目工地噪音'],
      [],
    ).map((w) => w.word);
    expect(words).toContain('路灯');
    expect(words).not.toContain('人民');
    expect(words).not.toContain('项目');
    expect(
      hotWordsOf(
        new Map([
          ['人民', 9],
          ['电梯', 3],
        ]),
        new Map(),
      ).map((w) => w.word),
    ).toEqual(['电梯']);
  });
});
