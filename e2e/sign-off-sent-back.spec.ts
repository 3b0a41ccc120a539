import { act, apiAs, dialog, dispatchedOrder, GOOD_REPLY, getOrder, signIn, uniqueTitle } from './fixtures';
import { expect, test } from './test';

// The liaison is on a phone, as township liaisons are.
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('领导退回修改后，联络员改好答复再提交：原稿整个带出，答复群众的记录（时间、群众意见）照原样', async ({
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
  // Said at the top of the order, not only in the draft's card screens down.
  await expect(
    page.getByRole('alert').filter({ hasText: '退回修改，请按意见修改后重新提交签发' }),
  ).toContainText('处理结果请写明物业巡检的起止时间。');
  await page.getByRole('button', { name: '提交领导签发' }).click();
  const reply = dialog(page, '提交领导签发');
  await expect(reply.getByText('处理结果请写明物业巡检的起止时间。')).toBeVisible();
  await expect(reply.getByLabel('办理情况（查明的事实）')).toHaveValue(GOOD_REPLY.findings);
  await expect(reply.getByLabel('答复人')).toHaveValue('刘雅琴');
  // The phone's own date and time wheels: the picker's calendar is wider than the screen.
  await expect(reply.getByLabel('答复时间')).toHaveAttribute('type', 'datetime-local');
  // The contact took place when it was recorded: not re-dated, the citizen's words kept.
  const beijingMinute = new Date(Date.parse(now) + 8 * 3600_000).toISOString().slice(0, 16);
  await expect(reply.getByLabel('答复时间')).toHaveValue(new RegExp(`^${beijingMinute}`));
  await expect(reply.getByLabel('群众意见')).toHaveValue('表示认可');
  await expect(reply.getByTestId('reply-missing')).toHaveText('各项已齐备');
  await reply
    .getByLabel('处理结果')
    .fill('已责成物业公司更换线路和灯具，现已全部恢复照明；物业自12月起每月5日巡检一次，为期一年。');
  await reply.getByRole('button', { name: '提交领导签发' }).click();
  await expect(reply).toBeHidden();
  const stored = await getOrder(liaisonApi, order.id);
  expect(stored.state).toBe('pending_sign_off');
  for (const api of [liaisonApi, leaderApi]) await api.dispose();
});
