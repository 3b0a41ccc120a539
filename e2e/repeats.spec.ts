import { act, apiAs, getOrder, registerOrder, signIn, uniqueTitle } from './fixtures';
import { expect, test } from './test';

/** A phone number and a house number no other test (or earlier run on this database) uses. */
const unique = () => String(Date.now()).slice(-7);

test('登记时查重：同一号码和邻居电话反映同一地点的工单都被找到，一键并入', async ({ page, baseURL }) => {
  const api = await apiAs(baseURL as string, 'dispatcher');
  const n = unique();
  const phone = `1390${n}`;
  const address = `河湾镇滨河路${n}号金水湾小区`;
  const first = await registerOrder(api, uniqueTitle('小区门口污水外溢'), {
    citizenPhone: phone,
    citizenAddress: address,
    content: '金水湾小区门口的污水井堵塞，污水外溢到路面，臭味很大，已经三天了。',
  });

  await signIn(page, 'dispatcher', '/register');
  const form = page.getByRole('form', { name: '登记工单表单' });
  const panel = page.getByRole('region', { name: '可能重复的工单面板' });
  const hit = panel.getByRole('listitem', { name: `可能重复：${first.code}` });

  // The same caller again: found by the phone alone, before anything else is typed.
  await form.getByLabel('来电人').fill('张先生');
  await form.getByLabel('联系电话').fill(phone);
  await expect(hit).toBeVisible();
  await expect(hit.getByText('同一号码')).toBeVisible();

  // A neighbour, from another phone, about the same place (typed with a full-width number sign).
  await form.getByLabel('联系电话').fill(`1381${n}`);
  await expect(hit).toBeHidden();
  await form.getByLabel('地址').fill(`河湾镇滨河路${n}号金水湾小区`.replace('号', '＃号'));
  await expect(hit).toBeVisible();
  await expect(hit.getByText('同一地址')).toBeVisible();
  await expect(hit.getByText('同一号码')).toHaveCount(0);

  const title = uniqueTitle('邻居反映污水外溢');
  await form.getByLabel('标题').fill(title);
  await form.getByLabel('诉求内容').fill('小区门口污水一直往外冒，走路都要绕着走，请尽快疏通。');
  await hit.getByRole('button', { name: '并入此单' }).click();
  await expect(page.getByText(`已并入工单 ${first.code}`)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/orders/${first.id}$`));

  const merged = (await (await api.get(`/api/work-orders?q=${encodeURIComponent(title)}`)).json()) as {
    items: Array<{ id: number; state: string }>;
  };
  expect(merged.items).toHaveLength(1);
  const stored = await getOrder(api, merged.items[0]?.id as number);
  expect(stored.state).toBe('voided');
  expect(stored.timeline.find((e) => e.type === 'merged')?.payload).toMatchObject({
    intoOrderId: first.id,
    intoCode: first.code,
  });

  // The merged order's own record names the order it went into, and leads there.
  await page.goto(`/orders/${stored.id}`);
  const event = page.getByTestId('timeline-event').filter({ hasText: '合并' }).first();
  await expect(event.getByText('并入工单：')).toBeVisible();
  await event.getByRole('link', { name: first.code }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${first.id}$`));
  // The page is the target's now (opened within the app), with the merged caller listed.
  await expect(page.getByRole('list', { name: '合并的来电' })).toContainText(stored.code);
  await expect(page.getByText('并入工单：')).toHaveCount(0);
});

test('登记时并入，而那件工单刚被作废：新工单已登记，打开它并说明没有并入的原因，不会再登记一次', async ({
  page,
  baseURL,
}) => {
  const api = await apiAs(baseURL as string, 'dispatcher');
  const phone = `1391${unique()}`;
  const first = await registerOrder(api, uniqueTitle('楼道灯不亮'), {
    citizenPhone: phone,
    content: '单元楼道的声控灯坏了一个多月，晚上上下楼看不见，请物业修理。',
  });

  await signIn(page, 'dispatcher', '/register');
  const form = page.getByRole('form', { name: '登记工单表单' });
  const hit = page
    .getByRole('region', { name: '可能重复的工单面板' })
    .getByRole('listitem', { name: `可能重复：${first.code}` });
  await form.getByLabel('来电人').fill('刘女士');
  await form.getByLabel('联系电话').fill(phone);
  await expect(hit).toBeVisible();
  const title = uniqueTitle('楼道灯还是不亮');
  await form.getByLabel('标题').fill(title);
  await form.getByLabel('诉求内容').fill('上次反映的楼道声控灯还没有修，老人晚上出门很不方便。');

  // Meanwhile a colleague voids the order it was to be merged into.
  await act(api, first.id, 'void', { reason: '来电人撤回诉求' });
  await hit.getByRole('button', { name: '并入此单' }).click();

  // The new order exists: it is opened, with the reason it was not merged, and the form is gone.
  await expect(page.getByText(`工单已登记，但没有并入 ${first.code}`)).toBeVisible();
  await expect(page.getByText(`要合并到的工单 ${first.code} 不存在或已作废`)).toBeVisible();
  const found = (await (await api.get(`/api/work-orders?q=${encodeURIComponent(title)}`)).json()) as {
    items: Array<{ id: number; state: string }>;
  };
  expect(found.items).toHaveLength(1);
  await expect(page).toHaveURL(new RegExp(`/orders/${found.items[0]?.id}$`));
  expect(found.items[0]?.state).toBe('pending_dispatch');
});

test('同一地点一小时内十件相近投诉：热线办只收到一条聚集性诉求提醒，点开进入工单', async ({
  page,
  baseURL,
}) => {
  const api = await apiAs(baseURL as string, 'dispatcher');
  const place = `柳林镇化工园区${unique()}号门`;
  await signIn(page, 'dispatcher');
  const bell = page.getByRole('button', { name: /^通知，\d+ 条未读$/ });
  const codes: string[] = [];
  for (let i = 1; i <= 10; i++) {
    const order = await registerOrder(api, `化工园区附近有刺鼻气味（第${i}位来电）`, {
      citizenName: `居民${i}`,
      citizenPhone: `1350${unique().slice(-3)}${String(i).padStart(4, '0')}`,
      citizenAddress: place,
      content: `化工园区门口附近从早上开始有很重的刺鼻气味，${i}号楼的居民都闻到了，请尽快查明原因。`,
    });
    codes.push(order.code);
  }
  await bell.click();
  const alerts = page.getByRole('button', { name: new RegExp(`聚集性诉求提醒：${place}`) });
  await expect(alerts).toHaveCount(1);
  await expect(alerts).toContainText('3 件');
  await alerts.click();
  await expect(page).toHaveURL(/\/orders\/\d+$/);
  await expect(page.getByText(codes[2] as string).first()).toBeVisible();
});
