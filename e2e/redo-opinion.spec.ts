import type { APIRequestContext, Page } from '@playwright/test';
import { act, apiAs, dialog, dispatchedOrder, GOOD_REPLY, signIn, uniqueTitle } from './fixtures';
import { expect, test } from './test';

const OPINION = '答复未说明线路老化的根本原因，请查明后彻底整改，并写明整改完成时间。';

/** An order the reviewer sent back for redo with OPINION: the housing bureau is handling it again. */
async function redoneOrder(baseURL: string, title: string) {
  const { order } = await dispatchedOrder(baseURL, title);
  const unit = await apiAs(baseURL, 'housing-a');
  await act(unit, order.id, 'sign');
  await act(unit, order.id, 'submit-for-sign-off', { reply: GOOD_REPLY });
  await act(await apiAs(baseURL, 'housing-leader'), order.id, 'sign-off', {});
  const reviewer: APIRequestContext = await apiAs(baseURL, 'reviewer');
  await act(reviewer, order.id, 'order-redo', { reasons: ['poor_quality'], opinion: OPINION });
  return order;
}

/** What the unit sees on its redo order: the opinion on top, inside the reply form, and no return. */
async function checkRedoOrder(page: Page, title: string) {
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  // At the top of the order: within the first screen, without scrolling to the timeline.
  const top = page.getByRole('note', { name: '退回重办意见' });
  await expect(top).toBeVisible();
  await expect(top).toContainText(OPINION);
  await expect(top).toContainText('办理质量不高');
  const box = await top.boundingBox();
  const viewport = page.viewportSize();
  expect(box && viewport && box.y + box.height).toBeLessThanOrEqual(viewport?.height ?? 0);

  // Time left reads as working days and hours (the redo clock: 5 working days).
  await expect(page.getByTestId('deadline-handle')).toContainText(/剩 \d+ 个工作日/);
  await expect(page.getByTestId('deadline-handle')).not.toContainText('工作小时');

  // A redo order cannot be returned: no return button, no 「可回退」.
  await expect(page.getByRole('button', { name: '申请回退' })).toHaveCount(0);
  await expect(page.getByTestId('deadline-return').getByText('可回退')).toHaveCount(0);

  // Inside the reply form, above the fields the liaison fills in.
  await page.getByRole('button', { name: '提交领导签发' }).click();
  const form = dialog(page, '提交领导签发');
  const inForm = form.getByRole('note', { name: '退回重办意见' });
  await expect(inForm).toBeVisible();
  await expect(inForm).toContainText(OPINION);
}

test('退回重办意见显示在工单顶部和答复表单里，重办工单不能回退（桌面）', async ({ page, baseURL }) => {
  const title = uniqueTitle('重办意见桌面');
  const order = await redoneOrder(baseURL as string, title);
  await signIn(page, 'housing-a', `/orders/${order.id}`);
  await checkRedoOrder(page, title);
});

test.describe('手机（375×812）', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('退回重办意见显示在工单顶部和答复表单里，重办工单不能回退（手机）', async ({ page, baseURL }) => {
    const title = uniqueTitle('重办意见手机');
    const order = await redoneOrder(baseURL as string, title);
    await signIn(page, 'housing-a', `/orders/${order.id}`);
    await checkRedoOrder(page, title);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });
});
