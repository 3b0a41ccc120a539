import {
  act,
  apiAs,
  dialog,
  dispatchedOrder,
  GOOD_REPLY,
  getOrder,
  signIn,
  switchUser,
  uniqueTitle,
} from './fixtures';
import { expect, test } from './test';

/** An order replied to, signed off and accepted by the reviewer: waiting for the callback. */
async function reviewedOrder(baseURL: string, title: string) {
  const { order } = await dispatchedOrder(baseURL, title);
  const unit = await apiAs(baseURL, 'housing-a');
  await act(unit, order.id, 'sign');
  await act(unit, order.id, 'submit-for-sign-off', { reply: GOOD_REPLY });
  await act(await apiAs(baseURL, 'housing-leader'), order.id, 'sign-off', {});
  const reviewerApi = await apiAs(baseURL, 'reviewer');
  await act(reviewerApi, order.id, 'accept-review', {});
  return { order, reviewerApi };
}

test('回访群众不满意，审核员退回重办，工单回到单位办理中', async ({ page, baseURL }) => {
  const title = uniqueTitle('回访不满意');
  const { order, reviewerApi } = await reviewedOrder(baseURL as string, title);

  await signIn(page, 'reviewer');
  await page.getByRole('tab', { name: /待回访/ }).click();
  // No order awaiting the callback is on a clock the filters ask about (分发时限, the unit's 时限).
  const main = page.locator('main');
  await expect(main.getByRole('searchbox', { name: '搜索工单' })).toBeVisible();
  for (const clock of ['分发时限', '时限', '进展报告'])
    await expect(main.getByText(clock, { exact: true })).toHaveCount(0);
  await page.getByRole('link', { name: title }).click();
  await page.getByRole('button', { name: '回访' }).click();
  const callback = dialog(page, '回访');
  await callback.getByRole('radio', { name: '不满意' }).check();
  await callback.getByLabel('回访记录').fill('群众表示灯修好两天又坏了，问题没有根本解决。');
  await callback.getByRole('button', { name: '记录回访' }).click();
  await expect(callback).toBeHidden();

  await page.getByRole('button', { name: '退回重办' }).click();
  const redo = dialog(page, '退回重办');
  await expect(redo.getByText('重办期限为 5 个工作日')).toBeVisible();
  await expect(redo.getByRole('checkbox', { name: '群众不满意' })).toBeChecked();
  await redo.getByLabel('重办意见').fill('请彻底排查线路，确保问题根本解决后再答复。');
  await redo.getByRole('button', { name: '确认退回重办' }).click();
  await expect(redo).toBeHidden();
  await expect(page.getByText('办理中').first()).toBeVisible();
  await expect(page.getByText('重办').first()).toBeVisible();

  const stored = await getOrder(reviewerApi, order.id);
  expect(stored.state).toBe('handling');
  expect(stored.redoCount).toBe(1);
  const redoEvent = stored.timeline.find((e) => e.type === 'redo_ordered');
  expect(redoEvent?.payload.reasons).toEqual(['citizen_unsatisfied']);

  // The unit finds it under 重办, and improves the reply sent back rather than typing it again.
  await switchUser(page, 'housing-a');
  await page.getByRole('tab', { name: /重办/ }).click();
  await page.getByRole('link', { name: title }).click();
  await page.getByRole('button', { name: '提交领导签发' }).click();
  const again = dialog(page, '提交领导签发');
  await expect(again.getByLabel('办理情况（查明的事实）')).toHaveValue(GOOD_REPLY.findings);
  await expect(again.getByLabel('处理结果')).toHaveValue(GOOD_REPLY.result);
  await expect(again.getByLabel('承办人', { exact: true })).toHaveValue(GOOD_REPLY.handlerName);
  // Sent again as it was, it would say nothing of the redo: the form says so (it does not refuse).
  const note = again.getByRole('note').filter({ hasText: '与被退回的答复相同' });
  await expect(note).toBeVisible();
  await again
    .getByLabel('处理结果')
    .fill(`${GOOD_REPLY.result}重办后已更换整段老化线路，连续三晚复查照明正常。`);
  await expect(note).toHaveCount(0);
});

test('回访不满意的工单，审核员须确认诉求超出政策规定并写明情况说明才能直接办结', async ({
  page,
  baseURL,
}) => {
  const { order, reviewerApi } = await reviewedOrder(baseURL as string, uniqueTitle('不满意办结'));
  await act(reviewerApi, order.id, 'callback', { result: 'unsatisfied', note: '群众坚持要求赔偿全部损失。' });

  await signIn(page, 'reviewer', `/orders/${order.id}`);
  await page.getByRole('button', { name: '办结', exact: true }).click();
  const close = dialog(page, '办结');
  await close.getByLabel('情况说明').fill('群众要求赔偿的损失超出政策规定，单位已当面说明补偿标准。');
  await close.getByRole('button', { name: '确认办结' }).click();
  // Not sent: the office has not found the demand beyond policy.
  await expect(close.getByText('不能确认的，请退回重办')).toBeVisible();
  expect((await getOrder(reviewerApi, order.id)).state).toBe('pending_callback');

  await close.getByRole('checkbox', { name: /群众诉求超出政策规定或不合理/ }).check();
  await close.getByRole('button', { name: '确认办结' }).click();
  await expect(close).toBeHidden();
  expect((await getOrder(reviewerApi, order.id)).state).toBe('closed');
});
