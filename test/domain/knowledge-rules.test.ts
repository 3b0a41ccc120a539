import { describe, expect, it } from 'vitest';
import {
  checkCitable,
  checkContent,
  checkNoPending,
  checkOwnership,
  inForce,
  type KnowledgeContent,
  offerable,
  validity,
} from '../../src/domain/knowledge/entries.js';
import { decide } from '../../src/domain/workflow/decide.js';
import { allowedActions } from '../../src/domain/workflow/preconditions.js';
import { sh } from './calendar-fixture.js';
import { actors, ctxOf, refusalOf } from './factories.js';
import { citation, reach, T } from './workflow-fixture.js';

const content = (over: Partial<KnowledgeContent> = {}): KnowledgeContent => ({
  kind: 'policy',
  title: '城乡低保申请条件',
  body: '具有本县户籍,家庭成员人均月收入低于当地低保标准的,可向乡镇人民政府提出申请。',
  keywords: [],
  categoryId: null,
  sourceDocument: '河民发〔2026〕3号',
  sourceDate: '2026-01-08',
  validFrom: '2026-01-08',
  validUntil: '2026-12-31',
  ...over,
});

describe('knowledge entries', () => {
  it('checks a proposal’s content, counting substance not punctuation of either width', () => {
    expect(checkContent(content({ title: '  低保条件标准  ' })).title).toBe('低保条件标准');
    expect(refusalOf(() => checkContent(content({ title: '低保，，。。！！' }))).code).toBe(
      'KNOWLEDGE_TITLE_TOO_SHORT',
    );
    expect(
      refusalOf(() => checkContent(content({ body: '详见文件。。。。，，，，；；；；！！！！' }))).code,
    ).toBe('KNOWLEDGE_BODY_TOO_SHORT');
    expect(refusalOf(() => checkContent(content({ sourceDocument: '：' }))).code).toBe(
      'KNOWLEDGE_SOURCE_REQUIRED',
    );
    expect(refusalOf(() => checkContent(content({ validUntil: '2025-12-31' }))).code).toBe(
      'KNOWLEDGE_VALIDITY_INVALID',
    );
  });

  it('is in force from its first to its last day; open-ended without an end', () => {
    const v = { validFrom: '2026-01-01', validUntil: '2026-12-31' };
    expect(inForce(v, '2025-12-31')).toBe(false);
    expect(inForce(v, '2026-01-01')).toBe(true);
    expect(inForce(v, '2026-12-31')).toBe(true);
    expect(inForce(v, '2027-01-01')).toBe(false);
    expect(inForce({ validFrom: '2020-01-01', validUntil: null }, '2099-01-01')).toBe(true);
  });

  it('says when its validity needs its unit: ending within 30 days, ended, not yet begun', () => {
    const v = { validFrom: '2026-01-01', validUntil: '2026-12-31' };
    expect(validity(v, '2025-12-29')).toEqual({ kind: 'not_yet', days: 3 });
    expect(validity(v, '2026-06-01')).toEqual({ kind: 'in_force' });
    expect(validity(v, '2026-12-01')).toEqual({ kind: 'expiring', days: 30 });
    expect(validity(v, '2026-11-30')).toEqual({ kind: 'in_force' });
    expect(validity(v, '2026-12-31')).toEqual({ kind: 'expiring', days: 0 });
    expect(validity(v, '2027-01-01')).toEqual({ kind: 'expired' });
    expect(validity({ validFrom: '2020-01-01', validUntil: null }, '2099-01-01')).toEqual({
      kind: 'in_force',
    });
  });

  it('offers only the approved current version in force', () => {
    const v = { id: 7, entryId: 3, status: 'approved' as const, validFrom: '2026-01-01', validUntil: null };
    expect(offerable(v, 7, '2026-03-02')).toBe(true);
    expect(offerable(v, 8, '2026-03-02')).toBe(false);
    expect(offerable({ ...v, status: 'pending' }, 7, '2026-03-02')).toBe(false);
    expect(offerable({ ...v, validUntil: '2026-03-01' }, 7, '2026-03-02')).toBe(false);
  });

  it('a unit proposes only for itself, one proposal at a time', () => {
    expect(() => checkOwnership(5, 5, false)).not.toThrow();
    expect(() => checkOwnership(1, 5, true)).not.toThrow();
    expect(refusalOf(() => checkOwnership(6, 5, false)).code).toBe('KNOWLEDGE_NOT_OWN_UNIT');
    expect(refusalOf(() => checkNoPending([{ status: 'approved' }, { status: 'pending' }])).code).toBe(
      'KNOWLEDGE_PENDING_EXISTS',
    );
  });
});

