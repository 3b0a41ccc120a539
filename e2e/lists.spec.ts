import { apiAs, signIn } from './fixtures';
import { expect, test } from './test';

test('列表的搜索和筛选写在地址里，复制链接即可分享同一视图', async ({ page, baseURL }) => {
  const api = await apiAs(baseURL as string, 'reviewer');
  const expected = (await (await api.get('/api/work-orders?state=closed&q=暖气')).json()).total as number;
  expect(expected).toBeGreaterThan(0);
  await signIn(page, 'reviewer', '/orders');
  await page.getByLabel('状态').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '已办结' }).click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/state=closed/);
  await page.getByRole('searchbox', { name: '搜索工单' }).fill('暖气');
  await page.getByRole('searchbox', { name: '搜索工单' }).press('Enter');
  await expect(page).toHaveURL(/q=%E6%9A%96%E6%B0%94/);
  const rows = page.getByRole('row').filter({ hasText: 'HY' });
  await expect(page.getByText(`共 ${expected} 件`)).toBeVisible();
  await expect(rows).toHaveCount(expected);
  await expect(rows.first()).toContainText('暖气');
  for (const row of await rows.all()) await expect(row).toContainText('已办结');

  // Someone else opening the same link sees the same view.
  const shared = page.url();
  const other = await (await page.context().browser()?.newContext())?.newPage();
  if (!other) throw new Error('no browser');
  await signIn(other, 'dispatcher', shared.replace(/^https?:\/\/[^/]+/, ''));
  await expect(other.getByRole('searchbox', { name: '搜索工单' })).toHaveValue('暖气');
  await expect(other.getByRole('row').filter({ hasText: 'HY' }).first()).toContainText('暖气');
  await expect(other.getByText(`共 ${expected} 件`)).toBeVisible();
});

test('搜索结果多于计数上限时，列表说「N 件以上」而不是一个不准的总数', async ({ page, baseURL }) => {
  // The browser tests' server counts a search up to 20 (playwright.config.ts: SEARCH_COUNT_CAP).
  const api = await apiAs(baseURL as string, 'dispatcher');
  const many = (await (await api.get('/api/work-orders?q=的')).json()) as {
    total: number;
    totalCapped: boolean;
  };
  expect(many).toMatchObject({ total: 20, totalCapped: true });
  await signIn(page, 'dispatcher', `/orders?q=${encodeURIComponent('的')}`);
  await expect(page.getByText('20 件以上')).toBeVisible();
  await expect(page.getByText(/共 \d+ 件/)).toHaveCount(0);
  // Without a keyword the list is counted exactly.
  const all = (await (await api.get('/api/work-orders')).json()) as { total: number };
  await page.goto('/orders');
  await expect(page.getByText(`共 ${all.total} 件`)).toBeVisible();
});

test('一个词没有找到时，按拆开的词重查并说明：「拖欠工资」找到写着「拖欠农民工工资」的工单', async ({
  page,
}) => {
  await signIn(page, 'dispatcher', '/orders');
  const search = page.getByRole('searchbox', { name: '搜索工单' });
  await search.fill('拖欠工资');
  await search.press('Enter');
  await expect(page.getByTestId('relaxed-search')).toHaveText(
    '没有找到含「拖欠工资」的工单，以下是同时含有「拖欠」「工资」的工单。',
  );
  await expect(page.getByRole('row').filter({ hasText: '拖欠农民工工资' }).first()).toBeVisible();
  // Found as typed: nothing to explain.
  await search.fill('拖欠农民工工资');
  await search.press('Enter');
  await expect(page.getByRole('row').filter({ hasText: '拖欠农民工工资' }).first()).toBeVisible();
  await expect(page.getByTestId('relaxed-search')).toHaveCount(0);
});

test('热线办在工单查询中按承办单位筛选（输入简称即可选中），件数与该单位的工单一致', async ({
  page,
  baseURL,
}) => {
  const api = await apiAs(baseURL as string, 'reviewer');
  const units = (await (await api.get('/api/units')).json()).items as Array<{ id: number; code: string }>;
  const water = units.find((u) => u.code === 'water')?.id as number;
  const expected = (await (await api.get(`/api/work-orders?unitId=${water}`)).json()).total as number;
  expect(expected).toBeGreaterThan(0);
  await signIn(page, 'reviewer', '/orders');
  const unit = page.getByRole('combobox', { name: '承办单位' });
  await unit.click();
  await unit.fill('水务');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '县水务局' }).click();
  await expect(page).toHaveURL(new RegExp(`unitId=${water}`));
  await expect(page.getByText(`共 ${expected} 件`)).toBeVisible();
});
