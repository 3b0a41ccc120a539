import { apiAs, signIn, switchUser } from './fixtures';
import { expect, test } from './test';

test('管理员：工作日历切换某天、导入一年，修改单位职能，登记联络员不在岗', async ({ page, baseURL }) => {
  const api = await apiAs(baseURL as string, 'admin');
  // A demo started from 15 December (or in 2027) generates 2027 provisionally itself (its orders reach
  // it); before that the year is missing, and the administrator generates it here.
  const { years } = (await (await api.get('/api/calendar/years')).json()) as {
    years: Array<{ year: number }>;
  };
  const held2027 = years.some((y) => y.year === 2027);
  await signIn(page, 'admin');

  await page.getByRole('menuitem', { name: '工作日历' }).click();
  if (!held2027) await expect(page.getByRole('alert').filter({ hasText: '工作日历缺少' })).toBeVisible();
  // 2026-12-05 is a Saturday: make it a working day, then back (2026 chosen: the page opens on
  // the current year).
  await page.getByLabel('年份').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '2026 年' }).click();
  await page.getByRole('button', { name: '2026-12-05 周末' }).click();
  await page.getByLabel('说明').fill('演练调休');
  await page.getByRole('button', { name: '设为上班' }).click();
  await expect(page.getByRole('button', { name: '2026-12-05 调休上班 演练调休' })).toBeVisible();
  let day = (await (await api.get('/api/calendar/years/2026')).json()).days.find(
    (d: { date: string }) => d.date === '2026-12-05',
  );
  expect(day.working).toBe(true);
  await page.getByRole('button', { name: '2026-12-05 调休上班 演练调休' }).click();
  await page.getByRole('button', { name: '设为休息' }).click();
  await expect(page.getByRole('button', { name: /^2026-12-05 周末/ })).toBeVisible();
  day = (await (await api.get('/api/calendar/years/2026')).json()).days.find(
    (d: { date: string }) => d.date === '2026-12-05',
  );
  expect(day.working).toBe(false);

  // Import a later year's arrangement as published by the State Council.
  await page.getByLabel('年份').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '2027 年' }).click();
  if (!held2027) {
    await expect(page.getByText('工作日历中没有 2027 年的数据')).toBeVisible();
    // The missing year shows no days of the year before, which a click would change.
    await expect(page.getByRole('button', { name: /^2026-/ })).toHaveCount(0);
    // Before the State Council publishes, a provisional year of the statutory days keeps the desk going.
    await page.getByRole('button', { name: '生成 2027 年暂定安排' }).click();
    await page
      .getByRole('dialog', { name: '生成 2027 年暂定安排？' })
      .getByRole('button', { name: '生成暂定安排' })
      .click();
  }
  await expect(page.getByRole('button', { name: '2027-02-05 节假日 春节' })).toBeVisible();
  await expect(page.getByText(/2027 年安排来源：暂定安排/)).toBeVisible();
  await page.getByRole('button', { name: '导入 2027 年安排' }).click();
  const imp = page.getByRole('dialog', { name: '导入 2027 年节假日安排' });
  // A day that does not exist is refused, not read as another (2027-02-30 was saved as 03-02).
  await imp.getByLabel('放假日期').fill('2027-01-01 元旦\n2027-02-30 春节');
  await imp.getByRole('button', { name: '导入' }).click();
  await expect(imp.getByText('2027-02-30 不是有效日期')).toBeVisible();
  // A day both off and worked is said before any confirmation.
  await imp.getByLabel('放假日期').fill('2027-01-01 元旦');
  await imp.getByLabel('调休上班日期').fill('2027-01-01 元旦调休');
  await imp.getByRole('button', { name: '导入' }).click();
  await expect(imp.getByText('日期 2027-01-01 重复出现，不能既放假又调休上班。')).toBeVisible();
  await expect(page.getByRole('dialog', { name: '替换 2027 年现有的安排？' })).toHaveCount(0);
  // Part of the notice pasted: refused, naming the festivals it lacks; the year is unchanged.
  await imp.getByLabel('放假日期').fill('2027年1月1日 元旦\n2027-02-06～2027-02-12 春节');
  await imp.getByLabel('调休上班日期').fill('2027-02-14 春节调休');
  await imp.getByRole('button', { name: '导入' }).click();
  await page
    .getByRole('dialog', { name: '替换 2027 年现有的安排？' })
    .getByRole('button', { name: /^替换，改动 \d+ 天$/ })
    .click();
  await expect(imp.getByText(/导入的安排缺少法定节假日：春节、清明节、劳动节/)).toBeVisible();
  await expect(page.getByText(/2027 年安排来源：暂定安排/)).toBeVisible();
  // The whole notice: the provisional year is replaced knowing what changes.
  await imp.getByLabel('放假日期').fill(notice2027('2027-02-12'));
  await imp.getByRole('button', { name: '导入' }).click();
  await page
    .getByRole('dialog', { name: '替换 2027 年现有的安排？' })
    .getByRole('button', { name: /^替换，改动 \d+ 天$/ })
    .click();
  await expect(imp).toBeHidden();
  await expect(page.getByRole('button', { name: '2027-02-05 节假日 春节' })).toBeVisible();
  await expect(page.getByRole('button', { name: '2027-02-08 节假日 春节' })).toBeVisible();
  await expect(page.getByRole('button', { name: '2027-02-14 调休上班 春节调休' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: '工作日历缺少 2027 年' })).toHaveCount(0);
  // Importing again over a held year says which days it changes, and waits for a yes.
  await page.getByRole('button', { name: '导入 2027 年安排' }).click();
  await imp.getByLabel('放假日期').fill(notice2027('2027-02-13'));
  await imp.getByLabel('调休上班日期').fill('2027-02-14 春节调休');
  await imp.getByRole('button', { name: '导入' }).click();
  const confirm = page.getByRole('dialog', { name: '替换 2027 年现有的安排？' });
  await expect(confirm.getByRole('list', { name: '将改动的日期' }).getByRole('listitem')).toHaveText([
    '2027-02-13：周末 → 节假日（春节）',
  ]);
  await confirm.getByRole('button', { name: '替换，改动 1 天' }).click();
  await expect(imp).toBeHidden();
  await expect(page.getByRole('button', { name: '2027-02-13 节假日 春节' })).toBeVisible();

  await page.getByRole('menuitem', { name: '单位管理' }).click();
  // The remit is readable beside the other columns on a laptop's screen (it was a character wide).
  const remitHeader = page.getByRole('columnheader', { name: '职能范围' });
  expect((await remitHeader.boundingBox())?.width ?? 0).toBeGreaterThan(200);
  const row = page.getByRole('row').filter({ hasText: '县水务局' });
  await row.getByRole('button', { name: '修改' }).click();
  const modal = page.getByRole('dialog', { name: /修改单位/ });
  const remit = modal.getByLabel('职能范围');
  await remit.fill(`${await remit.inputValue()}负责河道采砂管理。`);
  await modal.getByRole('button', { name: '保存' }).click();
  await expect(modal).toBeHidden();
  const units = (await (await api.get('/api/units')).json()).items as Array<{ code: string; remit: string }>;
  expect(units.find((u) => u.code === 'water')?.remit).toContain('负责河道采砂管理。');

  // A liaison away on leave: B covers for A meanwhile.
  await page.getByRole('menuitem', { name: '用户管理' }).click();
  await page.getByRole('row').filter({ hasText: 'natres-a' }).getByRole('button', { name: '修改' }).click();
  const user = page.getByRole('dialog', { name: /修改用户/ });
  await user.getByPlaceholder('开始日期').fill('2026-12-01');
  await user.getByPlaceholder('结束日期').fill('2026-12-05');
  await user.getByPlaceholder('结束日期').press('Enter');
  await user.getByLabel('不在岗说明').fill('休年假');
  await user.getByRole('button', { name: '保存' }).click();
  await expect(user).toBeHidden();
  await expect(page.getByRole('row').filter({ hasText: 'natres-a' })).toContainText('2026-12-01~2026-12-05');
  const users = (await (await api.get('/api/users')).json()).items as Array<Record<string, unknown>>;
  expect(users.find((u) => u.username === 'natres-a')).toMatchObject({
    liaisonSlot: 'A',
    awayFrom: '2026-12-01',
    awayUntil: '2026-12-05',
    awayNote: '休年假',
  });
});

