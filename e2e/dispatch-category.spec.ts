import type { APIRequestContext, Locator } from '@playwright/test';
import { expectAccessible } from './axe';
import { apiAs, dialog, getOrder, registerOrder, signIn, uniqueTitle } from './fixtures';
import { expect, test } from './test';

// A city order comes down without its request category: the dispatch form offers the assistant's
// categories beside the picker (Alt+Shift+1…3, Alt+1…3 staying with the units), and the one taken
// is stored with the dispatch.

const FUNERAL = '家里老人去世了，殡仪馆的殡葬收费太高，一套下来要一万多，好多项目都没说清楚。';

/** An order as the city platform pushes it, through an API client of the city's. */
async function cityOrder(baseURL: string, title: string): Promise<number> {
  const admin = await apiAs(baseURL, 'admin');
  const created = await admin.post('/api/api-clients', {
    data: { name: `市平台${Date.now().toString(36)}`, scopes: ['city'], unitId: null },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { key } = (await created.json()) as { key: string };
  const sent = await admin.post('/api/city/v1/orders', {
    headers: { authorization: `Bearer ${key}` },
    data: {
      cityOrderNo: `SZCAT${Date.now().toString(36).toUpperCase()}`,
      citizenName: '市民',
      citizenPhone: '13909720000',
      citizenAddress: '河湾镇滨河路 12 号',
      type: 'complaint',
      title,
      content: FUNERAL,
      needsCitizenReply: false,
    },
  });
  expect(sent.status(), await sent.text()).toBe(201);
  const { id } = (await sent.json()) as { id: number };
  await admin.dispose();
  return id;
}

/** The path each button offers, from its label 「采用推荐分类 一级 / 二级 / 三级（87%）」. */
async function offered(buttons: Locator): Promise<string[][]> {
  const labels = await buttons.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  return labels.map((l) => (/^采用推荐分类 (.+)（\d+%）$/.exec(l)?.[1] ?? '').split(' / '));
}

async function stored(api: APIRequestContext, id: number) {
  return (await getOrder(api, id)) as Awaited<ReturnType<typeof getOrder>> & {
    category: { id: number; level1: string; level2: string; level3: string } | null;
    leadUnit: { name: string } | null;
  };
}

test('市平台来的未分类工单：派发表单在分类选择框旁推荐分类，Alt+Shift+数字或点选填入，派发后记录该分类', async ({
  page,
  baseURL,
}) => {
  const title = uniqueTitle('殡葬收费太高');
  const id = await cityOrder(baseURL as string, title);
  await signIn(page, 'dispatcher', `/orders/${id}`);
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await page.getByRole('button', { name: '派发', exact: true }).click();
  const form = dialog(page, '派发');
  await expect(form.getByText('尚未选择诉求分类')).toBeVisible();

  const choices = form.getByRole('group', { name: '派单助手推荐的诉求分类' });
  const buttons = choices.getByRole('button', { name: /^采用推荐分类 / });
  await expect(buttons).toHaveCount(3);
  await expect(buttons.first()).toHaveAttribute('aria-keyshortcuts', 'Alt+Shift+1');
  const paths = await offered(buttons);
  expect(paths.every((p) => p.length === 3)).toBe(true);
  // The assistant's box above keeps the units only: the categories are not offered twice.
  const box = form.getByRole('region', { name: '派单助手建议' });
  await expect(box.getByRole('button', { name: /^采用推荐分类 / })).toHaveCount(0);
  const units = box.getByRole('button', { name: /^采用推荐单位 / });
  const firstUnit = /^采用推荐单位 (.+)（.+）$/.exec(
    (await units.first().getAttribute('aria-label')) ?? '',
  )?.[1];
  await expectAccessible(page, '派发表单的推荐分类');

  // From a field, without the mouse: Alt+Shift+2 fills the picker, Alt+1 still takes a unit.
  const picker = form.locator('.ant-cascader').first();
  await form.getByLabel('牵头单位').focus();
  await page.keyboard.press('Alt+Shift+Digit2');
  await expect(picker).toContainText((paths[1] as string[]).join(' / '));
  await expect(form.getByText('尚未选择诉求分类')).toBeHidden();
  await page.keyboard.press('Alt+1');
  await expect(form.getByTitle(firstUnit as string).first()).toBeVisible();
  await expect(picker).toContainText((paths[1] as string[]).join(' / '));

  // The dispatcher changes their mind with a click; the help lists the keys.
  await buttons.first().click();
  await expect(picker).toContainText((paths[0] as string[]).join(' / '));
  // What was taken by a click or a key, with nothing typed, is in the draft: a reload keeps it.
  await page.reload();
  await expect(form.getByText(/已恢复您 .* 未提交的草稿/)).toBeVisible();
  await expect(picker).toContainText((paths[0] as string[]).join(' / '));
  await expect(form.getByTitle(firstUnit as string).first()).toBeVisible();
  await form.getByRole('button', { name: '快捷键' }).click();
  await expect(page.getByText('采用派单助手推荐的第 1 / 2 / 3 个诉求分类')).toBeVisible();
  await form.getByRole('button', { name: '快捷键' }).click();

  await form.getByRole('button', { name: '确认派发' }).click();
  await expect(form).toBeHidden();
  const api = await apiAs(baseURL as string, 'dispatcher');
  const after = await stored(api, id);
  expect(after.state).toBe('pending_sign');
  expect(after.leadUnit?.name).toBe(firstUnit);
  const [level1, level2, level3] = paths[0] as string[];
  expect(after.category).toMatchObject({ level1, level2, level3 });
  expect(after.timeline.at(-1)).toMatchObject({
    type: 'dispatched',
    payload: { category: { id: after.category?.id } },
  });
  await api.dispose();
});

test('已有分类的工单派发时不推荐分类：只推荐牵头单位，Alt+Shift+1 不起作用', async ({ page, baseURL }) => {
  const api = await apiAs(baseURL as string, 'dispatcher');
  const { items } = (await (await api.get('/api/categories')).json()) as { items: Array<{ id: number }> };
  const categoryId = items[0]?.id as number;
  const order = await registerOrder(api, uniqueTitle('殡葬收费太高'), { content: FUNERAL, categoryId });
  await signIn(page, 'dispatcher', `/orders/${order.id}`);
  await page.getByRole('button', { name: '派发', exact: true }).click();
  const form = dialog(page, '派发');
  const unit = form.getByRole('button', { name: /^采用推荐单位 / }).first();
  await expect(unit).toBeVisible();
  await expect(form.getByRole('group', { name: '派单助手推荐的诉求分类' })).toHaveCount(0);
  await expect(form.getByRole('button', { name: /^采用推荐分类 / })).toHaveCount(0);
  const name = /^采用推荐单位 (.+)（.+）$/.exec((await unit.getAttribute('aria-label')) ?? '')?.[1] as string;
  await form.getByLabel('牵头单位').focus();
  await page.keyboard.press('Alt+Shift+Digit1');
  await page.keyboard.press('Alt+Shift+Digit2');
  await expect(form.getByTitle(name)).toHaveCount(0);
  await page.keyboard.press('Alt+1');
  await expect(form.getByTitle(name).first()).toBeVisible();
  await api.dispose();
});
