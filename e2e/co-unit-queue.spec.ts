import { act, apiAs, registerOrder, signIn, uniqueTitle, unitId } from './fixtures';
import { expect, test } from './test';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('协办单位的待签收：牵头单位已签收、工单在办理中，协办部分未签收的仍在协办单位的「待签收」里，协办签收后离开', async ({
  page,
  baseURL,
}) => {
  const title = uniqueTitle('协办待签收');
  const dispatcher = await apiAs(baseURL as string, 'dispatcher');
  const created = await registerOrder(dispatcher, title);
  await act(dispatcher, created.id, 'dispatch', {
    leadUnitId: await unitId(dispatcher, 'housing'),
    coUnitIds: [await unitId(dispatcher, 'town-qiaotou')],
  });
  const lead = await apiAs(baseURL as string, 'housing-a');
  await act(lead, created.id, 'sign');

  await signIn(page, 'town-qiaotou-a', '/');
  const toSign = page.getByRole('tab', { name: /待签收/ });
  await expect(toSign).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText(title).first()).toBeVisible();
  // Its own deadline (协办意见期限), not the lead's.
  const order = await (await dispatcher.get(`/api/work-orders/${created.id}`)).json();
  const card = page.getByRole('listitem').filter({ hasText: title });
  await expect(card).toContainText('协办期限');
  expect(order.deadlines.coUnit.at).not.toBe(order.deadlines.handle.at);
  await page.getByText(title).first().click();
  await page.getByRole('button', { name: '协办签收' }).click();
  await page.getByRole('dialog', { name: '协办签收' }).getByRole('button', { name: /确认/ }).click();
  await expect(page.getByRole('dialog', { name: '协办签收' })).toBeHidden();

  await page.goto('/');
  await expect(page.getByRole('tab', { name: /待签收/ })).toBeVisible();
  await expect(page.getByText(title)).toHaveCount(0);
  for (const api of [dispatcher, lead]) await api.dispose();
});

test('协办意见提出后：工单页写明本单位协办已完成，不显示牵头单位的签收、回退期限；首页各待办队列不再列出', async ({
  page,
  baseURL,
}) => {
  const title = uniqueTitle('协办已提意见');
  const dispatcher = await apiAs(baseURL as string, 'dispatcher');
  const created = await registerOrder(dispatcher, title);
  await act(dispatcher, created.id, 'dispatch', {
    leadUnitId: await unitId(dispatcher, 'housing'),
    coUnitIds: [await unitId(dispatcher, 'town-qiaotou')],
  });
  // The co-unit answers before the lead has even signed: the order is still 待签收, the lead's.
  const town = await apiAs(baseURL as string, 'town-qiaotou-a');
  await act(town, created.id, 'co-sign');
  await act(town, created.id, 'co-opinion', {
    content: '经桥头镇现场核查，反映的路段属县城规划区，镇村无管理权限，建议由住建局牵头处理。',
  });

  await signIn(page, 'town-qiaotou-a', `/orders/${created.id}`);
  await expect(page.getByText('本单位协办：已提意见')).toBeVisible();
  await expect(page.getByText('工单待签收')).toBeVisible();
  await expect(page.getByTestId('deadline-sign')).toHaveCount(0);
  await expect(page.getByTestId('deadline-return')).toHaveCount(0);
  await expect(page.getByTestId('deadline-coUnit')).toContainText('提出协办意见');
  await expect(page.getByTestId('deadline-handle')).toContainText('牵头单位办理期限');

  await page.goto('/');
  for (const tab of ['办理中', '协办', '待签收']) {
    await page.getByRole('tab', { name: new RegExp(tab) }).click();
    await expect(page.getByText(title)).toHaveCount(0);
  }
  for (const api of [dispatcher, town]) await api.dispose();
});

test('协办单位的卡片写本单位的协办期限和它的超时（已超时），不写牵头单位的超期：待签收和工单查询里一样', async ({
  page,
  baseURL,
}) => {
  // The demo county: 柳林镇 assists 县水务局 with 上柳村三社饮水管道冻裂断水 and has not signed for its
  // part, days past its 协办期限, while the lead's own deadline has passed too.
  const town = await apiAs(baseURL as string, 'town-liulin-a');
  const queue = await (await town.get('/api/work-orders?toSign=1&pageSize=50')).json();
  const late = (
    queue.items as Array<{ id: number; title: string; coUnitStatus: string | null; leadUnit: { id: number } }>
  ).find((o) => o.coUnitStatus === 'overdue');
  expect(late, '柳林镇待签收里有协办超时的工单（演示数据）').toBeDefined();
  const title = late?.title as string;
  await town.dispose();

  await signIn(page, 'town-liulin-a', '/');
  await expect(page.getByRole('tab', { name: /待签收/ })).toHaveAttribute('aria-selected', 'true');
  for (const path of ['/', '/orders']) {
    if (path !== '/') await page.goto(path);
    const card = page.getByRole('listitem').filter({ hasText: title });
    await expect(card).toContainText('协办期限');
    await expect(card.getByText('已超时', { exact: true })).toBeVisible();
    await expect(card.getByText('超期', { exact: true })).toHaveCount(0);
  }
});
