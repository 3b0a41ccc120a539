import { apiAs, registerOrder, signIn, uniqueTitle, unitId } from './fixtures';
import { expect, test } from './test';

type Category = { id: number; level1: string; level2: string; level3: string };

test('工单查询：统计下钻带来的分类筛选看得见、能改能清，另可按乡镇和三级分类筛选', async ({
  page,
  baseURL,
}) => {
  const api = await apiAs(baseURL as string, 'dispatcher');
  const { items } = (await (await api.get('/api/categories')).json()) as { items: Category[] };
  const category = items.find((c) => c.level3 === '路灯') ?? (items[0] as Category);
  const title = uniqueTitle('滨河路路灯不亮');
  await registerOrder(api, title, {
    categoryId: category.id,
    townshipUnitId: await unitId(api, 'town-hewan'),
  });
  const row = page.getByRole('row').filter({ hasText: title });

  // As the statistics page's category chart links: the filter shows in the bar, not hidden.
  await signIn(page, 'dispatcher', `/orders?level1=${encodeURIComponent(category.level1)}`);
  const cascader = page.getByLabel('诉求分类', { exact: true });
  await expect(page.locator('.ant-select').filter({ has: cascader })).toContainText(category.level1);
  await expect(row).toBeVisible();

  // Another township leaves the order out; its own brings it back.
  const township = page.getByLabel('乡镇');
  await township.click();
  await township.fill('桥头');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '桥头镇' }).click();
  await expect(page).toHaveURL(/townshipUnitId=\d+/);
  await expect(row).toHaveCount(0);
  await township.click();
  await township.fill('河湾');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '河湾镇' }).click();
  await expect(row).toBeVisible();

  // 清除筛选 clears what the drill-down set as well.
  await page.getByRole('button', { name: '清除筛选' }).click();
  await expect(page).not.toHaveURL(/level1=|townshipUnitId=/);
  await expect(page.locator('.ant-select').filter({ has: cascader })).not.toContainText(category.level1);

  // One category, found by typing its name: the list narrows to it.
  await cascader.click();
  await cascader.fill(category.level3);
  await page
    .locator('.ant-cascader-dropdown:visible .ant-cascader-menu-item', {
      hasText: `${category.level1} / ${category.level2} / ${category.level3}`,
    })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`categoryId=${category.id}(&|$)`));
  await expect(row).toBeVisible();
  await expect(page.locator('.ant-select').filter({ has: cascader })).toContainText(category.level3);
});
