import { apiAs, signIn, uniqueTitle } from './fixtures';
import { expect, test } from './test';

test('通报：热线办按统计期起草、修改、发布（断网后再发一次），承办单位看到已发布的通报', async ({
  page,
  browser,
  baseURL,
}) => {
  await signIn(page, 'reviewer', '/bulletins');
  const beijingDay = (daysAgo: number) =>
    new Date(Date.now() - daysAgo * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10);
  const drafted = async (from: string, to: string) => {
    await page.getByRole('button', { name: '起草通报' }).click();
    const draft = page.getByRole('dialog', { name: '起草通报' });
    await draft.getByPlaceholder('开始日期').fill(from);
    await draft.getByPlaceholder('结束日期').fill(to);
    await draft.getByPlaceholder('结束日期').press('Enter');
    await draft.getByRole('button', { name: '起草' }).click();
    await expect(page).toHaveURL(/\/bulletins\/\d+/);
    // The draft's own page, not the list it came from (whose rows carry 草稿 tags too, for a moment).
    await expect(page.getByLabel('标题')).toHaveValue(/全县12345市民服务热线工单办理情况的通报/);
    await expect(page.getByText('草稿', { exact: true })).toBeVisible();
  };
  // A period still running may be drafted to see how it stands, not published.
  await drafted(beijingDay(14), beijingDay(0));
  await expect(page.getByText(/才结束，.*起才能发布。/)).toBeVisible();
  await expect(page.getByRole('button', { name: '发布' })).toBeDisabled();
  await page.goto('/bulletins');
  const from = beijingDay(15);
  const to = beijingDay(1);
  await drafted(from, to);
  await expect(page.getByText(`统计期 ${from} ~ ${to} 的数字`)).toBeVisible();
  const title = page.getByLabel('标题');
  await expect(title).toHaveValue(/全县12345市民服务热线工单办理情况的通报/);
  // A mark of this run's own, so the unit's list shows one row for it however often the test runs.
  const issue = uniqueTitle('第一期');
  await title.fill(`${await title.inputValue()}(${issue})`);
  // The title is saved, then the link drops before the publishing reaches the server.
  await page.route('**/api/bulletins/*/publish', (route) => route.abort('internetdisconnected'), {
    times: 1,
  });
  await page.getByRole('button', { name: '发布' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '发布' }).click();
  await expect(page.getByText('无法连接服务器')).toBeVisible();
  // Published again once the link is back: its own save a moment ago is no conflict.
  await page.getByRole('button', { name: '发布' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '发布' }).click();
  await expect(page.getByText(/^已发布/)).toBeVisible();
  const id = Number(page.url().match(/bulletins\/(\d+)/)?.[1]);

  const unitApi = await apiAs(baseURL as string, 'housing-a');
  const published = await (await unitApi.get(`/api/bulletins/${id}`)).json();
  expect(published.status).toBe('published');
  expect(published.title).toContain(`(${issue})`);

  const unit = await (await browser.newContext()).newPage();
  await signIn(unit, 'housing-a', '/bulletins');
  await unit.getByRole('cell', { name: new RegExp(issue) }).click();
  await expect(unit.getByRole('heading', { name: new RegExp(issue) })).toBeVisible();
  await expect(unit.getByRole('button', { name: '发布' })).toHaveCount(0);
});
