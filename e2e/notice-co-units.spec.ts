import { formatDeadline } from '../src/domain/deadline-text';
import {
  act,
  apiAs,
  dialog,
  dispatchedWithCoUnits,
  GOOD_REPLY,
  getOrder,
  pickOption,
  registerOrder,
  setDeadlines,
  signIn,
  switchUser,
  uniqueTitle,
  unitId,
} from './fixtures';
import { expect, test } from './test';

test('协办单位退回协办部分并建议单位；派单员看到理由和建议，一键增加建议的协办单位', async ({
  page,
  baseURL,
}) => {
  const title = uniqueTitle('协办回退');
  const dispatcher = await apiAs(baseURL as string, 'dispatcher');
  const order = await registerOrder(dispatcher, title);
  await act(dispatcher, order.id, 'dispatch', {
    leadUnitId: await unitId(dispatcher, 'urban'),
    coUnitIds: [await unitId(dispatcher, 'market')],
  });

  // The co-unit returns its part, with its reason and the unit it suggests.
  await signIn(page, 'market-a', `/orders/${order.id}`);
  await page.getByRole('button', { name: '协办回退' }).click();
  const form = dialog(page, '协办回退');
  await form.getByLabel('回退理由').fill('夜间噪音扰民的查处属于公安机关职责，不属于市场监管');
  await form.getByLabel('建议协办单位').fill('县公安');
  await pickOption(page, '县公安局');
  await form
    .getByRole('button', { name: /确认|协办回退/ })
    .last()
    .click();
  await expect(form).toBeHidden();
  await expect(page.getByRole('button', { name: '协办签收' })).toHaveCount(0);

  // The office sees the return on the timeline and adds the suggested unit, picked for it.
  await switchUser(page, 'dispatcher', `/orders/${order.id}`);
  await expect(page.getByText('夜间噪音扰民的查处属于公安机关职责，不属于市场监管').first()).toBeVisible();
  await page.getByRole('button', { name: '增加协办单位' }).click();
  const add = dialog(page, '增加协办单位');
  await expect(add.getByText('建议协办单位：县公安局')).toBeVisible();
  await expect(add.getByRole('combobox', { name: '增加的协办单位' })).toBeVisible();
  // Preselected: the field shows the unit itself (the line above reads 「建议协办单位:县公安局」).
  await expect(add.getByTitle('县公安局')).toBeVisible();
  await add
    .getByRole('button', { name: /确认|增加协办单位/ })
    .last()
    .click();
  await expect(add).toBeHidden();

  const stored = await getOrder(dispatcher, order.id);
  expect(stored.state).toBe('pending_sign');
  expect(stored.timeline.find((e) => e.type === 'co_returned')?.payload).toMatchObject({
    reason: '夜间噪音扰民的查处属于公安机关职责，不属于市场监管',
    suggestedUnit: '县公安局',
  });
  const police = await unitId(dispatcher, 'police');
  expect(stored.timeline.find((e) => e.type === 'co_unit_added')?.payload).toMatchObject({ unitId: police });
  const full = (await (await dispatcher.get(`/api/work-orders/${order.id}`)).json()) as {
    assignments: Array<{ unitId: number; role: string; active: boolean }>;
  };
  expect(full.assignments.filter((a) => a.active && a.role === 'co').map((a) => a.unitId)).toEqual([police]);
});

test('协办单位过了协办意见期限才提交意见：记为协办单位逾期未提交意见一次，流转记录写明期限', async ({
  page,
  baseURL,
}) => {
  const dispatcher = await apiAs(baseURL as string, 'dispatcher');
  const order = await dispatchedWithCoUnits(dispatcher, uniqueTitle('协办逾期意见'), ['police']);
  const police = await apiAs(baseURL as string, 'police-a');
  await act(police, order.id, 'co-sign');
  // The server keeps no test clock: its deadline is moved an hour back.
  const deadline = new Date(Date.now() - 3600_000);
  setDeadlines(order.id, { co_unit_by: deadline });
  await act(police, order.id, 'co-opinion', {
    content: '城关派出所已调取监控，咬人犬只系附近居民散养，已找到犬主。',
  });

  // Recorded once, by the opinion or by the deadline watcher if its round came first.
  const stored = await getOrder(dispatcher, order.id);
  expect(stored.timeline.filter((e) => e.type === 'co_unit_silent')).toHaveLength(1);
  expect(stored.timeline.find((e) => e.type === 'co_opinion_given')?.payload).toMatchObject({ late: true });
  await signIn(page, 'dispatcher', `/orders/${order.id}`);
  const entry = page.getByTestId('timeline-event').filter({ hasText: '协办单位逾期未提交意见' });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText(`协办意见期限：${formatDeadline(deadline)}`);
  await dispatcher.dispose();
  await police.dispose();
});

test('协办单位未提出意见：牵头单位起草答复、领导签发、热线办审核时都看到是哪个单位、签收没有；已提出的意见照录', async ({
  page,
  baseURL,
}) => {
  const dispatcher = await apiAs(baseURL as string, 'dispatcher');
  const order = await dispatchedWithCoUnits(dispatcher, uniqueTitle('协办未提意见'), ['police', 'market']);
  const market = await apiAs(baseURL as string, 'market-a');
  await act(market, order.id, 'co-sign');
  await act(market, order.id, 'co-opinion', { content: '经查该店已办理营业执照，我局将配合核查油烟排放。' });
  const lead = await apiAs(baseURL as string, 'urban-a');
  await act(lead, order.id, 'sign');

  // The police never signed: named where the reply is written; the market, which gave its opinion, is not.
  await signIn(page, 'urban-a', `/orders/${order.id}`);
  await page.getByRole('button', { name: '提交领导签发' }).click();
  const draft = dialog(page, '提交领导签发');
  await expect(draft.getByTestId('co-units-without-opinion')).toHaveText(
    '尚未提出协办意见：县公安局（未签收）',
  );
  // What the market bureau said is there to write into the reply, not only in the timeline.
  await expect(draft.getByTestId('co-unit-opinions')).toContainText('县市场监督管理局协办意见');
  await expect(draft.getByTestId('co-unit-opinions')).toContainText('经查该店已办理营业执照');
  await draft.getByRole('button', { name: '取消' }).click();

  await act(lead, order.id, 'submit-for-sign-off', { reply: { ...GOOD_REPLY, issuer: '' } });
  await switchUser(page, 'urban-leader', `/orders/${order.id}`);
  await page.getByRole('button', { name: '签发', exact: true }).click();
  const signOff = dialog(page, '签发');
  await expect(signOff.getByTestId('co-units-without-opinion')).toHaveText(
    '尚未提出协办意见：县公安局（未签收）',
  );
  await signOff.getByRole('button', { name: '签发', exact: true }).click();
  await expect(signOff).toBeHidden();
  await switchUser(page, 'reviewer', `/orders/${order.id}`);
  await page.getByRole('button', { name: '审核通过' }).click();
  const review = dialog(page, '审核通过');
  await expect(review.getByTestId('co-units-without-opinion')).toHaveText(
    '尚未提出协办意见：县公安局（未签收）',
  );
  for (const api of [dispatcher, market, lead]) await api.dispose();
});
