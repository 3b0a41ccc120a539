import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LabelledText, TextClassifier } from '../../src/domain/assistant/classifier.js';
import { crossValidate, stratifiedFolds } from '../../src/domain/assistant/evaluation.js';
import { jiebaSegmenter } from '../../src/domain/assistant/segmenter.js';
import { messageFeatures, textFeatures } from '../../src/domain/assistant/text-features.js';

const f = (text: string) => textFeatures(text, jiebaSegmenter);
const examples = (label: string, texts: string[], against = false): LabelledText[] =>
  texts.map((t) => ({ features: f(t), label, against }));

const HEAT = ['家里暖气不热，屋里才十二度', '暖气片冰凉，交了取暖费还是冷', '供暖温度不达标，老人冻得受不了'];
const WAGE = ['老板拖欠工资三个月不给', '工地包工头欠我们工钱', '干完活工资一直拿不到'];
const FOOD = ['超市卖过期牛奶', '饭馆的菜里吃出虫子', '买的食品过期了还在卖'];

describe('text features', () => {
  it('treats full-width and ASCII punctuation, letters and digits alike', () => {
    expect(f('暖气不热，屋里１２度！')).toEqual(f('暖气不热,屋里12度!'));
  });

  it('has jieba words and character bigrams, and counts the title twice', () => {
    const features = f('暖气不热');
    expect(features).toContain('w暖气');
    expect(features).toContain('b气不');
    const m = messageFeatures('暖气', '', jiebaSegmenter);
    expect(m.filter((x) => x === 'w暖气')).toHaveLength(2);
  });
});

describe('the text classifier', () => {
  const train = () =>
    TextClassifier.train([
      ...examples('housing', HEAT),
      ...examples('hrss', WAGE),
      ...examples('market', FOOD),
    ]);

  it('learns: unseen messages go to the class whose words they share', async () => {
    const model = await train();
    expect(model.rank(f('我家暖气一点都不热'), 1)[0]?.label).toBe('housing');
    expect(model.rank(f('包工头拖欠工资'), 1)[0]?.label).toBe('hrss');
    expect(model.rank(f('超市的牛奶过期了'), 1)[0]?.label).toBe('market');
  });

  it('ranks the top k by confidence, each in [0, 1], summing to at most 1', async () => {
    const model = await train();
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 30 }), fc.integer({ min: 1, max: 5 }), async (text, k) => {
        const ranked = model.rank(f(text), k);
        expect(ranked).toHaveLength(Math.min(k, 3));
        for (const r of ranked) expect(r.confidence).toBeGreaterThanOrEqual(0);
        for (const r of ranked) expect(r.confidence).toBeLessThanOrEqual(1);
        for (let i = 1; i < ranked.length; i++)
          expect(ranked[i - 1]?.confidence).toBeGreaterThanOrEqual(ranked[i]?.confidence as number);
        expect(ranked.reduce((s, r) => s + r.confidence, 0)).toBeLessThanOrEqual(1 + 1e-9);
        expect(new Set(ranked.map((r) => r.label)).size).toBe(ranked.length);
      }),
      { numRuns: 40 },
    );
  });

  it('a returned dispatch counts against its unit', async () => {
    // Street lights: the office sent some to housing, which returned them; urban kept the rest.
    const lights = ['小区门口路灯坏了', '路灯不亮晚上很黑', '街上的路灯坏了半个月'];
    const base = [
      ...examples('housing', [...HEAT, lights[0] as string]),
      ...examples('urban', lights.slice(1)),
    ];
    const message = f('我们这条街的路灯坏了');
    const ranked = async (extra: LabelledText[]) =>
      (await TextClassifier.train([...base, ...extra])).rank(message, 3);
    const housing = (r: Awaited<ReturnType<typeof ranked>>) =>
      r.find((x) => x.label === 'housing')?.confidence ?? 0;
    const before = await ranked([]);
    const after = await ranked(examples('housing', lights, true));
    expect(housing(after)).toBeLessThan(housing(before) * 0.7);
    expect(after[0]?.label).toBe('urban');
  });

  it('complement naive Bayes, the baseline, learns too', async () => {
    const model = await TextClassifier.train([...examples('housing', HEAT), ...examples('hrss', WAGE)], {
      algorithm: 'complement-nb',
    });
    expect(model.rank(f('暖气不热'), 1)[0]?.label).toBe('housing');
  });
});

describe('stratified cross-validation', () => {
  it('spreads every class evenly over the folds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 10, maxLength: 200 }),
        fc.integer({ min: 2, max: 6 }),
        (labels, k) => {
          const fold = stratifiedFolds(labels, k);
          for (const l of new Set(labels)) {
            const counts = new Array(k).fill(0);
            labels.forEach((x, i) => {
              if (x === l) counts[fold[i] as number]++;
            });
            expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });

  it('reports top-1, top-3 and per-class figures from models trained without the test fold', async () => {
    const rows = [...examples('housing', HEAT), ...examples('hrss', WAGE), ...examples('market', FOOD)];
    const seen: number[] = [];
    const r = await crossValidate(rows, 3, async (train) => {
      seen.push(train.length);
      const m = await TextClassifier.train(train);
      return (x) => m.rank(x, 3);
    });
    expect(seen).toEqual([6, 6, 6]);
    expect(r.rows).toBe(9);
    expect(r.top3).toBe(1);
    expect(r.top1).toBeGreaterThanOrEqual(0.6);
    expect(r.perClass.map((c) => c.label)).toEqual(['housing', 'hrss', 'market']);
  });
});
