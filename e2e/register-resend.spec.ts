import { expect, test } from '@playwright/test';
import { apiAs, signIn, uniqueTitle } from './fixtures';

test('登记的应答在网络上丢失后再点一次「登记」：打开已登记的工单，不会登记两件', async ({
  page,
  baseURL,
}) => {
  const api = await apiAs(baseURL as string, 'dispatcher');
  await signIn(page, 'dispatcher', '/register');
  const form = page.getByRole('form', { name: '登记工单表单' });
  await form.getByLabel('来电人').fill('赵先生');
  await form.getByLabel('联系电话').fill('13909721688');
  const title = uniqueTitle('菜市场门口占道经营');
  await form.getByLabel('标题').fill(title);
  await form.getByLabel('诉求内容').fill('菜市场门口每天早上摊贩占道经营，车辆和行人都过不去，请城管管理。');

  // The server registers the order, then the link drops before its answer arrives.
  await page.route(
    '**/api/work-orders',
    async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      await route.fetch();
      await route.abort('internetdisconnected');
    },
    { times: 1 },
  );
  await form.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByText('无法连接服务器')).toBeVisible();
  await expect(page).toHaveURL(/\/register/);

  // Sent again once the link is back: the order already registered is opened.
  await form.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByText(/已登记工单 HY/)).toBeVisible();
  await expect(page).toHaveURL(/\/orders\/\d+$/);
  const found = (await (await api.get(`/api/work-orders?q=${encodeURIComponent(title)}`)).json()) as {
    items: Array<{ id: number }>;
  };
  expect(found.items).toHaveLength(1);
  expect(page.url()).toMatch(new RegExp(`/orders/${found.items[0]?.id}$`));
});
