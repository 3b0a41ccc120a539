import Database from 'better-sqlite3';
import { act, apiAs, dialog, dispatchedOrder, getOrder, SCAN_PDF, signIn, uniqueTitle } from './fixtures';
import { workerDatabase } from './places';
import { expect, test } from './test';

test('单位上传主要负责人签字扫描件申请延期，派单员同意，办理期限改为新期限', async ({
  page,
  browser,
  baseURL,
}) => {
  const title = uniqueTitle('需协调施工延期');
  const { dispatcher: api, order } = await dispatchedOrder(baseURL as string, title);
  const unit = await apiAs(baseURL as string, 'housing-a');
  const signed = await act(unit, order.id, 'sign');
  const handleBy = new Date(signed.deadlines.handle.at as string);
  // The first rest day at least four days after the current deadline's day, and the working day
  // after it: asked for the rest day, the deadline falls at the end of that working day.
  const deadlineDay = new Date(handleBy.getTime() - 60_000 + 8 * 3600_000);
  const dayOf = (d: Date) => d.toISOString().slice(0, 10);
  const from = dayOf(new Date(deadlineDay.getTime() + 4 * 86400_000));
  const year = Number(dayOf(deadlineDay).slice(0, 4));
  const days: Array<{ date: string; working: boolean }> = [];
  for (const y of [year, year + 1]) {
    const res = await unit.get(`/api/calendar/years/${y}`);
    if (res.ok()) days.push(...(await res.json()).days);
  }
  const restIndex = days.findIndex((d) => d.date >= from && !d.working);
  const rest = days[restIndex]?.date as string;
  const day = days.slice(restIndex).find((d) => d.working)?.date as string;
  const wantedIso = new Date(
    `${dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + 86400_000))}T00:00:00+08:00`,
  ).toISOString();
  const monthDay = (iso: string) => `${Number(iso.slice(5, 7))} 月 ${Number(iso.slice(8, 10))} 日`;

  // Only the years the county holds are read: no 404 in the console for next year's.
  const missing: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 404 && r.url().includes('/api/calendar/')) missing.push(r.url());
  });
  await signIn(page, 'housing-a', `/orders/${order.id}`);
  await page.getByRole('button', { name: '申请延期' }).click();
  const form = dialog(page, '申请延期');
  await expect(form.getByText('扫描件').first()).toBeVisible();
  // It first offers the third working day after the current deadline, never a rest day.
  const offered = days.filter((d) => d.date > dayOf(deadlineDay) && d.working)[2]?.date as string;
  await expect(form.getByLabel('申请延期至')).toHaveValue(`${offered} 24:00`);
  expect(missing).toEqual([]);
  await expect(form.getByText('已预填为当前期限后第 3 个工作日')).toBeVisible();
  // The day is picked on the calendar (a phone's keyboard does not open); it means that day's end.
  await form.getByLabel('申请延期至').click();
  const cell = page.locator(`.ant-picker-dropdown td[title="${rest}"]`);
  if ((await cell.count()) === 0)
    await page.locator('.ant-picker-dropdown .ant-picker-header-next-btn').click();
  await cell.click();
  await expect(form.getByLabel('申请延期至')).toHaveValue(`${rest} 24:00`);
  await expect(form.getByText('已预填为当前期限后第 3 个工作日')).toHaveCount(0);
  // A rest day says at once where the deadline will fall, not only after submitting.
  await expect(
    form.getByText(
      new RegExp(`^${monthDay(rest)}（周.）是.+，期限按下一个工作日计：${monthDay(day)}（周.） 24:00。$`),
    ),
  ).toBeVisible();
  // Too short a reason is said beside the field, before anything is sent.
  await form.getByLabel('延期原因').fill('需延期。');
  await form.getByRole('button', { name: '确认申请延期' }).click();
  await expect(form.getByText('延期原因至少 5 个字（标点不计）')).toBeVisible();
  await form.getByLabel('延期原因').fill('需协调施工单位更换主管道，材料采购周期较长，无法在原期限内完成。');
  await form.getByLabel('签字的主要负责人').fill('赵志刚');
  // Without the scan the form refuses to send.
  await form.getByRole('button', { name: '确认申请延期' }).click();
  await expect(form.getByText('请上传主要负责人签字的延期申请扫描件')).toBeVisible();
  await form.locator('input[type=file]').setInputFiles(SCAN_PDF);
  await expect(form.getByText(`已上传 ${SCAN_PDF.name}`)).toBeVisible();
  await form.getByRole('button', { name: '确认申请延期' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByText(/延期申请待审批/)).toBeVisible();

  const office = await (await browser.newContext()).newPage();
  await signIn(office, 'dispatcher');
  await office.getByRole('tab', { name: /延期待批/ }).click();
  await office.getByRole('link', { name: title }).click();
  await office.getByRole('button', { name: '同意延期', exact: true }).click();
  const approve = dialog(office, '同意延期');
  await expect(approve.getByText('赵志刚')).toBeVisible();
  await expect(approve.getByRole('link', { name: '查看扫描件' })).toBeVisible();
  await expect(approve.getByLabel('批准的新期限')).toHaveValue(`${day} 24:00`);
  await approve.getByRole('button', { name: '确认同意延期' }).click();
  await expect(approve).toBeHidden();

  const stored = await getOrder(api, order.id);
  expect(stored.pendingExtension).toBeNull();
  expect(stored.counts.extensions).toBe(1);
  expect(stored.handleBy).toBe(wantedIso);
  expect(stored.timeline.map((e) => e.type)).toEqual(
    expect.arrayContaining(['extension_requested', 'extension_approved']),
  );
  await expect(office.getByText(`${day} 24:00`).first()).toBeVisible();
});

