import { apiAs, dialog, getOrder, login, pickOption, uniqueTitle } from './fixtures';
import { expect, test } from './test';

test('一张工单走完全程：登记、派发、签收、答复、审核、回访、办结，每个角色各自登录', async ({
  browser,
  baseURL,
}) => {
  // Seven people sign in one after another (the leader's 签发 included): longer than one step's test.
  test.setTimeout(150_000);
  const title = uniqueTitle('楼道灯不亮');
  const api = await apiAs(baseURL as string, 'dispatcher');

  // 派单员:登记(电话),分类靠输入关键词选,登记后直接派发。
  const dispatcher = await (await browser.newContext()).newPage();
  await login(dispatcher, 'dispatcher');
  await dispatcher.getByRole('menuitem', { name: '登记工单' }).click();
  const form = dispatcher.getByRole('form', { name: '登记工单表单' });
  await form.getByLabel('来电人').fill('张先生');
  await form.getByLabel('联系电话').fill('13900002222');
  await form.getByLabel('地址').fill('河湾县河湾镇滨河苑小区3号楼');
  await form.getByLabel('诉求分类', { exact: true }).click();
  await dispatcher.keyboard.type('物业服务');
  await dispatcher.locator('.ant-cascader-menu-item', { hasText: '物业服务' }).first().click();
  await form.getByLabel('标题').fill(title);
  await form
    .getByLabel('诉求内容')
    .fill('滨河苑小区3号楼楼道灯坏了一个多月，物业一直不修，老人晚上上下楼很危险。');
  await form.getByRole('button', { name: '登记并派发' }).click();

  const dispatch = dialog(dispatcher, '派发');
  await expect(dispatch).toBeVisible();
  await expect(dispatch.getByText('派发给一个牵头单位')).toBeVisible();
  await dispatch.getByLabel('牵头单位').click();
  await dispatcher.keyboard.type('住房');
  await pickOption(dispatcher, '县住房和城乡建设局');
  await expect(dispatch.getByText('职能：负责县城集中供热')).toBeVisible();
  await expect(dispatch.getByText('按现在派发，各项期限（北京时间）')).toBeVisible();
  await dispatch.getByRole('button', { name: '确认派发' }).click();
  await expect(dispatch).toBeHidden();
  await expect(dispatcher.getByText('待签收').first()).toBeVisible();
  const id = Number(dispatcher.url().match(/orders\/(\d+)/)?.[1]);
  let stored = await getOrder(api, id);
  expect(stored.state).toBe('pending_sign');
  expect(stored.title).toBe(title);
  // 派单员不能替单位签收:按钮里没有「签收」。
  await expect(
    dispatcher.getByRole('toolbar').getByRole('button', { name: '签收', exact: true }),
  ).toHaveCount(0);

  // 承办单位联络员:在「待签收」里找到工单,签收,按规范答复。
  const liaison = await (await browser.newContext()).newPage();
  await login(liaison, 'housing-a');
  await liaison.getByRole('tab', { name: /待签收/ }).click();
  // By its title: the tab lists what must be signed first first, and the suite's earlier orders may fill its first page.
  await liaison.getByLabel('搜索工单').fill(title);
  await liaison.getByLabel('搜索工单').press('Enter');
  await liaison.getByRole('link', { name: title }).click();
  await liaison.getByRole('button', { name: '签收' }).click();
  const sign = dialog(liaison, '签收');
  await expect(sign.getByText('签收期限')).toBeVisible();
  await sign.getByRole('button', { name: '确认签收' }).click();
  await expect(liaison.getByText('办理中').first()).toBeVisible();

  // 签发 is on by default: the liaison drafts and submits it to the unit's leader.
  await liaison.getByRole('button', { name: '提交领导签发' }).click();
  const reply = dialog(liaison, '提交领导签发');
  await reply
    .getByLabel('办理情况（查明的事实）')
    .fill(
      '接到工单后，我局当日派员到滨河苑小区3号楼现场核查。经核查，楼道照明线路老化短路，群众反映情况属实。',
    );
  await reply.getByLabel('处理结果').fill('已责成物业公司更换全部线路和灯具，目前3号楼楼道已恢复照明。');
  await reply.getByLabel('政策依据').fill('《物业管理条例》第三十五条');
  await expect(reply.getByText('由单位领导在系统中签发')).toBeVisible();
  await reply.getByLabel('承办人', { exact: true }).fill('刘雅琴');
  await reply.getByLabel('承办人电话').fill('13812345678');
  // 本工单需答复群众:先答复群众,记录群众意见(时间默认为打开表单时)。
  await expect(reply.getByTestId('reply-missing')).toContainText('答复群众记录');
  await reply.getByLabel('群众意见').fill('群众表示认可，感谢及时处理。');
  await expect(reply.getByTestId('reply-missing')).toHaveText('各项已齐备');
  await reply.getByRole('button', { name: '提交领导签发' }).click();
  await expect(reply).toBeHidden();
  await expect(liaison.getByText('待签发').first()).toBeVisible();
  expect((await getOrder(api, id)).state).toBe('pending_sign_off');

  // 分管领导:用自己的账号在「待签发」里审核并签发,签发人就是他本人。
  const leader = await (await browser.newContext()).newPage();
  await login(leader, 'housing-leader');
  // A leader's page opens on what waits for the leader, not on the liaisons' 待签收.
  await expect(leader.getByRole('tab', { name: /待签发/ })).toHaveAttribute('aria-selected', 'true');
  await leader.getByRole('link', { name: title }).click();
  await expect(leader.getByText('待签发的答复')).toBeVisible();
  await expect(leader.getByText(/签发人（待领导签发）；承办人 刘雅琴/).first()).toBeVisible();
  await leader.getByRole('toolbar').getByRole('button', { name: '签发', exact: true }).click();
  const signOff = dialog(leader, '签发');
  await expect(signOff.getByText('起草人：刘雅琴')).toBeVisible();
  // What is signed is in the dialog itself.
  await expect(signOff.getByText(/楼道照明线路老化/).first()).toBeVisible();
  await signOff.getByRole('button', { name: '签发', exact: true }).click();
  await expect(signOff).toBeHidden();
  await expect(leader.getByText('待审核').first()).toBeVisible();
  stored = await getOrder(api, id);
  expect(stored.state).toBe('pending_review');
  // The timeline names who signed and who drafted, each with its label.
  await expect(leader.getByText('签发人：冯振华', { exact: true }).first()).toBeVisible();
  await expect(leader.getByText('起草人：刘雅琴', { exact: true }).first()).toBeVisible();
  const replied = stored.timeline.find((e) => e.type === 'replied')?.payload.reply;
  expect(replied?.issuer).toBe('冯振华');
  expect(replied?.citizenContact?.citizenResponse).toBe('群众表示认可，感谢及时处理。');
  expect(replied?.citizenContact?.contactedBy).toBe('刘雅琴');

  // 审核员:审核通过,回访满意,办结。
  const reviewer = await (await browser.newContext()).newPage();
  await login(reviewer, 'reviewer');
  await reviewer.getByRole('tab', { name: /待审核/ }).click();
  await reviewer.getByRole('link', { name: title }).click();
  await reviewer.getByRole('button', { name: '审核通过' }).click();
  const review = dialog(reviewer, '审核通过');
  await expect(review.getByText('滨河苑小区3号楼现场核查')).toBeVisible();
  await review.getByRole('button', { name: '审核通过' }).click();
  await expect(review).toBeHidden();
  await expect(reviewer.getByText('待回访').first()).toBeVisible();

  await reviewer.getByRole('button', { name: '回访' }).click();
  const callback = dialog(reviewer, '回访');
  await callback.getByRole('radio', { name: '满意', exact: true }).check();
  await callback.getByLabel('回访记录').fill('群众表示灯已修好，很满意。');
  await callback.getByRole('button', { name: '记录回访' }).click();
  await expect(callback).toBeHidden();

  await reviewer.getByRole('button', { name: '办结' }).click();
  await dialog(reviewer, '办结').getByRole('button', { name: '确认办结' }).click();
  await expect(reviewer.getByText('已办结').first()).toBeVisible();
  // Closed: nothing of the workflow is left but the office's 改分类 (quality checks correct it).
  await expect(reviewer.getByRole('toolbar').getByRole('button')).toHaveText(['改分类']);

  stored = await getOrder(api, id);
  expect(stored.state).toBe('closed');
  expect(stored.lastCallbackResult).toBe('satisfied');
  expect(stored.timeline.map((e) => e.type)).toEqual([
    'registered',
    'dispatched',
    'signed',
    'sign_off_requested',
    'signed_off',
    'replied',
    'review_accepted',
    'callback_recorded',
    'closed',
  ]);
  // Each role's window is closed, so its live notification stream does not load the next test.
  for (const p of [dispatcher, liaison, leader, reviewer]) await p.context().close();
});
