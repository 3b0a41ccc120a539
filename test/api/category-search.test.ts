import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchesSearch, parseSynonyms } from '../../src/domain/search-match.js';
import { ok, refused } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

type Category = { id: number; level1: string; level3: string; synonyms: string[]; searchText: string };

describe('matching typed text', () => {
  it('takes synonyms separated by full-width or ASCII marks', () => {
    expect(parseSynonyms('排水、下水道，井盖,雨水管; 管网；排水')).toEqual([
      '排水',
      '下水道',
      '井盖',
      '雨水管',
      '管网',
    ]);
  });
  it('ignores case, spaces and marks in the query', () => {
    expect(matchesSearch('基础设施|jcss|jichusheshi', ' JC ss ')).toBe(true);
    expect(matchesSearch('基础设施|jcss|jichusheshi', '排水')).toBe(false);
  });
});

describe(`category pickers find what people type (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const find = async (user: string, query: string) => {
    const { items } = (await ok((await t.as(user)).get('/api/categories'))) as unknown as {
      items: Category[];
    };
    return items.filter((c) => matchesSearch(c.searchText, query)).map((c) => c.level3);
  };

  it('finds the drain category by a synonym, by pinyin initials and by full pinyin', async () => {
    for (const q of ['排水', 'ps', 'paishui', '井盖'])
      expect(await find('dispatcher', q), q).toContain('基础设施');
    // Any level's name matches too, and its initials.
    expect(await find('dispatcher', '城乡建设')).toContain('基础设施');
    expect(await find('dispatcher', 'zlsgy')).toContain('自来水供应');
  });

  it('lets the office add synonyms, and nobody else', async () => {
    const all = (await ok((await t.as('dispatcher')).get('/api/categories'))) as unknown as {
      items: Category[];
    };
    const bus = all.items.find((c) => c.level3 === '公共汽车') as Category;
    expect(await find('dispatcher', '公交站牌')).not.toContain('公共汽车');
    const saved = (await ok(
      (
        await t.as('dispatcher')
      ).put(`/api/categories/${bus.id}/synonyms`, { synonyms: ['公交站牌', '公交车', '公交站牌'] }),
    )) as unknown as Category;
    expect(saved.synonyms).toEqual(['公交站牌', '公交车']);
    expect(await find('housing-a', '公交站牌')).toContain('公共汽车');
    expect(await find('housing-a', 'gjzp')).toContain('公共汽车');

    await refused(
      (await t.as('housing-a')).put(`/api/categories/${bus.id}/synonyms`, { synonyms: ['x'] }),
      403,
      'FORBIDDEN_ROLE',
    );
    await refused(
      (await t.as('dispatcher')).put('/api/categories/999999/synonyms', { synonyms: ['x'] }),
      404,
      'CATEGORY_NOT_FOUND',
    );
    await refused(
      (await t.as('dispatcher')).put(`/api/categories/${bus.id}/synonyms`, { synonyms: [''] }),
      400,
      'VALIDATION_FAILED',
    );
  });
});
