import { act, apiAs, dialog, dispatchedOrder, getOrder, SCAN_PDF, signIn, uniqueTitle } from './fixtures';
import { expect, test } from './test';

const PROGRESS = '已联系物业公司，正在采购灯具，预计三天内完成更换。';

test('返回手势关闭表单而不离开工单；草稿经过返回和刷新都还在，提交后清除', async ({ page, baseURL }) => {
  const { order } = await dispatchedOrder(baseURL as string, uniqueTitle('草稿'));
  const unit = await apiAs(baseURL as string, 'housing-a');
  await act(unit, order.id, 'sign');

  await signIn(page, 'housing-a', `/orders/${order.id}`);
  await page.getByRole('button', { name: '报告进展' }).click();
  const form = dialog(page, '报告进展');
  await form.getByLabel('进展情况').fill(PROGRESS);

  // Back closes the form and stays on the order.
  await page.goBack();
  await expect(form).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/orders/${order.id}$`));
  await expect(page.getByRole('button', { name: '报告进展' })).toBeVisible();

  // Opening it again brings back what was typed, and so does a reload.
  await page.getByRole('button', { name: '报告进展' }).click();
  await expect(form.getByLabel('进展情况')).toHaveValue(PROGRESS);
  await expect(form.getByText(/已恢复您 .* 未提交的草稿/)).toBeVisible();
  await page.reload();
  await expect(form.getByLabel('进展情况')).toHaveValue(PROGRESS);

  // Discarded, the form is empty: not the draft it was opened with.
  await form.getByRole('button', { name: '放弃草稿' }).click();
  await expect(form.getByLabel('进展情况')).toHaveValue('');
  await expect(form.getByText(/未提交的草稿/)).toHaveCount(0);
  await form.getByLabel('进展情况').fill(PROGRESS);

  await form.getByRole('button', { name: '确认报告进展' }).click();
  await expect(form).toBeHidden();
  const stored = await getOrder(unit, order.id);
  expect(stored.timeline.filter((e) => e.type === 'progress_reported')).toHaveLength(1);

  // Sent: the next form starts empty.
  await page.getByRole('button', { name: '报告进展' }).click();
  await expect(form.getByLabel('进展情况')).toHaveValue('');
  await expect(form.getByText(/未提交的草稿/)).toHaveCount(0);
});

test('服务器指出的问题，在用户改了那一栏后立刻消失', async ({ page, baseURL }) => {
  const { order } = await dispatchedOrder(baseURL as string, uniqueTitle('红框'));
  const unit = await apiAs(baseURL as string, 'housing-a');
  await act(unit, order.id, 'sign');

  await signIn(page, 'housing-a', `/orders/${order.id}`);
  await page.getByRole('button', { name: '提交领导签发' }).click();
  const form = dialog(page, '提交领导签发');
  await form.getByRole('button', { name: '提交领导签发' }).click();
  const result = form.locator('.ant-form-item').filter({ has: page.getByLabel('处理结果', { exact: true }) });
  await expect(result).toHaveClass(/ant-form-item-has-error/);

  await form
    .getByLabel('处理结果', { exact: true })
    .fill('已责成物业公司更换线路和灯具，11月20日已全部恢复照明，并要求物业每月巡检一次。');
  await expect(result).not.toHaveClass(/ant-form-item-has-error/);
  // Still open with the other parts' problems; the one filled in is no longer marked.
  await expect(form).toBeVisible();
});

test('登记表单：来电记到一半刷新，内容还在；放弃草稿即清空；登记后下一件从空表开始', async ({ page }) => {
  const title = uniqueTitle('草稿登记');
  const content = '小区门口下水道堵塞，污水外溢已有三天，行人绕行，请尽快安排疏通。';
  await signIn(page, 'dispatcher', '/register');
  const form = page.getByRole('form', { name: '登记工单表单' });
  const fill = async () => {
    await form.getByLabel('来电人').fill('王女士');
    await form.getByLabel('联系电话').fill('13912345678');
    await form.getByLabel('标题').fill(title);
    await form.getByLabel('诉求内容').fill(content);
  };
  await fill();
  await page.reload();
  await expect(page.getByText(/已恢复您 .* 未提交的草稿/)).toBeVisible();
  await expect(form.getByLabel('标题')).toHaveValue(title);
  await expect(form.getByLabel('诉求内容')).toHaveValue(content);
  await expect(form.getByLabel('来电人')).toHaveValue('王女士');

  // Discarded: the form is empty again (not the draft it opened with), and stays so after a reload.
  await page.getByRole('button', { name: '放弃草稿' }).click();
  await expect(form.getByLabel('标题')).toHaveValue('');
  await expect(form.getByLabel('来电人')).toHaveValue('');
  await expect(page.getByText(/未提交的草稿/)).toHaveCount(0);
  await page.reload();
  await expect(form.getByLabel('标题')).toHaveValue('');

  await fill();
  await form.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page).toHaveURL(/\/orders\/\d+/);

  // Registered: the next call starts on an empty form.
  await page.goto('/register');
  await expect(form.getByLabel('标题')).toHaveValue('');
  await expect(page.getByText(/未提交的草稿/)).toHaveCount(0);
});

test('草稿在本机只留 30 天：30 天没动过的草稿（无论谁的）在打开表单时删除，较新的保留', async ({ page }) => {
  await signIn(page, 'dispatcher', '/');
  const me = (await (await page.request.get('/api/auth/me')).json()) as { id: number };
  const daysAgo = (n: number) => new Date(Date.now() - n * 24 * 3600_000).toISOString();
  const drafts = {
    [`huiyin:draft:${me.id}:register`]: { values: { title: '一个多月前的来电' }, savedAt: daysAgo(31) },
    'huiyin:draft:99999:order:1:reply': { values: { content: '别人的旧草稿' }, savedAt: daysAgo(40) },
    'huiyin:draft:99999:order:2:reply': { values: { content: '别人昨天的草稿' }, savedAt: daysAgo(1) },
  };
  await page.evaluate((all) => {
    for (const [key, draft] of Object.entries(all)) localStorage.setItem(key, JSON.stringify(draft));
  }, drafts);
  await page.goto('/register');
  const form = page.getByRole('form', { name: '登记工单表单' });
  await expect(form.getByLabel('标题')).toHaveValue('');
  await expect(page.getByText(/未提交的草稿/)).toHaveCount(0);
  const left = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('huiyin:draft:')),
  );
  expect(left).toEqual(['huiyin:draft:99999:order:2:reply']);
});

test('恢复的草稿里已上传的扫描件仍写文件名，不是「附件 #编号」', async ({ page, baseURL }) => {
  const { order } = await dispatchedOrder(baseURL as string, uniqueTitle('草稿扫描件'));
  await act(await apiAs(baseURL as string, 'housing-a'), order.id, 'sign');
  await signIn(page, 'housing-a', `/orders/${order.id}`);
  await page.getByRole('button', { name: '申请延期' }).click();
  const form = dialog(page, '申请延期');
  await form.getByLabel('延期原因').fill('需等待房屋安全鉴定报告出具后才能确定维修方案。');
  await form.locator('input[type=file]').setInputFiles(SCAN_PDF);
  await expect(form.getByText(`已上传 ${SCAN_PDF.name}`)).toBeVisible();

  await page.reload();
  await expect(form.getByText(/已恢复您 .* 未提交的草稿/)).toBeVisible();
  await expect(form.getByText(`已上传 ${SCAN_PDF.name}`)).toBeVisible();
  await expect(form.getByText(/附件 #/)).toHaveCount(0);
});
