import { describe, expect, it } from 'vitest';
import { clusterMates, DEFAULT_CLUSTER_SETTINGS, decideCluster } from '../../src/domain/clusters.js';
import { placeKey } from '../../src/domain/place-key.js';
import {
  DEFAULT_REPEAT_SETTINGS,
  matchRepeat,
  phoneKey,
  type RepeatFacts,
  rankRepeats,
  repeatedComplaintOf,
  repeatedComplaints,
  similarInText,
} from '../../src/domain/repeats.js';
import { bigramSet, textSimilarity } from '../../src/domain/text-similarity.js';

const S = DEFAULT_REPEAT_SETTINGS;
const facts = (over: Partial<RepeatFacts>): RepeatFacts => ({
  id: 1,
  type: 'complaint',
  phone: '13800001111',
  placeKey: placeKey('桥头镇幸福路8号幸福小区3栋'),
  townshipUnitId: 7,
  categoryId: null,
  text: '幸福小区楼下水管破裂漏水 3栋楼下的自来水管破裂,请尽快维修',
  createdAt: '2026-03-02T01:00:00.000Z',
  open: true,
  repeatOfId: null,
  ...over,
});

describe('repeats: one definition', () => {
  it('keys places and phones typed in different ways alike', () => {
    expect(placeKey('桥头镇幸福路 8 号，幸福小区（3栋）')).toBe(placeKey('桥头镇幸福路8号,幸福小区(3栋)'));
    expect(placeKey('桥头镇幸福路８号')).toBe(placeKey('桥头镇幸福路8号'));
    expect(placeKey('桥头镇')).toBe('');
    expect(phoneKey('+86 138-0000-1111')).toBe('13800001111');
  });

  it('measures similar Chinese text with either punctuation', () => {
    const a = bigramSet('水管破裂，漏水严重！');
    expect(textSimilarity(a, bigramSet('水管破裂,漏水严重!'))).toBe(1);
    expect(textSimilarity(a, bigramSet('咨询社保卡办理流程'))).toBe(0);
  });

  it('finds by phone, place or similar content in the township, and ranks', () => {
    const probe = facts({ id: 10, createdAt: '2026-03-10T01:00:00.000Z' });
    const samePhone = facts({ id: 2, placeKey: '', text: '别的事情完全不同的内容' });
    const samePlace = facts({ id: 3, phone: '13700002222' });
    const similar = facts({ id: 4, phone: '13911112222', placeKey: '', text: '幸福小区水管破裂漏水' });
    const elsewhere = facts({ id: 5, phone: '1', placeKey: '', townshipUnitId: 8 });
    const old = facts({ id: 6, open: false, createdAt: '2026-01-01T00:00:00.000Z' });
    const ranked = rankRepeats(probe, [samePhone, samePlace, similar, elsewhere, old], S);
    expect(ranked.map((r) => r.id)).toEqual([3, 2, 4]);
    expect(ranked.find((r) => r.id === 2)?.match.sameMatter).toBe(false);
    expect(ranked.find((r) => r.id === 3)?.match.sameMatter).toBe(true);
    expect(ranked.find((r) => r.id === 4)?.match.reasons).toEqual(['content']);
  });

  it('「重复投诉」: same caller or place and same matter within the window, or linked', () => {
    const later = facts({ id: 9, createdAt: '2026-03-20T00:00:00.000Z', open: false });
    expect(repeatedComplaintOf(later, [facts({ id: 1, open: false })], S)?.id).toBe(1);
    // Another category from the same caller: not the same matter.
    expect(
      repeatedComplaintOf({ ...later, categoryId: 5 }, [facts({ id: 1, categoryId: 6, open: false })], S),
    ).toBeNull();
    // Outside the window.
    expect(
      repeatedComplaintOf({ ...later, createdAt: '2026-05-01T00:00:00.000Z' }, [facts({ id: 1 })], S),
    ).toBeNull();
    // A consultation never is.
    expect(repeatedComplaintOf({ ...later, type: 'consult' }, [facts({ id: 1 })], S)).toBeNull();
    // Linked by the office, whoever called.
    const stranger = facts({ id: 1, phone: '1', placeKey: '', text: '不相干' });
    expect(repeatedComplaintOf({ ...later, repeatOfId: 1 }, [stranger], S)?.id).toBe(1);
    expect(matchRepeat(later, stranger, S)).toBeNull();
  });

  it('「重复投诉」 over a run: each complaint from `from` on, the phone compared by its digits', () => {
    const first = facts({ id: 1, createdAt: '2026-03-01T00:00:00.000Z', open: false });
    const again = facts({
      id: 2,
      phone: '+86 138-0000-1111',
      placeKey: '',
      createdAt: '2026-03-05T00:00:00.000Z',
    });
    const other = facts({ id: 3, phone: '13999999999', placeKey: '', createdAt: '2026-03-06T00:00:00.000Z' });
    const verdicts = repeatedComplaints([first, again, other], '2026-03-02T00:00:00.000Z', S);
    expect([...verdicts].map(([id, r]) => [id, r?.id ?? null])).toEqual([
      [2, 1],
      [3, null],
    ]);
  });
});