describe('直办: a consultation answered on the spot from the knowledge base', () => {
  const consultation = () => ({ ...reach('pending_dispatch'), type: 'consult' as const });
  const ctx = ctxOf(actors.dispatcher, T.later);
  const command = (
    over: Partial<ReturnType<typeof citation>> | null = {},
    answer = '已按文件规定向来电人解答申请条件。',
  ) => ({
    action: 'answerOnSpot' as const,
    citation: over === null ? null : citation(over),
    answer,
  });

  it('closes the consultation with the entry and its version cited', () => {
    const d = decide(consultation(), command(), ctx);
    expect(d.to).toBe('closed');
    expect(d.patch).toEqual({ closedAt: T.later, answeredOnSpotVersionId: 7 });
    expect(d.assignments).toEqual([]);
    expect(d.events[0]).toMatchObject({
      type: 'answered_on_spot',
      payload: { entryId: 3, versionId: 7, versionNo: 2, title: '城乡居民最低生活保障申请条件' },
    });
  });

  it('is refused with a Chinese reason for anything but a consultation', () => {
    for (const type of ['complaint', 'help', 'report'] as const) {
      const order = { ...reach('pending_dispatch'), type };
      expect(allowedActions(order, ctx)).not.toContain('answerOnSpot');
      const r = refusalOf(() => decide(order, command(), ctx));
      expect(r.code).toBe('NOT_A_CONSULTATION');
      expect(r.message).toContain('咨询');
    }
    expect(allowedActions(consultation(), ctx)).toContain('answerOnSpot');
  });

  it('is refused without a valid entry: none, not current, not approved, expired, not yet valid', () => {
    const cases: Array<[Parameters<typeof command>[0], string]> = [
      [null, 'KNOWLEDGE_ENTRY_REQUIRED'],
      [{ isCurrent: false }, 'KNOWLEDGE_NOT_CURRENT'],
      [{ status: 'pending' }, 'KNOWLEDGE_NOT_CURRENT'],
      [{ status: 'returned' }, 'KNOWLEDGE_NOT_CURRENT'],
      [{ validUntil: '2026-03-01' }, 'KNOWLEDGE_EXPIRED'],
      [{ validFrom: '2026-04-01' }, 'KNOWLEDGE_NOT_YET_VALID'],
    ];
    for (const [over, code] of cases) {
      const r = refusalOf(() => decide(consultation(), command(over), ctx));
      expect(r.code).toBe(code);
      expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    // the last day of validity still counts (Beijing date)
    expect(() => checkCitable(citation({ validUntil: '2026-03-02' }), '2026-03-02')).not.toThrow();
    expect(
      decide(
        consultation(),
        command({ validUntil: '2026-03-02' }),
        ctxOf(actors.dispatcher, sh('2026-03-02T23:59')),
      ).to,
    ).toBe('closed');
  });

  it('needs what the caller was told; only from 待派发, only by the dispatcher', () => {
    expect(refusalOf(() => decide(consultation(), command({}, '好的，，。。'), ctx)).code).toBe(
      'ON_SPOT_ANSWER_REQUIRED',
    );
    const dispatched = { ...reach('pending_sign'), type: 'consult' as const };
    expect(refusalOf(() => decide(dispatched, command(), ctx)).code).toBe('INVALID_STATE');
    expect(refusalOf(() => decide(consultation(), command(), ctxOf(actors.reviewer, T.later))).code).toBe(
      'NOT_ALLOWED_FOR_ACTOR',
    );
  });
});
