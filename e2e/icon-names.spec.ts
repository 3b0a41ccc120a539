import type { Page } from '@playwright/test';
import { signIn } from './fixtures';
import { expect, test } from './test';

/** What a screen reader would read of Ant Design's icons: their names, where not hidden. */
const englishIconNames = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[role="img"][aria-label]')]
      .filter((el) => !el.closest('[aria-hidden="true"]'))
      .map((el) => el.getAttribute('aria-label') ?? '')
      .filter((name) => /^[a-z-]+$/.test(name)),
  );

test.describe('手机', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('单位首页：按钮按中文读出，不读图标的英文名（user、search、filter）', async ({ page }) => {
    await signIn(page, 'town-qiaotou-a');
    await page
      .getByRole('tab', { name: /全部/ })
      .or(page.getByRole('button', { name: /全部/ }))
      .first()
      .click();
    await expect(
      page
        .getByRole('searchbox')
        .or(page.getByPlaceholder(/搜索|关键词/))
        .first(),
    ).toBeVisible();
    expect(await englishIconNames(page)).toEqual([]);
    await expect(page.getByRole('button', { name: /^user/ })).toHaveCount(0);
  });
});

test('工单查询：翻页按钮读作「上一页」「下一页」，搜索按钮读作「搜索」', async ({ page }) => {
  await signIn(page, 'dispatcher', '/orders');
  await expect(page.getByRole('heading', { name: '工单查询' })).toBeVisible();
  await expect(
    page
      .getByRole('listitem', { name: '下一页' })
      .or(page.getByRole('button', { name: '下一页' }))
      .first(),
  ).toBeVisible();
  expect(await englishIconNames(page)).toEqual([]);
  await expect(page.getByRole('button', { name: /^(left|right|search)$/ })).toHaveCount(0);
});
