import { CITY_EXPORT_HEADERS, cityExportRow, cityExportXlsx } from '../test/support/city-export';
import { apiAs, getOrder, pickOption, signIn } from './fixtures';
import { expect, test } from './test';

test('市平台表格导入：热线办上传导出表，对应列，看预览（新建与拒绝及原因），确认后工单登记', async ({
  page,
  baseURL,
}) => {
  const run = Date.now().toString(36).toUpperCase();
  const due = new Date(Date.now() + 20 * 86_400_000);
  const deadline = new Date(Date.UTC(due.getUTCFullYear(), due.getUTCMonth(), due.getUTCDate(), 17, 0));
  const row = (i: number, over: Record<string, unknown> = {}) =>
    cityExportRow(i, {
      工单编号: `E2E${run}${i}`,
      标题: `表格导入${run}第${i}件`,
      办理期限: deadline,
      ...over,
    });
  // The city's export names the number column in a way no mapping knows yet.
  const file = await cityExportXlsx([row(1), row(2, { 来电号码: '打不通' }), row(3)], CITY_EXPORT_HEADERS, {
    工单编号: '市 工单号：',
  });

  await signIn(page, 'dispatcher', '/');
  await page.getByRole('menuitem', { name: '市平台表格导入' }).click();
  await page.locator('input[type=file]').setInputFiles({
    name: '市平台导出.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: file,
  });
  await expect(page.getByText('请为下列字段选择表格中的列')).toBeVisible();
  await page.getByRole('combobox', { name: '市平台工单编号' }).click();
  await pickOption(page, '市 工单号：');
  await page.getByRole('button', { name: '按此对应重新预览' }).click();
  await expect(page.getByText('已保存，表头相同的文件自动套用')).toBeVisible();

  const preview = page.getByRole('table').last();
  await expect(
    preview.getByRole('row', { name: new RegExp(`E2E${run}2.*拒绝.*电话号码格式不正确`) }),
  ).toBeVisible();
  await expect(preview.getByRole('row', { name: new RegExp(`E2E${run}1.*新建`) })).toBeVisible();
  await page.getByRole('button', { name: '确认导入' }).click();

  await expect(page.getByText('导入结果')).toBeVisible();
  const results = page.getByRole('table').last();
  await expect(results.getByText('已新建')).toHaveCount(2);
  await expect(results.getByRole('row', { name: new RegExp(`E2E${run}2.*拒绝`) })).toBeVisible();

  // The order is the city's: registered from the city platform, with its number, and says where it came from.
  await results
    .getByRole('row', { name: new RegExp(`E2E${run}1`) })
    .getByRole('link')
    .click();
  await expect(page.getByText(`表格导入${run}第1件`).first()).toBeVisible();
  await expect(page.getByText('由市平台导出表导入（市平台导出.xlsx 第 2 行）')).toBeVisible();
  const id = Number(page.url().split('/').pop());
  const stored = await getOrder(await apiAs(baseURL as string, 'dispatcher'), id);
  expect(stored).toMatchObject({ channel: 'city_platform', cityOrderNo: `E2E${run}1` });
});
