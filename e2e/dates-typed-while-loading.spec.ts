import type { Page } from '@playwright/test';
import { signIn } from './fixtures';
import { expect, test } from './test';

// On a slow link a list's or a chart's answer can arrive while a person types a date range. The
// page drawn again must not reset the start date typed and not yet confirmed: only the end date
// would reach the address, and the page would show the wrong range (seen once in the browser
// tests run a month ahead, under load).

/** Holds back the answers to requests matching `address` until `release` is called. */
async function holdAnswers(page: Page, address: RegExp) {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(address, async (route) => {
    await held;
    await route.fallback();
  });
  return {
    /** Lets the answers through and waits for the first to arrive. */
    async release() {
      const answered = page.waitForResponse(address);
      release();
      await answered;
    },
  };
}

/** Types a date into a picker's field, replacing what it shows, once its calendar has opened. */
async function typeDate(page: Page, field: string, date: string) {
  await page.getByPlaceholder(field).click();
  await expect(page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)')).toBeVisible();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(date);
  await expect(page.getByPlaceholder(field)).toHaveValue(date);
}

test('工单列表的登记日期：输入起始日期后列表才读完，已输入的起始日期不丢，起止日期都进入筛选', async ({
  page,
}) => {
  const list = await holdAnswers(page, /\/api\/work-orders\?/);
  await signIn(page, 'dispatcher', '/orders');

  await typeDate(page, '登记日期起', '2026-01-01');
  await list.release();
  await expect(page.getByRole('row').nth(1)).toBeVisible();

  await typeDate(page, '登记日期止', '2026-01-02');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/from=2026-01-01/);
  await expect(page).toHaveURL(/to=2026-01-02/);
  await expect(page.getByPlaceholder('登记日期起')).toHaveValue('2026-01-01');
});

test('统计分析的自定义统计期：输入起始日期后图表才读完，已输入的起始日期不丢', async ({ page }) => {
  const figures = await holdAnswers(page, /\/api\/statistics\//);
  await signIn(page, 'dispatcher', '/statistics?period=custom&from=2026-11-01&to=2026-11-30');

  await typeDate(page, '开始日期', '2026-10-01');
  await figures.release();

  await typeDate(page, '结束日期', '2026-10-31');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/from=2026-10-01/);
  await expect(page).toHaveURL(/to=2026-10-31/);
});