test('单位的延期申请超过县热线办审批时限：派单员在工作台「审批超时」中看到已等待的时长，审批后记为审批超时', async ({
  page,
  baseURL,
}) => {
  const title = uniqueTitle('延期待批超时');
  const { dispatcher: api, order } = await dispatchedOrder(baseURL as string, title);
  const unit = await apiAs(baseURL as string, 'housing-a');
  await act(unit, order.id, 'sign');
  const upload = await unit.post(`/api/work-orders/${order.id}/attachments`, {
    multipart: { file: SCAN_PDF, purpose: 'extension_scan' },
  });
  expect(upload.ok(), await upload.text()).toBeTruthy();
  const current = await getOrder(unit, order.id);
  await act(unit, order.id, 'request-extension', {
    reason: '需协调施工单位更换供水主管道，材料采购周期较长',
    requestedDeadline: new Date(
      new Date(current.handleBy as string).getTime() + 10 * 86400_000,
    ).toISOString(),
    mainLeaderName: '赵志刚',
    scanAttachmentId: ((await upload.json()) as { id: number }).id,
  });

  // The office has let it wait: the server keeps no test clock, so the request is moved back
  // 30 hours, its decision deadline (one working day) 6 hours ago.
  const db = new Database(workerDatabase());
  try {
    db.prepare('update work_orders set decision_requested_at = ?, decide_by = ? where id = ?').run(
      new Date(Date.now() - 30 * 3600_000).toISOString(),
      new Date(Date.now() - 6 * 3600_000).toISOString(),
      order.id,
    );
  } finally {
    db.close();
  }

  await signIn(page, 'dispatcher');
  await page.getByRole('tab', { name: /^审批超时/ }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: title }) });
  await expect(row.getByText('审批超时 · 已等 1 天 6 小时')).toBeVisible();
  await row.getByRole('link', { name: title }).click();
  await page.getByRole('button', { name: '同意延期', exact: true }).click();
  const approve = dialog(page, '同意延期');
  await approve.getByRole('button', { name: '确认同意延期' }).click();
  await expect(approve).toBeHidden();

  const stored = await getOrder(api, order.id);
  expect(stored.pendingExtension).toBeNull();
  expect(stored.timeline.filter((e) => e.type === 'decision_overdue')).toHaveLength(1);
  const left = (await (await api.get('/api/work-orders?decision=late')).json()) as {
    items: Array<{ id: number }>;
  };
  expect(left.items.map((i) => i.id)).not.toContain(order.id);
});
