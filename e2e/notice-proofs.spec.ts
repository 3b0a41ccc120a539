import {
  act,
  apiAs,
  dialog,
  dispatchedOrder,
  getOrder,
  PHOTO_PNG,
  pickOption,
  signIn,
  uniqueTitle,
} from './fixtures';
import { expect, test } from './test';

test('延期申请选用现场照片代替主要负责人签字的申请件：被拒绝，说明原因，申请未提交', async ({
  page,
  baseURL,
}) => {
  const title = uniqueTitle('延期照片代签字');
  const { dispatcher, order } = await dispatchedOrder(baseURL as string, title);
  const unit = await apiAs(baseURL as string, 'housing-a');
  await act(unit, order.id, 'sign');

  // The liaison has put a site photo on the order, as 现场照片.
  const photo = await unit.post(`/api/work-orders/${order.id}/attachments`, {
    multipart: {
      purpose: 'photo',
      file: { name: '现场照片.png', mimeType: 'image/png', buffer: PHOTO_PNG },
    },
  });
  expect(photo.status()).toBe(201);

  await signIn(page, 'housing-a', `/orders/${order.id}`);
  await page.getByRole('button', { name: '申请延期' }).click();
  const form = dialog(page, '申请延期');
  await form.getByLabel('延期原因').fill('需协调施工单位更换主管道，材料采购周期较长，无法在原期限内完成。');
  await form.getByLabel('签字的主要负责人').fill('赵志刚');
  await form.getByLabel('选用本工单已上传的附件').click();
  await pickOption(page, '现场照片.png');
  await form.getByRole('button', { name: '确认申请延期' }).click();
  await expect(form.getByText(/不是延期申请扫描件/)).toBeVisible();
  await expect(form).toBeVisible();

  const stored = await getOrder(dispatcher, order.id);
  expect(stored.pendingExtension).toBeNull();
  expect(stored.timeline.map((e) => e.type)).not.toContain('extension_requested');
});
