import { describe, expect, it } from 'vitest';
import {
  checkFollowUp,
  checkOnSiteVisit,
  checkpointStatuses,
  checkTrackingEnd,
  checkTrackingStart,
} from '../../src/domain/supervision-records.js';
import { refusalCode } from './refusal-code.js';

const now = new Date('2026-03-10T10:00:00+08:00');
const facts = { now, unitIds: [7, 9], finished: false };
const visit = {
  unitId: 7,
  visitedAt: new Date('2026-03-10T09:00:00+08:00'),
  place: '滨河路小区门口',
  visitors: '督查室 王刚、李娜',
  metWith: '住建局副局长 张伟',
  findings: '三盏路灯仍未修复，线路老化待更换。',
  requirements: '承诺三日内更换线路并恢复照明。',
  dueOn: '2026-03-13',
};

describe('现场督办', () => {
  it('accepts a complete visit, trimmed', () => {
    expect(checkOnSiteVisit({ ...visit, place: '  滨河路小区门口 ' }, facts).place).toBe('滨河路小区门口');
  });

  it.each([
    [{ unitId: 8 }, 'SUPERVISED_UNIT_INVALID'],
    [{ visitedAt: new Date('2026-03-10T11:00:00+08:00') }, 'VISIT_TIME_INVALID'],
    [{ place: ' ' }, 'VISIT_PLACE_REQUIRED'],
    [{ visitors: '。' }, 'VISIT_VISITORS_REQUIRED'],
    [{ metWith: '' }, 'VISIT_MET_WITH_REQUIRED'],
    // Full-width punctuation and spaces are not words.
    [{ findings: '已查，，。。！！ ' }, 'VISIT_FINDINGS_REQUIRED'],
    [{ requirements: '好的！' }, 'VISIT_REQUIREMENTS_REQUIRED'],
    [{ dueOn: '2026-03-09' }, 'VISIT_DUE_INVALID'],
    [{ dueOn: '2026-02-30' }, 'VISIT_DUE_INVALID'],
  ])('refuses %o with %s', (change, code) => {
    expect(refusalCode(() => checkOnSiteVisit({ ...visit, ...change }, facts))).toBe(code);
  });

  it('refuses a visit on a finished order', () => {
    expect(refusalCode(() => checkOnSiteVisit(visit, { ...facts, finished: true }))).toBe('ORDER_FINISHED');
  });
});

describe('跟踪督办', () => {
  const start = {
    unitId: 9,
    reason: '群众反复投诉，需持续跟进',
    checkpoints: ['2026-03-17', '2026-03-12', '2026-03-12'],
  };

  it('sorts the checkpoints and drops repeats', () => {
    expect(checkTrackingStart(start, { ...facts, unitsUnderTracking: [] }).checkpoints).toEqual([
      '2026-03-12',
      '2026-03-17',
    ]);
  });

  it.each([
    [{ checkpoints: [] }, [], 'TRACKING_CHECKPOINTS_REQUIRED'],
    [{ checkpoints: ['2026-03-09'] }, [], 'TRACKING_CHECKPOINT_PAST'],
    [{ reason: '跟进' }, [], 'TRACKING_REASON_REQUIRED'],
    [{}, [9], 'TRACKING_ALREADY_OPEN'],
  ])('refuses %o (open for %o) with %s', (change, open, code) => {
    expect(
      refusalCode(() => checkTrackingStart({ ...start, ...change }, { ...facts, unitsUnderTracking: open })),
    ).toBe(code);
  });

  const tracking = {
    startedAt: new Date('2026-03-05T09:00:00+08:00'),
    endedAt: null,
    checkpoints: ['2026-03-08', '2026-03-10', '2026-03-12'],
    followedCheckpoints: ['2026-03-08'],
    followUps: 1,
  };
  const followUp = {
    followedAt: new Date('2026-03-10T09:30:00+08:00'),
    checkpoint: '2026-03-10',
    method: '电话',
    progress: '线路已更换一半，预计周五完工。',
  };

  it('records a follow-up at a checkpoint not yet followed', () => {
    expect(checkFollowUp(followUp, tracking, now).checkpoint).toBe('2026-03-10');
  });

  it('accepts a follow-up entered in the minute tracking started (times are entered to the minute)', () => {
    const started = { ...tracking, startedAt: new Date('2026-03-10T09:30:42+08:00') };
    expect(refusalCode(() => checkFollowUp(followUp, started, now))).toBeUndefined();
    const before = { ...followUp, followedAt: new Date('2026-03-10T09:29:00+08:00') };
    expect(refusalCode(() => checkFollowUp(before, started, now))).toBe('FOLLOW_UP_TIME_INVALID');
  });

  it.each([
    [{ checkpoint: '2026-03-08' }, 'FOLLOW_UP_CHECKPOINT_DONE'],
    [{ checkpoint: '2026-03-11' }, 'FOLLOW_UP_CHECKPOINT_INVALID'],
    [{ followedAt: new Date('2026-03-04T09:00:00+08:00') }, 'FOLLOW_UP_TIME_INVALID'],
    [{ followedAt: new Date('2026-03-11T09:00:00+08:00') }, 'FOLLOW_UP_TIME_INVALID'],
    [{ progress: '在办。' }, 'FOLLOW_UP_PROGRESS_REQUIRED'],
    [{ method: '' }, 'FOLLOW_UP_METHOD_REQUIRED'],
  ])('refuses %o with %s', (change, code) => {
    expect(refusalCode(() => checkFollowUp({ ...followUp, ...change }, tracking, now))).toBe(code);
  });

  it('ends only an open tracking with a follow-up and a conclusion', () => {
    expect(checkTrackingEnd('路灯已全部修复，群众满意。', tracking)).toBe('路灯已全部修复，群众满意。');
    expect(refusalCode(() => checkTrackingEnd('路灯已全部修复。', { ...tracking, followUps: 0 }))).toBe(
      'TRACKING_NO_FOLLOW_UP',
    );
    expect(refusalCode(() => checkTrackingEnd('好。', tracking))).toBe('TRACKING_CONCLUSION_REQUIRED');
    expect(refusalCode(() => checkTrackingEnd('路灯已全部修复。', { ...tracking, endedAt: now }))).toBe(
      'TRACKING_ENDED',
    );
    expect(refusalCode(() => checkFollowUp(followUp, { ...tracking, endedAt: now }, now))).toBe(
      'TRACKING_ENDED',
    );
  });

  it('tells each checkpoint apart: followed, missed, due today, ahead', () => {
    expect(checkpointStatuses(tracking, '2026-03-10').map((c) => c.status)).toEqual(['done', 'due', 'ahead']);
    expect(checkpointStatuses(tracking, '2026-03-11').map((c) => c.status)).toEqual([
      'done',
      'missed',
      'ahead',
    ]);
  });
});
