import { expect, test } from '@playwright/test';
import { apiAs, signIn } from './fixtures';

test('管理员:切换某天上班/休息,修改单位职能', async ({ page, baseURL }) => {
  const api = await apiAs(baseURL as string, 'admin');
  await signIn(page, 'admin');

  await page.getByRole('menuitem', { name: '工作日历' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '工作日历缺少' })).toBeVisible();
  // 2026-12-05 is a Saturday: make it a working day, then back.
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

  await page.getByRole('menuitem', { name: '单位管理' }).click();
  const row = page.getByRole('row').filter({ hasText: '县水务局' });
  await row.getByRole('button', { name: '修改' }).click();
  const modal = page.getByRole('dialog', { name: /修改单位/ });
  const remit = modal.getByLabel('职能范围');
  await remit.fill(`${await remit.inputValue()}负责河道采砂管理。`);
  await modal.getByRole('button', { name: '保存' }).click();
  await expect(modal).toBeHidden();
  const units = (await (await api.get('/api/units')).json()).items as Array<{ code: string; remit: string }>;
  expect(units.find((u) => u.code === 'water')?.remit).toContain('负责河道采砂管理。');
});

test('无权的角色看不到也做不了:审计管理员不能看工单,单位看不到别的单位的工单', async ({ page, baseURL }) => {
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
  await page.context().clearCookies();
  await signIn(page, 'town-qiaotou-a', `/orders/${foreign.id}`);
  await expect(page.getByText(/无权|不能查看|不存在/).first()).toBeVisible();
});
