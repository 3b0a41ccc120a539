import { apiAs, signIn, switchUser } from './fixtures';
import { expect, test } from './test';

type Views = {
  items: Array<{ id: number; name: string; query: string; shared: string; version: number }>;
  homeViewId: number | null;
};

test('保存视图并共享给本单位、设为打开时的视图；同单位的人打开使用，只有创建者能改；并发修改提示', async ({
  page,
  baseURL,
}) => {
  const name = `本周待签收${Date.now().toString(36).slice(-4)}`;
  // The list's filters as a liaison set them (the filters live in the address bar).
  await signIn(page, 'housing-a', '/orders?state=pending_sign&due=overdue');
  await page.getByRole('button', { name: /^视图/ }).click();
  await page.getByRole('menuitem', { name: '保存当前筛选为视图…' }).click();
  const save = page.getByRole('dialog', { name: '保存视图' });
  await save.getByLabel('视图名称').fill(name);
  await save.getByRole('radio', { name: /共享给本单位/ }).check();
  await save.getByRole('checkbox', { name: '设为打开工单查询时的视图' }).check();
  await save.getByRole('button', { name: '保存' }).click();
  await expect(save).toBeHidden();
  await expect(page.getByRole('button', { name: `视图：${name}` })).toBeVisible();

  const owner = await apiAs(baseURL as string, 'housing-a');
  const stored = (await (await owner.get('/api/saved-views')).json()) as Views;
  const view = stored.items.find((v) => v.name === name);
  expect(view).toMatchObject({ query: 'due=overdue&state=pending_sign', shared: 'unit' });
  expect(stored.homeViewId).toBe(view?.id);

  // Opening the list without filters opens it on the home view.
  await page.goto('/');
  await page.getByRole('menuitem', { name: '工单查询' }).click();
  await expect(page).toHaveURL(/\/orders\?due=overdue&state=pending_sign$/);
  await expect(page.getByLabel('时限', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: `视图：${name}` })).toBeVisible();

  // The unit's other liaison finds the shared view and opens it; it is not theirs to change.
  await switchUser(page, 'housing-b', '/orders');
  await expect(page).toHaveURL(/\/orders$/);
  await page.getByRole('button', { name: /^视图/ }).click();
  await page.getByRole('menuitem', { name }).click();
  await expect(page).toHaveURL(/due=overdue&state=pending_sign/);
  await page.getByRole('button', { name: `视图：${name}` }).click();
  await page.getByRole('menuitem', { name: '管理视图…' }).click();
  const manage = page.getByRole('dialog', { name: '管理视图' });
  await expect(manage.getByRole('button', { name: `打开时显示 ${name}` })).toBeVisible();
  await expect(manage.getByRole('button', { name: `删除 ${name}` })).toHaveCount(0);
  await page.keyboard.press('Escape');

  // Another unit does not see it.
  const town = (await (
    await (await apiAs(baseURL as string, 'town-qiaotou-a')).get('/api/saved-views')
  ).json()) as Views;
  expect(town.items.map((v) => v.name)).not.toContain(name);

  // The owner changes the view while an older copy is open in another window: refused, said why.
  await switchUser(page, 'housing-a', '/orders?state=handling');
  await page.getByRole('button', { name: /^视图/ }).click();
  await page.getByRole('menuitem', { name: '管理视图…' }).click();
  const mine = page.getByRole('dialog', { name: '管理视图' });
  await expect(mine.getByRole('button', { name: `删除 ${name}` })).toBeVisible();
  const changed = await owner.put(`/api/saved-views/${view?.id}`, {
    data: { name, query: 'state=pending_sign', shared: 'unit', version: view?.version },
  });
  expect(changed.status()).toBe(200);
  await mine.getByRole('button', { name: `用当前筛选更新 ${name}` }).click();
  await expect(page.getByText('视图已被修改')).toBeVisible();
  const after = (await (await owner.get('/api/saved-views')).json()) as Views;
  expect(after.items.find((v) => v.id === view?.id)?.query).toBe('state=pending_sign');
  // Loaded again, the update goes through.
  await mine.getByRole('button', { name: `用当前筛选更新 ${name}` }).click();
  await expect
    .poll(
      async () =>
        ((await (await owner.get('/api/saved-views')).json()) as Views).items.find((v) => v.id === view?.id)
          ?.query,
    )
    .toBe('state=handling');
});
