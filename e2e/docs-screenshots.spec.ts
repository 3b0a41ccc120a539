import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { act, apiAs, dialog, dispatchedOrder, PHOTO_PNG, signIn, switchUser, unitId } from './fixtures';
import { expect, test } from './test';

// Screenshots of the main pages. With DOCS_SCREENSHOTS=1 they refresh docs/screenshots/ (the
// README's pictures); otherwise they go to test-results/, so a test run leaves the tree clean.
const DIR = process.env.DOCS_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots';
mkdirSync(DIR, { recursive: true });

async function shot(page: Page, name: string, fullPage = false) {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${DIR}/${name}.png`, fullPage });
}

test('主要页面截图', async ({ browser, baseURL }) => {
  const title = '滨河路东段路灯大面积不亮';
  const office = await apiAs(baseURL as string, 'dispatcher');
  const categories = (await (await office.get('/api/categories')).json()).items as Array<{
    id: number;
    level3: string;
  }>;
  const { order } = await dispatchedOrder(baseURL as string, title, {
    needsCitizenReply: true,
    townshipUnitId: await unitId(office, 'town-hewan'),
    categoryId: categories.find((c) => c.level3 === '城市公共设施')?.id ?? null,
    citizenName: '周女士',
    content:
      '来电人反映：滨河路东段（滨河苑小区至东关桥）路灯近一周晚上都不亮，路面漆黑，已有老人摔倒，请求尽快修复。',
  });
  const unit = await apiAs(baseURL as string, 'housing-a');
  await act(unit, order.id, 'sign');
  await unit.post(`/api/work-orders/${order.id}/attachments`, {
    multipart: { purpose: 'photo', file: { name: '现场照片.png', mimeType: 'image/png', buffer: PHOTO_PNG } },
  });
  await act(unit, order.id, 'report-progress', {
    content: '已安排电工到现场排查线路，正在采购灯具，预计两天内修复。',
  });

  const desk = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await desk.newPage();
  await page.goto('/login');
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
  await shot(page, 'login');

  await signIn(page, 'dispatcher');
  await expect(page.getByRole('tab', { name: /待派发/ })).toBeVisible();
  await shot(page, 'dispatcher-workbench');

  await switchUser(page, 'housing-a');
  await page.getByRole('tab', { name: /办理中/ }).click();
  await expect(page.getByRole('link', { name: title }).first()).toBeVisible();
  await shot(page, 'unit-queue-desktop');

  await page.goto(`/orders/${order.id}`);
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await shot(page, 'order-page', true);

  await page.getByRole('button', { name: '提交领导签发' }).click();
  const reply = dialog(page, '提交领导签发');
  await reply.getByLabel('办理情况（查明的事实）').fill('您反映的问题已转交相关部门处理。');
  await reply.getByLabel('政策依据').fill('《城市照明管理规定》第二十条');
  await expect(reply.getByTestId('reply-missing')).toContainText('尚缺');
  await shot(page, 'reply-form');

  await switchUser(page, 'admin');
  await page.getByRole('menuitem', { name: '工作日历' }).click();
  await expect(page.getByRole('button', { name: /^\d{4}-10-01 / })).toBeVisible();
  await shot(page, 'admin-calendar', true);
  await desk.close();

  const phone = await browser.newContext({
    viewport: { width: 375, height: 812 },
    isMobile: true,
    hasTouch: true,
  });
  const mobile = await phone.newPage();
  await signIn(mobile, 'housing-a');
  await mobile.getByRole('tab', { name: /办理中/ }).click();
  await expect(mobile.getByRole('listitem').filter({ hasText: title }).first()).toBeVisible();
  await shot(mobile, 'unit-queue-phone');
  await phone.close();
});
