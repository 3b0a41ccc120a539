import { apiAs, dialog, dispatchedOrder, registerOrder, signIn, uniqueTitle } from './fixtures';
import { expect, test } from './test';

/** A phone of this run's own, so other tests' orders never show in its caller history. */
const runPhone = () => `137${String(Date.now()).slice(-8)}`;

test('承办单位看到遮盖后的电话，说明理由后查看完整号码，查看记入流转记录', async ({ page, baseURL }) => {
  const phone = runPhone();
  const masked = `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  const { order } = await dispatchedOrder(baseURL as string, uniqueTitle('楼道照明损坏'), {
    citizenPhone: phone,
  });

  await signIn(page, 'housing-a', `/orders/${order.id}`);
  await expect(page.getByText(masked, { exact: true })).toBeVisible();
  await expect(page.getByText(phone, { exact: true })).toHaveCount(0);

  await page.getByRole('button', { name: '查看完整号码' }).click();
  const reveal = dialog(page, '查看来电人完整号码');
  // Punctuation is no reason: refused with the rule, and nothing is shown.
  await reveal.getByLabel('查看理由').fill('。。。');
  await reveal.getByRole('button', { name: '查看' }).click();
  await expect(reveal.getByText(/至少 4 个字/)).toBeVisible();
  await reveal.getByLabel('查看理由').fill('电话联系来电人，核实楼道位置');
  await reveal.getByRole('button', { name: '查看' }).click();
  await expect(reveal).toBeHidden();
  await expect(page.getByText(phone, { exact: true })).toBeVisible();

  // The office sees who looked and why on the timeline.
  const office = await apiAs(baseURL as string, 'dispatcher');
  const stored = (await (await office.get(`/api/work-orders/${order.id}`)).json()) as {
    timeline: Array<{ type: string; payload: { reason?: string } }>;
  };
  expect(stored.timeline.find((e) => e.type === 'contact_revealed')?.payload.reason).toBe(
    '电话联系来电人，核实楼道位置',
  );
});

test('保密件：承办单位看不到来电人身份，也没有查看按钮', async ({ page, baseURL }) => {
  const { order } = await dispatchedOrder(baseURL as string, uniqueTitle('举报违规施工'), {
    citizenName: '保女士',
    citizenPhone: runPhone(),
    confidential: true,
  });
  await signIn(page, 'housing-a', `/orders/${order.id}`);
  await expect(page.getByText('保密', { exact: true })).toBeVisible();
  await expect(page.getByText('保女士')).toHaveCount(0);
  await expect(page.getByRole('button', { name: '查看完整号码' })).toHaveCount(0);
});

test('登记时输入电话即显示来电人历史工单，工单页也有来电人历史', async ({ page, baseURL }) => {
  const phone = runPhone();
  const dispatcher = await apiAs(baseURL as string, 'dispatcher');
  const earlier = await registerOrder(dispatcher, uniqueTitle('路灯不亮'), { citizenPhone: phone });

  await signIn(page, 'dispatcher', '/register');
  const form = page.getByRole('form', { name: '登记工单表单' });
  await form.getByLabel('联系电话').pressSequentially(phone, { delay: 20 });
  const history = page.getByRole('region', { name: '来电人历史面板' });
  await expect(history.getByRole('listitem', { name: `历史工单：${earlier.code}` })).toBeVisible();

  // The register form's 保密 checkbox is the office's, with what it means.
  await expect(form.getByRole('checkbox', { name: '保密件：不向承办单位透露身份' })).toBeVisible();

  const later = await registerOrder(dispatcher, uniqueTitle('路灯还是不亮'), { citizenPhone: phone });
  await page.goto(`/orders/${later.id}`);
  const panel = page.getByRole('region', { name: '来电人历史面板' });
  await expect(panel.getByText(`来电号码 ${phone} 的其他工单`)).toBeVisible();
  await expect(panel.getByRole('listitem', { name: `历史工单：${earlier.code}` })).toBeVisible();
});
