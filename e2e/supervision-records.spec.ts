import { dialog, dispatchedOrder, getOrder, signIn, uniqueTitle } from './fixtures';
import { expect, test } from './test';

/** Today in Beijing, as the date picker titles its cells. */
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

test('现场督办与跟踪督办：督查室记录现场督办，开始跟踪督办并登记跟进；承办单位看到涉及本单位的记录', async ({
  page,
  browser,
  baseURL,
}) => {
  const title = uniqueTitle('路灯长期未修');
  const { dispatcher, order } = await dispatchedOrder(baseURL as string, title);

  await signIn(page, 'supervisor', `/orders/${order.id}`);
  const card = page.getByRole('region', { name: '现场督办与跟踪督办' });
  await card.getByRole('button', { name: '记录现场督办' }).click();
  const visit = dialog(page, '记录现场督办');
  await visit.getByLabel('地点').fill('滨河路小区门口');
  await visit.getByLabel('督办人员').fill('督查室 王刚、李娜');
  await visit.getByLabel('见到的单位人员').fill('住建局副局长 张伟');
  // Full-width punctuation only is not a finding: refused by the server, the form stays open.
  await visit.getByLabel('现场发现的情况').fill('已查，，。。');
  await visit.getByLabel('单位承诺或督办要求').fill('承诺三日内更换线路并恢复照明。');
  await visit.getByRole('button', { name: '提交' }).click();
  await expect(visit.getByText('请写明现场发现的情况（至少 5 个字）。')).toBeVisible();
  await visit.getByLabel('现场发现的情况').fill('三盏路灯仍未修复，线路老化待更换。');
  await visit.getByRole('button', { name: '提交' }).click();
  await expect(visit).toBeHidden();
  await expect(card.getByText('三盏路灯仍未修复，线路老化待更换。')).toBeVisible();

  await card.getByRole('button', { name: '开始跟踪督办' }).click();
  const tracking = dialog(page, '开始跟踪督办');
  await tracking.getByLabel('跟踪督办事由').fill('群众反复来电，需持续跟进办理进展');
  await tracking.getByLabel('跟进日期 1').fill(today());
  await tracking.getByLabel('跟进日期 1').press('Enter');
  await tracking.getByRole('button', { name: '提交' }).click();
  await expect(tracking).toBeHidden();
  const tracked = card.getByRole('region', { name: '跟踪督办 县住房和城乡建设局' });
  await expect(tracked.getByText(`${today()} 今日跟进`)).toBeVisible();

  await tracked.getByRole('button', { name: '登记跟进' }).click();
  const follow = dialog(page, '登记跟进：县住房和城乡建设局');
  await follow.getByLabel('办理进展').fill('线路已更换一半，预计周五完工。');
  await follow.getByRole('button', { name: '提交' }).click();
  await expect(follow).toBeHidden();
  await expect(tracked.getByText(`${today()} 已跟进`)).toBeVisible();
  await expect(tracked.getByText(/电话：线路已更换一半/)).toBeVisible();

  // The unit concerned sees the records about itself, and cannot record any.
  const unit = await (await browser.newContext()).newPage();
  await signIn(unit, 'housing-a', `/orders/${order.id}`);
  const unitCard = unit.getByRole('region', { name: '现场督办与跟踪督办' });
  await expect(unitCard.getByText('三盏路灯仍未修复，线路老化待更换。')).toBeVisible();
  await expect(unitCard.getByRole('button', { name: '记录现场督办' })).toHaveCount(0);

  const stored = await getOrder(dispatcher, order.id);
  expect((stored as unknown as { timeline: Array<{ type: string }> }).timeline.map((e) => e.type)).toEqual(
    expect.arrayContaining(['on_site_supervised', 'tracking_started', 'tracking_followed_up']),
  );
});
