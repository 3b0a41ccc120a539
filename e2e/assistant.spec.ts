import type { APIRequestContext } from '@playwright/test';
import { expectAccessible } from './axe';
import { act, apiAs, dialog, getOrder, registerOrder, signIn, uniqueTitle, unitId } from './fixtures';
import { expect, test } from './test';

/** The order with the fields these tests look at. */
async function stored(api: APIRequestContext, id: number) {
  return (await getOrder(api, id)) as Awaited<ReturnType<typeof getOrder>> & {
    category: { level1: string; level2: string; level3: string } | null;
    leadUnit: { name: string } | null;
  };
}

test('登记时边打字边推荐分类和牵头单位，点选分类即填入；派发时点选推荐单位', async ({ page, baseURL }) => {
  const api = await apiAs(baseURL as string, 'dispatcher');
  await signIn(page, 'dispatcher', '/register');
  const form = page.getByRole('form', { name: '登记工单表单' });
  await form.getByLabel('来电人').fill('王女士');
  await form.getByLabel('联系电话').fill('13909725678');
  const title = uniqueTitle('殡仪馆殡葬收费太高');
  await form.getByLabel('标题').fill(title);
  await form
    .getByLabel('诉求内容')
    .pressSequentially('家里老人去世了，殡仪馆的殡葬收费太高，一套下来要一万多，好多项目都没说清楚。', {
      delay: 5,
    });

  const suggestions = page.getByRole('region', { name: '派单助手建议' });
  await expect(suggestions.getByLabel(/^推荐单位 县民政局（\d+%）$/)).toBeVisible();
  const firstCategory = suggestions.getByRole('button', { name: /^采用推荐分类 / }).first();
  const label = (await firstCategory.getAttribute('aria-label')) as string;
  const path = (/^采用推荐分类 (.+)（\d+%）$/.exec(label)?.[1] ?? '').split(' / ');
  expect(path).toHaveLength(3);
  await firstCategory.click();
  await form.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByText(/已登记工单/)).toBeVisible();
  await expect(page).toHaveURL(/\/orders\/\d+/);
  const id = Number(/\/orders\/(\d+)/.exec(page.url())?.[1]);
  expect((await stored(api, id)).category).toMatchObject({
    level1: path[0],
    level2: path[1],
    level3: path[2],
  });
});

test('派发表单推荐牵头单位，点一下即选中', async ({ page, baseURL }) => {
  const api = await apiAs(baseURL as string, 'dispatcher');
  const title = uniqueTitle('高龄补贴没有领到');
  const order = await registerOrder(api, title, {
    content: '我父亲今年满八十岁了，八十岁以上的高龄补贴到现在一分没领到，养老服务的事也没人管。',
  });
  await signIn(page, 'dispatcher', `/orders/${order.id}`);
  await page.getByRole('button', { name: '派发' }).click();
  const form = dialog(page, '派发');
  const pick = form.getByRole('button', { name: /^采用推荐单位 县民政局（\d+%）$/ });
  await pick.click();
  await form.getByRole('button', { name: '确认派发' }).click();
  await expect(form).toBeHidden();
  const after = await stored(api, order.id);
  expect(after.state).toBe('pending_sign');
  expect(after.leadUnit?.name).toBe('县民政局');
});

test('单位回退后再派发：推荐里不再有回退的单位，回退时建议的单位排在最前，并说明回退理由', async ({
  page,
  baseURL,
}) => {
  const dispatcher = await apiAs(baseURL as string, 'dispatcher');
  const liaison = await apiAs(baseURL as string, 'housing-a');
  const title = uniqueTitle('小区物业服务差');
  const order = await registerOrder(dispatcher, title, {
    content: '我们小区物业服务太差，物业费照收，电梯坏了一个月没人修。',
  });
  await act(dispatcher, order.id, 'dispatch', {
    leadUnitId: await unitId(dispatcher, 'housing'),
    coUnitIds: [],
  });
  const reason = '物业收费和电梯安全由市场监管部门查处，不属于本单位职责。';
  await act(liaison, order.id, 'request-return', { reason, suggestedUnit: '县市场监督管理局' });
  await act(dispatcher, order.id, 'approve-return', { opinion: '同意' });

  await signIn(page, 'dispatcher', `/orders/${order.id}`);
  await page.getByRole('button', { name: '派发' }).click();
  const form = dialog(page, '派发');
  const suggestions = form.getByRole('region', { name: '派单助手建议' });
  const picks = suggestions.getByRole('button', { name: /^采用推荐单位 / });
  await expect(picks.first()).toHaveAccessibleName('采用推荐单位 县市场监督管理局（回退单位建议）');
  await expect(picks).toHaveCount(3);
  await expect(suggestions.getByRole('button', { name: /县住房和城乡建设局/ })).toHaveCount(0);
  await expect(suggestions.getByText(`不再推荐已回退的单位：县住房和城乡建设局（${reason}）`)).toBeVisible();
  await expectAccessible(page, '回退后的派单助手建议');
  await picks.first().click();
  await form.getByRole('button', { name: '确认派发' }).click();
  await expect(form).toBeHidden();
  expect((await stored(dispatcher, order.id)).leadUnit?.name).toBe('县市场监督管理局');
  for (const api of [dispatcher, liaison]) await api.dispose();
});

test('来电中点名要某个部门处理：派单助手在推荐单位里列出并标明「来电提到」', async ({ page }) => {
  await signIn(page, 'dispatcher', '/register');
  const form = page.getByRole('form', { name: '登记工单表单' });
  await form.getByLabel('标题').fill(uniqueTitle('耕地被占建厂'));
  await form
    .getByLabel('诉求内容')
    .fill('村里的耕地被人占了建厂房，已经盖到第二层了，希望自然资源部门来查处。');
  const suggestions = page.getByRole('region', { name: '派单助手建议' });
  await expect(suggestions.getByLabel(/^推荐单位 县自然资源局（\d+%，来电提到）$/)).toBeVisible();
});
