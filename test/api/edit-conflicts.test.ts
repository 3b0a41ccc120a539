import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, refused } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

interface Versioned {
  id: number;
  version: number;
}
type UnitView = Versioned & { code: string; name: string; kind: string; remit: string; synonyms: string[] };
type CategoryView = Versioned & { level1: string; level2: string; level3: string; synonyms: string[] };
type UserView = Versioned & Record<string, unknown> & { username: string; name: string };

/**
 * Two windows open on one unit, account or category: the first save wins, the second is refused
 * (409) instead of putting back what the first changed, and nothing of it is written.
 */
describe(`edit forms saved over a changed row (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  it('a unit: its details and its synonyms', async () => {
    const admin = await t.as('admin');
    const office = await t.as('dispatcher');
    const units = async () => ((await ok(admin.get('/api/units'))) as unknown as { items: UnitView[] }).items;
    const opened = (await units()).find((u) => u.code === 'water') as UnitView;
    const body = (remit: string) => ({
      code: opened.code,
      name: opened.name,
      kind: opened.kind,
      remit,
      active: true,
      version: opened.version,
    });
    const first = (await ok(
      admin.put(`/api/units/${opened.id}`, body('第一个窗口写的职能')),
    )) as unknown as UnitView;
    expect(first.version).toBe(opened.version + 1);
    const r = await refused(
      admin.put(`/api/units/${opened.id}`, body('第二个窗口写的职能')),
      409,
      'VERSION_CONFLICT',
    );
    expect(r.message).toContain('县水务局');
    expect((await units()).find((u) => u.id === opened.id)?.remit).toBe('第一个窗口写的职能');
    // The synonyms are part of the unit: a list opened before that save is stale too.
    await refused(
      office.put(`/api/units/${opened.id}/synonyms`, { synonyms: ['自来水'], version: opened.version }),
      409,
      'VERSION_CONFLICT',
    );
    const words = (await ok(
      office.put(`/api/units/${opened.id}/synonyms`, { synonyms: ['自来水'], version: first.version }),
    )) as unknown as UnitView;
    expect(words.synonyms).toEqual(['自来水']);
    // Without a version (an older client) the save is written over whatever is there.
    await ok(admin.put(`/api/units/${opened.id}`, { ...body('不带版本号'), version: undefined }));
  });

  it('an account', async () => {
    const admin = await t.as('admin');
    const users = (await ok(admin.get('/api/users'))) as unknown as { items: UserView[] };
    const opened = users.items.find((u) => u.username === 'water-b') as UserView;
    const { id, unitName, roleLabels, totpEnabled, version, ...fields } = opened;
    const first = (await ok(
      admin.put(`/api/users/${id}`, { ...fields, name: '第一窗口', version }),
    )) as unknown as UserView;
    expect(first.version).toBe(version + 1);
    await refused(
      admin.put(`/api/users/${id}`, { ...fields, name: '第二窗口', version }),
      409,
      'VERSION_CONFLICT',
    );
    const after = (await ok(admin.get('/api/users'))) as unknown as { items: UserView[] };
    expect(after.items.find((u) => u.id === id)?.name).toBe('第一窗口');
  });

  it('a category: its name and its synonyms, words added in two windows', async () => {
    const admin = await t.as('admin');
    const list = async () =>
      ((await ok(admin.get('/api/categories'))) as unknown as { items: CategoryView[] }).items;
    const opened = (await list())[0] as CategoryView;
    await ok(
      admin.put(`/api/categories/${opened.id}/synonyms`, {
        synonyms: [...opened.synonyms, '暖气片'],
        version: opened.version,
      }),
    );
    await refused(
      admin.put(`/api/categories/${opened.id}/synonyms`, {
        synonyms: [...opened.synonyms, '地暖'],
        version: opened.version,
      }),
      409,
      'VERSION_CONFLICT',
    );
    const now = (await list()).find((c) => c.id === opened.id) as CategoryView;
    expect(now.synonyms).toContain('暖气片');
    expect(now.synonyms).not.toContain('地暖');
    const { level1, level2, level3 } = opened;
    await refused(
      admin.put(`/api/categories/${opened.id}`, {
        level1,
        level2,
        level3: '改名',
        active: true,
        version: opened.version,
      }),
      409,
      'VERSION_CONFLICT',
    );
    expect((await list()).find((c) => c.id === opened.id)?.level3).toBe(level3);
  });
});
