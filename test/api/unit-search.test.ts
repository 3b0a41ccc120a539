import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchesSearch } from '../../src/domain/search-match.js';
import { searchTextOf } from '../../src/domain/search-text.js';
import { ok, refused } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

type Unit = { id: number; code: string; name: string; synonyms: string[]; searchText: string };

describe('the search text of a name and its synonyms', () => {
  it('holds each word, its pinyin initials and its full pinyin, never across two words', () => {
    const text = searchTextOf(['县住房和城乡建设局', '住建局']);
    expect(matchesSearch(text, 'zjj')).toBe(true);
    expect(matchesSearch(text, 'zhujianju')).toBe(true);
    expect(matchesSearch(text, '城乡建设')).toBe(true);
    expect(matchesSearch(text, 'ZJ J')).toBe(true);
    // 「局住」 spans the end of one word and the start of the next: no match.
    expect(matchesSearch(text, '局住')).toBe(false);
    expect(matchesSearch(text, '水务')).toBe(false);
  });
});

describe(`unit pickers find what people type (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const units = async (user: string) =>
    ((await ok((await t.as(user)).get('/api/units'))) as unknown as { items: Unit[] }).items;
  const find = async (user: string, query: string) =>
    (await units(user)).filter((u) => matchesSearch(u.searchText, query)).map((u) => u.code);

  it('finds a unit by any part of its name, a synonym, pinyin initials and full pinyin', async () => {
    for (const q of ['住房', '城乡建设', '住建局', 'zjj', 'zhujian', '房管', 'fg'])
      expect(await find('dispatcher', q), q).toContain('housing');
    expect(await find('dispatcher', 'rsj')).toContain('hrss');
    expect(await find('dispatcher', 'zjj')).not.toContain('water');
  });

  it('lets the office add synonyms, audited, and nobody else', async () => {
    const water = (await units('dispatcher')).find((u) => u.name === '县水务局') as Unit;
    expect(await find('dispatcher', '自来水公司')).not.toContain(water.code);
    const saved = (await ok(
      (
        await t.as('dispatcher')
      ).put(`/api/units/${water.id}/synonyms`, {
        synonyms: ['自来水公司', '水利局', '自来水公司'],
      }),
    )) as unknown as Unit;
    expect(saved.synonyms).toEqual(['自来水公司', '水利局']);
    expect(await find('housing-a', '自来水公司')).toContain(water.code);
    expect(await find('housing-a', 'slj')).toContain(water.code);
    expect(await find('housing-a', 'shuiliju')).toContain(water.code);

    const entry = await t.ctx.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'unit.updated')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.detail).toBe('修改同义词');
    expect(JSON.parse(entry.after_json ?? '{}')).toEqual({ synonyms: ['自来水公司', '水利局'] });

    await refused(
      (await t.as('housing-a')).put(`/api/units/${water.id}/synonyms`, { synonyms: ['x'] }),
      403,
      'FORBIDDEN_ROLE',
    );
    await refused(
      (await t.as('dispatcher')).put('/api/units/999999/synonyms', { synonyms: ['x'] }),
      404,
      'UNIT_NOT_FOUND',
    );
    await refused(
      (await t.as('dispatcher')).put(`/api/units/${water.id}/synonyms`, { synonyms: ['   '] }),
      400,
      'VALIDATION_FAILED',
    );
    // The refused changes left the synonyms as they were.
    expect((await units('dispatcher')).find((u) => u.id === water.id)?.synonyms).toEqual([
      '自来水公司',
      '水利局',
    ]);
  });
});
