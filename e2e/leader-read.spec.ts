import { expectAccessible } from './axe';
import {
  act,
  apiAs,
  dialog,
  dispatchedOrder,
  GOOD_REPLY,
  getOrder,
  registerOrder,
  signIn,
  switchUser,
  uniqueTitle,
  unitId,
} from './fixtures';
import { expect, test } from './test';

/** 阅批 (notice 四 「对批示件、急难件要亲自阅批」) by the main leader's own login. */
test('急件：主要负责人阅批前单位不能提交答复；阅批后热线办看到谁、何时阅批及阅批意见', async ({
  page,
  baseURL,
}) => {
  const title = uniqueTitle('急件阅批');
  const { dispatcher, order } = await dispatchedOrder(baseURL as string, title, { urgency: 'urgent' });
  const liaison = await apiAs(baseURL as string, 'housing-a');
  await act(liaison, order.id, 'sign');

  // Before the reading, the liaison's reply is refused with the reason.
  const early = await liaison.post(`/api/work-orders/${order.id}/submit-for-sign-off`, {
    data: { version: (await getOrder(liaison, order.id)).version, reply: { ...GOOD_REPLY, issuer: '' } },
  });
  expect(early.status()).toBe(422);
  expect((await early.json()).error.code).toBe('LEADER_READ_REQUIRED');

  await signIn(page, 'housing-a', `/orders/${order.id}`);
  await expect(page.getByText('待主要负责人阅批：阅批后本单位才能提交答复')).toBeVisible();
  await expect(page.getByRole('button', { name: '阅批' })).toHaveCount(0);

  await switchUser(page, 'housing-chief', `/orders/${order.id}`);
  await page.getByRole('button', { name: '阅批' }).click();
  const form = dialog(page, '阅批');
  await expect(form.getByText('急件须由单位主要负责人亲自阅批')).toBeVisible();
  await form.getByLabel('阅批意见（可不填）').fill('请分管领导今天带队现场核查，三日内办结。');
  await form.getByRole('button', { name: '确认阅批' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByText(/主要负责人 蒋国庆 已于 .+ 阅批/)).toBeVisible();

  // The office sees who read it, when, and the instruction.
  await switchUser(page, 'dispatcher', `/orders/${order.id}`);
  await expect(page.getByText(/主要负责人 蒋国庆 已于 .+ 阅批/)).toBeVisible();
  await expect(page.getByText('阅批意见：请分管领导今天带队现场核查，三日内办结。')).toBeVisible();
  const stored = await getOrder(dispatcher, order.id);
  expect(stored.timeline.map((e) => e.type)).toContain('leader_read');

  // Now the liaison's reply goes on to sign-off.
  const after = await act(liaison, order.id, 'submit-for-sign-off', { reply: { ...GOOD_REPLY, issuer: '' } });
  expect(after.state).toBe('pending_sign_off');
});

test('热线办在单位管理中切换单位的答复签发方式：确认后生效并可改回', async ({ page, baseURL }) => {
  const dispatcher = await apiAs(baseURL as string, 'dispatcher');
  const modeOf = async () => {
    const { items } = (await (await dispatcher.get('/api/units')).json()) as {
      items: Array<{ code: string; signOffMode: string }>;
    };
    return items.find((u) => u.code === 'agri')?.signOffMode;
  };
  expect(await modeOf()).toBe('leader');

  await signIn(page, 'dispatcher', '/admin/units');
  const select = page.getByRole('combobox', { name: '县农业农村局 答复签发方式' });
  await select.click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '手填签发人' })
    .click();
  const confirm = page.getByRole('dialog', {
    name: /将「县农业农村局」的答复签发方式改为「手填签发人、附签发件扫描件」/,
  });
  await confirm.getByRole('button', { name: '取消' }).click();
  expect(await modeOf()).toBe('leader');

  await select.click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '手填签发人' })
    .click();
  await confirm.getByRole('button', { name: '确认修改' }).click();
  await expect(page.getByText('已改为：手填签发人、附签发件扫描件')).toBeVisible();
  expect(await modeOf()).toBe('typed');

  await select.click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '单位领导在系统中签发' })
    .click();
  await page
    .getByRole('dialog', { name: /将「县农业农村局」的答复签发方式改为「单位领导在系统中签发」/ })
    .getByRole('button', { name: '确认修改' })
    .click();
  await expect(page.getByText('已改为：单位领导在系统中签发')).toBeVisible();
  expect(await modeOf()).toBe('leader');
});

test('主要负责人的首页：有待阅批的急件、批示件时打开「待阅批」并显示件数；阅批完后打开「待签发」', async ({
  page,
  baseURL,
}) => {
  const dispatcher = await apiAs(baseURL as string, 'dispatcher');
  const chief = await apiAs(baseURL as string, 'hrss-chief');
  const title = uniqueTitle('首页待阅批');
  const order = await registerOrder(dispatcher, title, { urgency: 'urgent' });
  await act(dispatcher, order.id, 'dispatch', {
    leadUnitId: await unitId(dispatcher, 'hrss'),
    coUnitIds: [],
  });
  const waiting = async () =>
    (await (await chief.get('/api/work-orders?toRead=1&pageSize=100')).json()) as {
      items: Array<{ id: number; version: number }>;
      total: number;
    };
  const before = (await waiting()).total;
  expect(before).toBeGreaterThan(0);

  await signIn(page, 'hrss-chief');
  const toRead = page.getByRole('tab', { name: /待阅批/ });
  await expect(toRead).toHaveAttribute('aria-selected', 'true');
  await expect(toRead).toContainText(String(before));
  await expectAccessible(page, '主要负责人的待阅批');
  await page.getByRole('link', { name: title }).click();
  await page.getByRole('button', { name: '阅批' }).click();
  await dialog(page, '阅批').getByRole('button', { name: '确认阅批' }).click();
  await expect(dialog(page, '阅批')).toBeHidden();
  expect((await getOrder(chief, order.id)).timeline.map((e) => e.type)).toContain('leader_read');

  // The rest read too (through the API): nothing waits, and the page opens on 待签发 as the other leaders' does.
  for (const o of (await waiting()).items) await act(chief, o.id, 'leader-read', {});
  expect((await waiting()).total).toBe(0);
  await page.goto('/');
  await expect(page.getByRole('tab', { name: /待签发/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: /待阅批/ })).toContainText('0');
  for (const api of [dispatcher, chief]) await api.dispose();
});
