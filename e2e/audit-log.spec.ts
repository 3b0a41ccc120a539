import { readFile } from 'node:fs/promises';
import { request as playwrightRequest } from '@playwright/test';
import ExcelJS from 'exceljs';
import { apiAs, pickOption, signIn } from './fixtures';
import { expect, test } from './test';

test('审计管理员按人员和操作查询审计日志，看到件数，按同样的条件导出 Excel，导出本身也记入日志', async ({
  page,
  baseURL,
}) => {
  // Someone tries an account name that does not exist, twice.
  const ghost = `ghost${Date.now().toString(36)}`;
  const stranger = await playwrightRequest.newContext({ baseURL });
  for (let i = 0; i < 2; i++) {
    const r = await stranger.post('/api/auth/login', { data: { username: ghost, password: 'Wrong@2026x' } });
    expect(r.status()).toBe(401);
  }
  await stranger.dispose();

  await signIn(page, 'auditor');
  await expect(page.getByRole('heading', { name: '审计日志' })).toBeVisible();
  const form = page.getByRole('form', { name: '审计日志查询条件' });
  await form.getByLabel('操作').click();
  await pickOption(page, /^登录失败$/);
  await page.keyboard.press('Escape');
  await form.getByLabel('人员').fill(ghost);
  await form.getByRole('button', { name: '查询' }).click();
  await expect(page.getByText('共 2 条')).toBeVisible();
  const rows = page.getByRole('row').filter({ hasText: ghost });
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('登录失败');
  // The search is in the address: a reload keeps it.
  await page.reload();
  await expect(page.getByText('共 2 条')).toBeVisible();
  await expect(page.getByRole('form', { name: '审计日志查询条件' }).getByLabel('人员')).toHaveValue(ghost);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: /导出 Excel/ }).click();
  const file = await (await download).path();
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await readFile(file)) as never);
  const sheet = book.worksheets[0];
  expect(sheet?.rowCount).toBe(3);
  expect(sheet?.getRow(2).getCell(3).value).toBe(ghost);
  expect(sheet?.getRow(2).getCell(4).value).toBe('登录失败');

  const auditor = await apiAs(baseURL as string, 'auditor');
  const exported = await (await auditor.get('/api/audit-log?action=audit.exported&pageSize=1')).json();
  expect(exported.items[0].after).toMatchObject({ person: ghost, action: ['auth.login_failed'] });
  await auditor.dispose();
});

test('审计管理员读到的是改了什么：字段的中文名和改前改后，操作人的姓名和登录名', async ({
  page,
  baseURL,
}) => {
  const admin = await apiAs(baseURL as string, 'admin');
  const users = await (await admin.get('/api/users?pageSize=200')).json();
  const {
    id,
    unitName: _n,
    roleLabels: _l,
    ...civil
  } = users.items.find((u: { username: string }) => u.username === 'civil-a');
  const note = `下乡驻村${Date.now().toString(36)}`;
  expect((await admin.put(`/api/users/${id}`, { data: { ...civil, awayNote: note } })).status()).toBe(200);
  const adminName = (await (await admin.get('/api/auth/me')).json()).name;
  await admin.dispose();

  await signIn(page, 'auditor', `/audit?action=user.updated&target=user:${id}`);
  const row = page.getByRole('row').filter({ hasText: note });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`${adminName}（admin）`);
  await expect(row.getByRole('listitem')).toHaveText(new RegExp(`^不在岗说明：.*${note}$`));
  // No raw snapshot with English field names.
  await expect(row).not.toContainText('awayNote');
});
