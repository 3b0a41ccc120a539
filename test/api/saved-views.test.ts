import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeViewQuery } from '../../src/domain/saved-views.js';
import { ok, refused } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

type View = {
  id: number;
  name: string;
  query: string;
  shared: 'private' | 'unit';
  ownerName: string;
  mine: boolean;
  home: boolean;
  version: number;
};
type Views = { items: View[]; homeViewId: number | null };

describe('the filters a view keeps', () => {
  it('drops the page and empty values and orders the keys', () => {
    expect(normalizeViewQuery('?state=pending_sign&page=3&q=&due=overdue')).toBe(
      'due=overdue&state=pending_sign',
    );
    expect(normalizeViewQuery('q=%E6%8E%92%E6%B0%B4&state=handling')).toBe(
      normalizeViewQuery('state=handling&q=排水'),
    );
  });
});

describe(`saved views (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const views = async (user: string) =>
    (await ok((await t.as(user)).get('/api/saved-views?list=orders'))) as unknown as Views;
  const names = async (user: string) => (await views(user)).items.map((v) => v.name);
  const save = async (user: string, body: Record<string, unknown>) =>
    (await ok((await t.as(user)).post('/api/saved-views', body), 201)) as unknown as View;

  it('keeps a view to its owner, or shares it with the unit and nobody else', async () => {
    const mine = await save('housing-a', {
      name: ' 超期未办结 ',
      query: 'due=overdue&state=handling&page=2',
    });
    expect(mine).toMatchObject({
      name: '超期未办结',
      query: 'due=overdue&state=handling',
      shared: 'private',
      mine: true,
    });
    const shared = await save('housing-a', {
      name: '本周待签收',
      query: 'state=pending_sign&period=this_week',
      shared: 'unit',
    });
    // Kept as 「本周」, not as this week's dates: next week it shows next week's orders.
    expect(shared.query).toBe('period=this_week&state=pending_sign');

    expect(await names('housing-a')).toEqual(expect.arrayContaining(['超期未办结', '本周待签收']));
    // The unit's other liaison sees the shared one only, and cannot change it.
    expect(await names('housing-b')).toEqual(['本周待签收']);
    expect((await views('housing-b')).items[0]).toMatchObject({ mine: false, ownerName: expect.any(String) });
    // Another unit and the office see neither.
    expect(await names('town-qiaotou-a')).toEqual([]);
    expect(await names('dispatcher')).toEqual([]);

    // Office staff share with the office.
    await save('dispatcher', { name: '今日待派发', query: 'state=pending_dispatch', shared: 'unit' });
    expect(await names('reviewer')).toEqual(['今日待派发']);
    expect(await names('housing-a')).not.toContain('今日待派发');

    // Only the owner edits or deletes; a view not shared with you does not exist for you.
    const body = { name: '改名', query: 'state=handling', shared: 'unit', version: shared.version };
    await refused(
      (await t.as('housing-b')).put(`/api/saved-views/${shared.id}`, body),
      403,
      'SAVED_VIEW_NOT_OWNER',
    );
    await refused(
      (await t.as('town-qiaotou-a')).put(`/api/saved-views/${shared.id}`, body),
      404,
      'SAVED_VIEW_NOT_FOUND',
    );
    await refused(
      (await t.as('housing-b')).put(`/api/saved-views/${mine.id}`, body),
      404,
      'SAVED_VIEW_NOT_FOUND',
    );
    await refused(
      (await t.as('housing-b')).delete(`/api/saved-views/${shared.id}?version=${shared.version}`),
      403,
      'SAVED_VIEW_NOT_OWNER',
    );
    expect(await names('housing-b')).toEqual(['本周待签收']);
  });

  it('refuses a stale version, a taken name and filters the list does not know, changing nothing', async () => {
    const view = await save('housing-a', { name: '预警', query: 'due=due_soon' });
    const changed = (await ok(
      (
        await t.as('housing-a')
      ).put(`/api/saved-views/${view.id}`, {
        name: '预警(本单位)',
        query: 'due=due_soon',
        shared: 'unit',
        version: view.version,
      }),
    )) as unknown as View;
    expect(changed).toMatchObject({ version: view.version + 1, shared: 'unit', name: '预警(本单位)' });
    // The same edit sent from a second window, which saw the old version.
    await refused(
      (await t.as('housing-a')).put(`/api/saved-views/${view.id}`, {
        name: '预警',
        query: 'due=overdue',
        shared: 'private',
        version: view.version,
      }),
      409,
      'VERSION_CONFLICT',
    );
    await refused(
      (await t.as('housing-a')).delete(`/api/saved-views/${view.id}?version=${view.version}`),
      409,
      'VERSION_CONFLICT',
    );

    await refused(
      (await t.as('housing-a')).post('/api/saved-views', { name: '预警(本单位)', query: 'due=overdue' }),
      409,
      'SAVED_VIEW_NAME_TAKEN',
    );
    await refused(
      (await t.as('housing-a')).post('/api/saved-views', { name: '怪', query: 'state=handling&colour=red' }),
      400,
      'SAVED_VIEW_QUERY_INVALID',
    );
    await refused(
      (await t.as('housing-a')).post('/api/saved-views', { name: '怪', query: 'state=flying' }),
      400,
      'SAVED_VIEW_QUERY_INVALID',
    );
    await refused(
      (await t.as('housing-a')).post('/api/saved-views', { name: '  ', query: '' }),
      400,
      'VALIDATION_FAILED',
    );
    await refused(
      (await t.as('housing-a')).post('/api/saved-views', { name: '共享', query: '', shared: 'county' }),
      400,
      'VALIDATION_FAILED',
    );
    expect((await views('housing-a')).items.find((v) => v.id === view.id)).toMatchObject({
      name: '预警(本单位)',
      query: 'due=due_soon',
      version: view.version + 1,
    });
    expect(await names('housing-a')).not.toContain('怪');

    // The administrators hold no business capability (三员分立).
    await refused((await t.as('admin')).get('/api/saved-views'), 403, 'FORBIDDEN_ROLE');
  });

  it('opens the list on a home view the user can see; a deleted one opens nothing', async () => {
    const own = await save('housing-b', { name: '我的办理中', query: 'state=handling' });
    const unitShared = (await views('housing-b')).items.find((v) => v.name === '本周待签收') as View;

    let after = (await ok(
      (await t.as('housing-b')).put('/api/saved-views/home', { list: 'orders', viewId: unitShared.id }),
    )) as unknown as Views;
    expect(after.homeViewId).toBe(unitShared.id);
    expect(after.items.find((v) => v.id === unitShared.id)?.home).toBe(true);
    // Each user has their own home: the owner's list still opens on nothing.
    expect((await views('housing-a')).homeViewId).toBeNull();

    after = (await ok(
      (await t.as('housing-b')).put('/api/saved-views/home', { list: 'orders', viewId: own.id }),
    )) as unknown as Views;
    expect(after.homeViewId).toBe(own.id);

    // Another unit's view cannot be one's home.
    const other = await save('town-qiaotou-a', { name: '乡镇视图', query: 'state=handling', shared: 'unit' });
    await refused(
      (await t.as('housing-b')).put('/api/saved-views/home', { list: 'orders', viewId: other.id }),
      404,
      'SAVED_VIEW_NOT_FOUND',
    );
    expect((await views('housing-b')).homeViewId).toBe(own.id);

    const deleted = await (await t.as('housing-b')).delete(
      `/api/saved-views/${own.id}?version=${own.version}`,
    );
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(await names('housing-b')).not.toContain('我的办理中');
    expect((await views('housing-b')).homeViewId).toBeNull();

    await ok((await t.as('housing-b')).put('/api/saved-views/home', { list: 'orders', viewId: null }));
    expect((await views('housing-b')).homeViewId).toBeNull();
  });
});
