import type { Locator, Page } from '@playwright/test';
import { apiAs, signIn, uniqueTitle } from './fixtures';
import { expect, test } from './test';

/** The server registers the next order, then the link drops before its answer arrives. */
async function loseNextAnswer(page: Page) {
  await page.route(
    '**/api/work-orders',
    async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      await route.fetch();
      await route.abort('internetdisconnected');
    },
    { times: 1 },
  );
}

async function ordersTitled(baseURL: string, title: string) {
  const api = await apiAs(baseURL, 'dispatcher');
  const found = (await (await api.get(`/api/work-orders?q=${encodeURIComponent(title)}`)).json()) as {
    items: Array<{ id: number }>;
  };
  await api.dispose();
  return found.items;
}

async function fillCall(form: Locator, title: string) {
  await form.getByLabel('来电人').fill('赵先生');
  await form.getByLabel('联系电话').fill('13909721688');
  await form.getByLabel('标题').fill(title);
  await form.getByLabel('诉求内容').fill('菜市场门口每天早上摊贩占道经营，车辆和行人都过不去，请城管管理。');
}

/** A call typed in and sent; the server registers it, and the answer is lost on the way back. */
async function registeredWithAnswerLost(page: Page) {
  await signIn(page, 'dispatcher', '/register');
  const form = page.getByRole('form', { name: '登记工单表单' });
  const title = uniqueTitle('菜市场门口占道经营');
  await fillCall(form, title);
  await loseNextAnswer(page);
  await form.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByText('无法连接服务器')).toBeVisible();
  return { form, title };
}

/** Sent again: the order already registered is opened, and there is only that one. */
async function sentAgainOpensTheOne(page: Page, form: Locator, baseURL: string, title: string) {
  await form.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page).toHaveURL(/\/orders\/\d+$/);
  const found = await ordersTitled(baseURL, title);
  expect(found).toHaveLength(1);
  expect(page.url()).toMatch(new RegExp(`/orders/${found[0]?.id}$`));
}

test('登记的应答在网络上丢失后再点一次「登记」：打开已登记的工单，不会登记两件', async ({
  page,
  baseURL,
}) => {
  const { form, title } = await registeredWithAnswerLost(page);
  await expect(page).toHaveURL(/\/register/);
  await sentAgainOpensTheOne(page, form, baseURL as string, title);
  await expect(page.getByText(/已登记工单 HY/)).toBeVisible();
});

test('登记的应答丢失后刷新了页面：表单连同这次登记的标识一起恢复，再登记仍只有一件', async ({
  page,
  baseURL,
}) => {
  const { form, title } = await registeredWithAnswerLost(page);
  await page.reload();
  await expect(page.getByText(/已恢复您 .* 未提交的草稿/)).toBeVisible();
  await expect(form.getByLabel('标题')).toHaveValue(title);
  await sentAgainOpensTheOne(page, form, baseURL as string, title);
});
