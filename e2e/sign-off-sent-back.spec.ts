import { expect, test } from '@playwright/test';
import { act, apiAs, dialog, dispatchedOrder, GOOD_REPLY, getOrder, signIn, uniqueTitle } from './fixtures';

// The liaison is on a phone, as township liaisons are.
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('领导退回修改后,联络员改好答复再提交:原稿带出,答复群众记录重新从「现在、电话、本人」开始', async ({
  page,
  baseURL,
}) => {
  const title = uniqueTitle('退回再提交');
  const { order } = await dispatchedOrder(baseURL as string, title, { needsCitizenReply: true });
  const liaisonApi = await apiAs(baseURL as string, 'housing-a');
  await act(liaisonApi, order.id, 'sign');
  const now = new Date().toISOString();
  await act(liaisonApi, order.id, 'submit-for-sign-off', {
    reply: {
      ...GOOD_REPLY,
      issuer: '',
      citizenContact: {
        contactedAt: now,
        method: 'phone',
        contactedBy: '刘雅琴',
        citizenResponse: '表示认可',
      },
    },
  });
  const leaderApi = await apiAs(baseURL as string, 'housing-leader');
  await act(leaderApi, order.id, 'send-back-sign-off', { comment: '处理结果请写明物业巡检的起止时间。' });

  await signIn(page, 'housing-a', `/orders/${order.id}`);
  await page.getByRole('button', { name: '提交领导签发' }).click();
  const reply = dialog(page, '提交领导签发');
  await expect(reply.getByText('处理结果请写明物业巡检的起止时间。')).toBeVisible();
  await expect(reply.getByLabel('办理情况(查明的事实)')).toHaveValue(GOOD_REPLY.findings);
  await expect(reply.getByLabel('答复人')).toHaveValue('刘雅琴');
  // The phone's own date and time wheels: the picker's calendar is wider than the screen.
  await expect(reply.getByLabel('答复时间')).toHaveAttribute('type', 'datetime-local');
  await expect(reply.getByLabel('答复时间')).not.toHaveValue('');
  // Only the citizen's opinion of the changed reply is missing.
  await expect(reply.getByTestId('reply-missing')).toContainText('答复群众记录');
  await reply
    .getByLabel('处理结果')
    .fill('已责成物业公司更换线路和灯具,现已全部恢复照明;物业自12月起每月5日巡检一次,为期一年。');
  await reply.getByLabel('群众意见').fill('群众对修改后的答复表示认可。');
  await expect(reply.getByTestId('reply-missing')).toHaveText('各项已齐备');
  await reply.getByRole('button', { name: '提交领导签发' }).click();
  await expect(reply).toBeHidden();
  const stored = await getOrder(liaisonApi, order.id);
  expect(stored.state).toBe('pending_sign_off');
  for (const api of [liaisonApi, leaderApi]) await api.dispose();
});