describe('clusters', () => {
  const C = DEFAULT_CLUSTER_SETTINGS;
  const at = (m: number) => new Date(Date.parse('2026-03-02T01:00:00.000Z') + m * 60_000).toISOString();
  const order = (id: number, over: Partial<RepeatFacts> = {}) => ({
    ...facts({ id, phone: `1380000${id}`, createdAt: at(id * 5) }),
    clusterId: null as number | null,
    ...over,
  });

  it('raises at the threshold, then later ones join', () => {
    const one = order(1);
    const two = order(2);
    expect(decideCluster(two, clusterMates(two, [one], C), C)).toEqual({ kind: 'none' });
    const three = order(3);
    expect(decideCluster(three, clusterMates(three, [one, two], C), C)).toEqual({
      kind: 'raise',
      memberIds: [1, 2, 3],
    });
    const four = order(4);
    const mates = clusterMates(four, [{ ...one, clusterId: 9 }, two, three], C);
    expect(decideCluster(four, mates, C)).toEqual({ kind: 'join', clusterId: 9 });
  });

  it('ignores other matters, other places and old ones', () => {
    const probe = order(5);
    expect(clusterMates(probe, [order(1, { text: '咨询社保卡办理' })], C)).toEqual([]);
    expect(clusterMates(probe, [order(2, { townshipUnitId: 8, placeKey: '' })], C)).toEqual([]);
    expect(clusterMates(probe, [order(3, { createdAt: '2026-02-01T00:00:00.000Z' })], C)).toEqual([]);
    expect(clusterMates({ ...probe, type: 'consult' }, [order(4)], C)).toEqual([]);
  });
});

describe('similar text among a township’s orders', () => {
  const rows = [
    { id: 1, text: '幸福家园小区5号楼暖气不热，室温只有十二度' },
    { id: 2, text: '咨询社保卡补办需要带什么材料' },
    { id: 3, text: '幸福家园小区5号楼暖气不热' },
    { id: 4, text: '幸福家园小区暖气温度低，老人孩子受冻' },
  ];

  it('keeps the orders as similar as the content rule asks, most similar first', () => {
    const ids = similarInText('幸福家园小区5号楼暖气不热。', rows, S, 10);
    expect(ids.slice(0, 2)).toEqual([3, 1]);
    expect(ids).not.toContain(2);
  });

  it('agrees with matchRepeat on who is a candidate for content alone, and stops at the limit', () => {
    const probe = facts({ id: 100, text: '幸福家园小区暖气不热', createdAt: '2026-03-10T01:00:00.000Z' });
    const kept = new Set(similarInText(probe.text, rows, S, 10));
    for (const r of rows) {
      const m = matchRepeat(probe, facts({ id: r.id, phone: '', placeKey: '', text: r.text }), S);
      expect(kept.has(r.id)).toBe(m?.reasons.includes('content') ?? false);
    }
    expect(similarInText(probe.text, rows, { ...S, minSimilarity: 0 }, 2)).toHaveLength(2);
  });
});
