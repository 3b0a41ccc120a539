import type { APIRequestContext } from '@playwright/test';
import { apiAs, dialog, getOrder, registerOrder, signIn, uniqueTitle } from './fixtures';
import { expect, test } from './test';

// Issue 13 item 7: in the dispatch dialog Alt+1…3 takes the assistant's 1st…3rd suggested lead
// unit, and Ctrl+Enter dispatches; both without the mouse.

async function leadUnitOf(api: APIRequestContext, id: number) {
  return ((await getOrder(api, id)) as unknown as { leadUnit: { name: string } | null }).leadUnit?.name;
}

test('派发对话框：Alt+2 采用第二条推荐单位，Ctrl+Enter 派发', async ({ page, baseURL }) => {
  const api = await apiAs(baseURL as string, 'dispatcher');
  const order = await registerOrder(api, uniqueTitle('高龄补贴没有领到'), {
    content: '我父亲今年满八十岁了，八十岁以上的高龄补贴到现在一分没领到，养老服务的事也没人管。',
  });
  await signIn(page, 'dispatcher', `/orders/${order.id}`);
  await page.getByRole('button', { name: '派发' }).click();
  const form = dialog(page, '派发');
  const picks = form.getByRole('button', { name: /^采用推荐单位 / });
  await expect(picks.nth(1)).toBeVisible();
  const names = (await picks.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).map(
    (l) => /^采用推荐单位 (.+)（\d+%）$/.exec(l)?.[1] ?? '',
  );
  expect(names[0]).not.toBe(names[1]);

  // From a field of the form, as a dispatcher typing would be.
  await form.getByLabel('牵头单位').focus();
  await page.keyboard.press('Alt+2');
  await expect(form.getByTitle(names[1] as string, { exact: false }).first()).toBeVisible();
  await page.keyboard.press('Alt+1');
  await page.keyboard.press('Alt+2');
  await page.keyboard.press('Control+Enter');
  await expect(form).toBeHidden();
  expect(await leadUnitOf(api, order.id)).toBe(names[1]);
});