test('无权的角色看不到也做不了：审计管理员不能看工单，单位看不到别的单位的工单', async ({
  page,
  baseURL,
}) => {
  await signIn(page, 'auditor');
  await expect(page.getByRole('heading', { name: '审计日志' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '工单查询' })).toHaveCount(0);
  await page.goto('/orders');
  await expect(page.getByText('无权访问')).toBeVisible();

  const other = await apiAs(baseURL as string, 'town-qiaotou-a');
  const { items } = await (await other.get('/api/work-orders?pageSize=100')).json();
  const dispatcher = await apiAs(baseURL as string, 'dispatcher');
  const all = await (await dispatcher.get('/api/work-orders?pageSize=100&state=handling')).json();
  const foreign = all.items.find((o: { id: number }) => !items.some((m: { id: number }) => m.id === o.id));
  await switchUser(page, 'town-qiaotou-a', `/orders/${foreign.id}`);
  await expect(page.getByText(/无权|不能查看|不存在/).first()).toBeVisible();
});

/** A whole year's days off as the State Council's notice might give them (春节 ending on `springEnd`). */
function notice2027(springEnd: string): string {
  return [
    '2027-01-01~2027-01-03 元旦',
    `2027-02-05~${springEnd} 春节`,
    '2027-04-03~2027-04-05 清明节',
    '2027-05-01~2027-05-05 劳动节',
    '2027-06-09~2027-06-11 端午节',
    '2027-09-15~2027-09-17 中秋节',
    '2027-10-01~2027-10-07 国庆节',
  ].join('\n');
}
