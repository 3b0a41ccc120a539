import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AuditVocabulary, auditChanges } from '../../src/domain/audit-changes.js';

const plain: AuditVocabulary = { label: () => undefined, hidden: () => false, value: () => undefined };

const named: AuditVocabulary = {
  label: (field) =>
    ({ signWorkingDays: '签收时限（工作日）', 'weights.redo': '考核权重：重办', unitId: '所属单位' })[field],
  hidden: (field) => field === 'version',
  value: (field, value) => (field === 'unitId' && value === 4 ? '县住房和城乡建设局' : undefined),
};

describe('what an audit entry changed, in words', () => {
  it('lists only the fields whose values differ, named and written for a reader', () => {
    const changes = auditChanges(
      { signWorkingDays: 1, version: 3, unitId: 4, totpRequired: false },
      { signWorkingDays: 2, version: 4, unitId: 4, totpRequired: true },
      named,
    );
    expect(changes).toEqual([
      { field: 'signWorkingDays', label: '签收时限（工作日）', before: '1', after: '2' },
      { field: 'totpRequired', label: 'totpRequired', before: '否', after: '是' },
    ]);
  });

  it('walks nested settings by path, and names ids', () => {
    const changes = auditChanges(
      { weights: { redo: 10, overdue: 20 }, unitId: 9 },
      { weights: { redo: 15, overdue: 20 }, unitId: 4 },
      named,
    );
    expect(changes).toEqual([
      { field: 'weights.redo', label: '考核权重：重办', before: '10', after: '15' },
      { field: 'unitId', label: '所属单位', before: '9', after: '县住房和城乡建设局' },
    ]);
  });

  it('writes a creation as the values it was created with, empty ones said so', () => {
    const changes = auditChanges(null, { name: '新同事', email: null, roles: ['unit_liaison'] }, plain);
    expect(changes).toEqual([
      { field: 'name', label: 'name', before: null, after: '新同事' },
      { field: 'email', label: 'email', before: null, after: '（空）' },
      { field: 'roles', label: 'roles', before: null, after: 'unit_liaison' },
    ]);
  });

  it('writes instants in Beijing time and cuts long texts', () => {
    const long = '负责'.repeat(60);
    const [at, remit] = auditChanges(
      { awayUntil: null, remit: '' },
      { awayUntil: '2026-03-02T01:00:00.000Z', remit: long },
      plain,
    );
    expect(at?.after).toBe('2026-03-02 09:00');
    expect(remit?.after).toBe(`${long.slice(0, 80)}…`);
  });

  it('shows a long list, or a list of records, by what was taken out and what was put in', () => {
    const days = (n: number) =>
      Array.from({ length: n }, (_, i) => `2027-02-${String(i + 1).padStart(2, '0')}`);
    const [list] = auditChanges({ days: days(8) }, { days: [...days(7), '2027-05-01'] }, plain);
    expect(list).toEqual({
      field: 'days',
      label: 'days（只列出删去和增加的）',
      before: '2027-02-08',
      after: '2027-05-01',
    });
    const [records] = auditChanges(
      [{ date: '2026-03-07', kind: 'makeup' }],
      [
        { date: '2026-03-07', kind: 'makeup' },
        { date: '2026-10-10', kind: 'makeup' },
      ],
      plain,
    );
    expect(records).toMatchObject({ field: '', before: null, after: '2026-10-10 makeup' });
  });

  it('short lists are written whole on both sides', () => {
    expect(auditChanges({ synonyms: ['住建局'] }, { synonyms: ['住建局', '建设局'] }, plain)).toEqual([
      { field: 'synonyms', label: 'synonyms', before: '住建局', after: '住建局、建设局' },
    ]);
    expect(auditChanges({ synonyms: ['住建局'] }, { synonyms: [] }, plain)[0]?.after).toBe('（无）');
  });

  const snapshot = fc.dictionary(
    fc.constantFrom('a', 'b', 'c', 'd'),
    fc.oneof(
      fc.integer(),
      fc.boolean(),
      fc.string(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
    ),
  );

  it('finds no change between a snapshot and itself', () => {
    fc.assert(fc.property(snapshot, (s) => auditChanges(s, structuredClone(s), plain).length === 0));
  });

  it('names exactly the fields whose values differ', () => {
    fc.assert(
      fc.property(snapshot, snapshot, (before, after) => {
        const differing = [...new Set([...Object.keys(after), ...Object.keys(before)])].filter(
          (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
        );
        const changes = auditChanges(before, after, plain);
        expect(changes.map((c) => c.field).sort()).toEqual(differing.sort());
        for (const c of changes) {
          expect(c.before === null).toBe(!(c.field in before));
          expect(c.after === null).toBe(!(c.field in after));
        }
      }),
    );
  });
});
