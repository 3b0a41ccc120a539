import { apiAs, dialog, getOrder, signIn, unitId } from './fixtures';
import { expect, test } from './test';

test('督查督办：派单员催办，单位阅知，报专项督办，督查室记录督查情况并办结', async ({
  page,
  browser,
  baseURL,
}) => {
  // Four roles sign in one after another: on a loaded two-core machine this walk took over a minute.
  test.setTimeout(150_000);
  // Only an overdue order the unit left unmoved goes to the supervision office (通知三): one of the
  // demo county's 住建局 orders past its deadline, which the system has urged once already.
  const api = await apiAs(baseURL as string, 'dispatcher');
  const housing = await unitId(api, 'housing');
  const overdue = (await (
    await api.get('/api/work-orders?state=handling&due=overdue&pageSize=100')
  ).json()) as {
    items: Array<{ id: number; title: string; leadUnit: { id: number } | null }>;
  };
  const order = overdue.items.find((o) => o.leadUnit?.id === housing);
  if (!order) throw new Error('the demo county has no overdue 住建局 order in hand');
  const title = order.title;
  // Before a second urge and a phone call, escalating is refused with what is missing.
  const early = await api.post(`/api/work-orders/${order.id}/escalate`, {
    data: { version: (await getOrder(api, order.id)).version, reason: '长期未办理，报请专项督办。' },
  });
  expect(early.status()).toBe(422);
  expect(((await early.json()) as { error: { message: string } }).error.message).toContain('电话督办 0 次');

  // 派单员催办。
  await signIn(page, 'dispatcher', `/orders/${order.id}`);
  await page.getByRole('button', { name: '催办', exact: true }).click();
  const urge = dialog(page, '催办');
  await expect(urge.getByLabel('催办内容')).toHaveValue(/请抓紧办理/);
  // The deadline written as the page writes it (a day's end is 24:00, not the next day's 00:00).
  await expect(urge.getByLabel('催办内容')).toHaveValue(/办理期限为 \d{4}-\d{2}-\d{2} 24:00/);
  await urge.getByRole('button', { name: '确认催办' }).click();
  await expect(urge).toBeHidden();
  await expect(page.getByText('未阅').first()).toBeVisible();

  // 单位在工单上阅知催办。
  const unit = await (await browser.newContext()).newPage();
  await signIn(unit, 'housing-a', `/orders/${order.id}`);
  // At the top of the order, where the unit works (not only in the supervision card further down).
  const unread = unit.getByRole('note', { name: '未阅的催办' });
  await expect(unread).toContainText('请抓紧办理');
  const before = await unread.getByRole('button', { name: '确认已阅' }).count();
  // The system's earlier urge may still be unread beside the new one: the unit reads one.
  await unread.getByRole('button', { name: '确认已阅' }).first().click();
  await expect(unit.getByText(/^已阅 /).first()).toBeVisible();
  await expect(unread.getByRole('button', { name: '确认已阅' })).toHaveCount(before - 1);

  // 电话督办,然后报专项督办。
  await page.getByRole('button', { name: '记录电话督办' }).click();
  const call = dialog(page, '记录电话督办');
  await call.getByLabel('接听人').fill('刘雅琴');
  await call.getByLabel('通话内容').fill('询问办理进度，要求本周内办结并答复群众。');
  await call.getByLabel('对方承诺').fill('承诺周五前办结反馈');
  await call.getByRole('button', { name: '确认记录电话督办' }).click();
  await expect(call).toBeHidden();
  await page.getByRole('button', { name: '报督查室专项督办' }).click();
  const escalate = dialog(page, '报督查室专项督办');
  await escalate.getByLabel('报督办理由').fill('经催办和电话督办仍未按期办理，报请专项督办。');
  await escalate.getByRole('button', { name: '确认报督查室专项督办' }).click();
  await expect(escalate).toBeHidden();
  await expect(page.getByText('专项督办中')).toBeVisible();

  // 督查室在「督办中」找到案件,记录督查情况,办结督办。
  const office = await (await browser.newContext()).newPage();
  await signIn(office, 'supervisor');
  await office.getByRole('tab', { name: /督办中/ }).click();
  await office.getByRole('link', { name: title }).click();
  await office.getByRole('button', { name: '记录督查情况' }).click();
  const finding = dialog(office, '记录督查情况');
  await finding
    .getByLabel('督查情况', { exact: true })
    .fill('经实地督查，该局已安排施工队进场，预计三日内完工。');
  await finding.getByLabel('督办措施').fill('责成该局每日报告进度');
  await finding.getByRole('button', { name: '确认记录督查情况' }).click();
  await expect(finding).toBeHidden();
  await office.getByRole('button', { name: '督查办结' }).click();
  const conclude = dialog(office, '督查办结');
  await conclude.getByLabel('督办结论').fill('问题已解决，督办办结。');
  await conclude.getByRole('button', { name: '确认督查办结' }).click();
  await expect(conclude).toBeHidden();
  await expect(office.getByText('督办已办结')).toBeVisible();

  const stored = (await getOrder(api, order.id)) as unknown as {
    timeline: Array<{ type: string }>;
    supervision: { escalatedAt: string | null; concludedAt: string | null };
    urges: Array<{ readAt: string | null }>;
  };
  expect(stored.supervision.escalatedAt).not.toBeNull();
  expect(stored.supervision.concludedAt).not.toBeNull();
  expect(stored.urges.some((u) => u.readAt !== null)).toBe(true);
  expect(stored.timeline.map((e) => e.type)).toEqual(
    expect.arrayContaining([
      'urged',
      'urge_read',
      'phone_supervised',
      'escalated',
      'supervision_finding',
      'supervision_concluded',
    ]),
  );
});
