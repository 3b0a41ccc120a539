import { act, apiAs, dialog, dispatchedOrder, getOrder, pickOption, signIn, uniqueTitle } from './fixtures';
import { expect, test } from './test';

test('单位在回退窗口内申请回退，派单员同意后工单回到待派发', async ({ page, browser, baseURL }) => {
  const title = uniqueTitle('不属本单位职责');
  const { dispatcher: api, order } = await dispatchedOrder(baseURL as string, title);

  await signIn(page, 'housing-a', `/orders/${order.id}`);
  await page.getByRole('button', { name: '申请回退' }).click();
  const form = dialog(page, '申请回退');
  // The form says until when the window is open before anything is sent.
  await expect(form.getByText('回退窗口开放至')).toBeVisible();
  await expect(form.getByText(/剩 \d+ 个工作日|剩 \d+ 小时/)).toBeVisible();
  await form.getByLabel('回退理由').fill('该事项属于小区供水设施维修，归供水公司负责，不属于本局职责。');
  await form.getByLabel('建议承办单位').fill('河湾县供水');
  await pickOption(page, '河湾县供水有限责任公司');
  await form.getByRole('button', { name: '确认申请回退' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByText('回退待审').first()).toBeVisible();
  expect((await getOrder(api, order.id)).state).toBe('return_requested');
  // Asked once: no second request offered, and the window no longer shows as open.
  await expect(page.getByRole('button', { name: '申请回退' })).toHaveCount(0);
  await expect(page.getByTestId('deadline-return').getByText('可回退')).toHaveCount(0);
  // Until the office decides it is still the unit's: in 办理中, marked as a return waiting.
  // (Searched within the tab: the suite's other orders fill more than a page of it.)
  await page.goto('/');
  await page.getByRole('tab', { name: /^办理中/ }).click();
  await page.getByRole('searchbox', { name: '搜索工单' }).fill(order.code);
  await page.getByRole('searchbox', { name: '搜索工单' }).press('Enter');
  await expect(page.getByRole('row').filter({ hasText: title }).getByText('回退待审')).toBeVisible();
  await page.goto(`/orders/${order.id}`);

  const office = await (await browser.newContext()).newPage();
  await signIn(office, 'dispatcher');
  await office.getByRole('tab', { name: /回退待审/ }).click();
  await office.getByRole('link', { name: title }).click();
  await office.getByRole('button', { name: '同意回退', exact: true }).click();
  const approve = dialog(office, '同意回退');
  await expect(approve.getByText('河湾县供水有限责任公司')).toBeVisible();
  await approve.getByLabel('审核意见（可不填）').fill('同意，改派供水公司。');
  await approve.getByRole('button', { name: '确认同意回退' }).click();
  await expect(approve).toBeHidden();
  await expect(office.getByText('待派发').first()).toBeVisible();
  // Re-dispatch is offered at once, showing the unit's reason.
  await expect(office.getByRole('toolbar').getByRole('button', { name: '派发' })).toBeVisible();
  // On the desk it waits among the new orders, marked as returned.
  await office.goto('/');
  await office.getByRole('tab', { name: /^待派发/ }).click();
  await office.getByRole('searchbox', { name: '搜索工单' }).fill(order.code);
  await office.getByRole('searchbox', { name: '搜索工单' }).press('Enter');
  await expect(office.getByRole('row').filter({ hasText: title }).getByText('已回退')).toBeVisible();

  const stored = await getOrder(api, order.id);
  expect(stored.state).toBe('pending_dispatch');
  expect(stored.counts.returns).toBe(1);
  expect(stored.timeline.map((e) => e.type)).toContain('return_approved');

  // The unit no longer sees the order it returned: the page says why it may be gone, with a way back.
  await page.reload();
  await expect(page.getByText(/无权|不存在|不能查看/).first()).toBeVisible();
  await expect(page.getByText('工单可能已收回、改派或合并')).toBeVisible();
  await page.getByRole('button', { name: '回到工作台' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test.describe('手机', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('县热线办不同意回退：单位打开工单，页首写明不同意和理由，不必翻到流转记录', async ({
    page,
    baseURL,
  }) => {
    const title = uniqueTitle('回退被拒');
    const { dispatcher, order } = await dispatchedOrder(baseURL as string, title);
    const unit = await apiAs(baseURL as string, 'housing-a');
    await act(unit, order.id, 'request-return', {
      reason: '该路段路灯由县城市管理局负责维护，不属本局职责。',
      suggestedUnit: '县城市管理局',
    });
    const opinion = '经核实该路段路灯已移交住建局管理，请按职责办理。';
    await act(dispatcher, order.id, 'reject-return', { opinion });

    await signIn(page, 'housing-a', `/orders/${order.id}`);
    const notice = page.getByRole('note', { name: '不同意回退' });
    await expect(notice).toContainText('县热线办不同意回退');
    await expect(notice).toContainText(opinion);
    // Above the fields and the timeline: the first screen of the phone shows it.
    expect((await notice.boundingBox())?.y ?? 9999).toBeLessThan(844);
  });
});
