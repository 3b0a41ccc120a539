import { dialog, dispatchedOrder, getOrder, SCAN_PDF, signIn, uniqueTitle } from './fixtures';
import { expect, test } from './test';

test('传真代录：派单员上传传真件并按传真内容录入答复，标明传真代录', async ({ page, baseURL }) => {
  const title = uniqueTitle('传真答复');
  const { dispatcher: api, order } = await dispatchedOrder(baseURL as string, title);

  await signIn(page, 'dispatcher', '/?tab=fax');
  await page.getByRole('searchbox', { name: '搜索工单' }).fill(order.code);
  await page.getByRole('searchbox', { name: '搜索工单' }).press('Enter');
  await page.getByRole('link', { name: title }).click();
  await page.getByRole('button', { name: '传真代录' }).click();
  const form = dialog(page, '传真代录');
  await form
    .getByLabel('办理情况（查明的事实）')
    .fill('我局接单后派员到现场核查，小区楼道照明线路因雨水渗漏短路，群众反映属实。');
  await form.getByLabel('处理结果').fill('已更换受损线路并做防水处理，楼道照明已全部恢复。');
  await form.getByLabel('政策依据').fill('《物业管理条例》第三十五条');
  await form.getByLabel('签发人').fill('王建国');
  await form.getByLabel('承办人', { exact: true }).fill('刘雅琴');
  await form.getByLabel('承办人电话').fill('0972-8521234');
  // The scan is required.
  await form.getByRole('button', { name: '录入答复' }).click();
  await expect(form.getByText('请上传传真答复件的扫描件')).toBeVisible();
  await form.locator('input[type=file]').setInputFiles({ ...SCAN_PDF, name: '住建局传真答复.pdf' });
  await expect(form.getByText('已上传 住建局传真答复.pdf')).toBeVisible();
  await form.getByRole('button', { name: '录入答复' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByText('传真代录', { exact: true }).first()).toBeVisible();

  const stored = await getOrder(api, order.id);
  expect(stored.state).toBe('pending_review');
  const event = stored.timeline.find((e) => e.type === 'fax_reply_recorded');
  expect(event?.payload.reply).toMatchObject({ viaFax: true, issuer: '王建国' });
});
