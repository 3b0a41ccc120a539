import type { BrowserContext, Page } from '@playwright/test';
import { act, apiAs, dialog, dispatchedOrder, GOOD_REPLY, getOrder, login, uniqueTitle } from './fixtures';
import {
  cachedApi,
  goOffline,
  goOnline,
  loadOffline,
  OFFLINE_BANNER,
  openKept,
  signedOrder,
  signInWithWorker,
} from './offline-kit';
import { expect, test } from './test';

// About the service worker's part (the return home, the offline copies): it is allowed here.
test.use({ serviceWorkers: 'allow' });

// Issue 13 item 5: a liaison on a weak signal reads the queue and the orders opened last with
// the network off, takes a step that waits in the outbox, and sees it sent when the connection
// returns; a conflict meanwhile shows the 409 view with the typed text kept.

const PROGRESS = '已到现场查看，楼道线路老化，已联系物业采购灯具，预计三天内更换完毕。';

for (const [device, viewport] of [
  ['桌面', { width: 1366, height: 900 }],
  ['手机 375×812', { width: 375, height: 812 }],
] as const) {
  test.describe(device, () => {
    test.use({ viewport });

    test(`${device}：断网后读队列和打开过的工单，签收进入待发送，联网后发送`, async ({
      page,
      context,
      baseURL,
    }) => {
      const title = uniqueTitle('离线签收');
      const { dispatcher, order } = await dispatchedOrder(baseURL as string, title);

      await signInWithWorker(page, 'housing-a');
      // With the worker in control, the queue and the order are read once online and kept.
      await page.reload();
      await expect(page.getByText(title).first()).toBeVisible();
      await page.getByText(title).first().click();
      await expect(page.getByRole('heading', { name: title })).toBeVisible();
      await expect.poll(() => cachedApi(page, `/api/work-orders/${order.id}`)).toBe(true);
      await expect.poll(() => cachedApi(page, '/api/work-orders/counts')).toBe(true);

      await goOffline(context, page);
      await loadOffline(page, '/');
      await expect(page.getByRole('status').filter({ hasText: OFFLINE_BANNER })).toBeVisible();
      await expect(page.getByText(title).first()).toBeVisible();
      // The tabs' counts too, from the copy kept of their one request.
      await expect(page.getByRole('tab', { name: /待签收/ })).toContainText(/[1-9]/);
      await loadOffline(page, `/orders/${order.id}`);
      await expect(page.getByRole('heading', { name: title })).toBeVisible();
      await expect(page.getByText(OFFLINE_BANNER)).toBeVisible();
      // What the worker keeps no copy of cannot be read offline, and says so.
      const history = page.getByRole('region', { name: '来电人历史面板' });
      await expect(history).toContainText('无法连接服务器');

      await page.getByRole('button', { name: '签收' }).click();
      await dialog(page, '签收').getByRole('button', { name: '确认签收' }).click();
      await expect(dialog(page, '签收')).toBeHidden();
      await expect(page.getByText('待发送：签收')).toBeVisible();
      await expect(page.getByText('待发送 1 项操作。')).toBeVisible();
      // Offered once: the waiting step is not offered again.
      await expect(page.getByRole('toolbar').getByRole('button', { name: '签收' })).toHaveCount(0);
      expect((await getOrder(dispatcher, order.id)).state).toBe('pending_sign');
      if (viewport.width === 375) {
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      }

      await goOnline(context, page);
      await expect(page.getByText(OFFLINE_BANNER)).toBeHidden();
      await expect(page.getByText('待发送：签收')).toBeHidden();
      // The order shows the server's answer: signed, now in handling.
      await expect(page.getByText('办理中').first()).toBeVisible();
      // Read again once the connection is back, without a reload.
      await expect(history).toContainText('来电号码');
      await expect(history).not.toContainText('无法连接服务器');
      const stored = await getOrder(dispatcher, order.id);
      expect(stored.state).toBe('handling');
      expect(stored.timeline.filter((e) => e.type === 'signed')).toHaveLength(1);
    });
  });
}

/** A progress report typed while no answer comes: kept as 待发送. */
async function queueProgress(page: Page) {
  await page.getByRole('button', { name: '报告进展' }).click();
  const form = dialog(page, '报告进展');
  await form.getByLabel('进展情况').fill(PROGRESS);
  await form.getByRole('button', { name: '确认报告进展' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByText('待发送：报告进展')).toBeVisible();
  return form;
}

/** A signed order opened on the phone, then offline: a progress report typed and queued (待发送). */
async function progressQueuedOffline(page: Page, context: BrowserContext, baseURL: string, what: string) {
  const title = uniqueTitle(what);
  const { dispatcher, order } = await signedOrder(baseURL, title);
  await openKept(page, order.id, title);
  await goOffline(context, page);
  await loadOffline(page, 'reload');
  const form = await queueProgress(page);
  return { dispatcher, order, form };
}

test.describe('手机 375×812', () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test('离线报告进展期间工单被他人修改：联网发送得到 409，表单显示冲突并保留填写的内容', async ({
    page,
    context,
    baseURL,
  }) => {
    const { dispatcher, order, form } = await progressQueuedOffline(
      page,
      context,
      baseURL as string,
      '离线冲突',
    );

    // Meanwhile the unit's other liaison changes the order from the office.
    const colleague = await apiAs(baseURL as string, 'housing-b');
    await act(colleague, order.id, 'report-progress', { content: '物业已开始排查楼道线路，明日更换灯具。' });

    await goOnline(context, page);
    const notice = page.getByRole('alert').filter({ hasText: '未能发送：报告进展' });
    await expect(notice).toBeVisible();
    // Who changed it, and that the order on the page is already the latest.
    await expect(notice).toContainText(
      /工单已有变化：.+ 于 .+「报告进展」，已载入最新内容。您填写的内容仍保存在本机/,
    );
    await notice.getByRole('button', { name: '查看并重新提交' }).click();
    await expect(form.getByRole('alert')).toContainText('工单已被他人修改');
    await expect(form.getByLabel('进展情况')).toHaveValue(PROGRESS);

    // The 409 view: reload the order, the text stays, send again.
    await form.getByRole('button', { name: '刷新工单' }).click();
    await expect(form.getByText('已载入工单的最新内容')).toBeVisible();
    await expect(form.getByLabel('进展情况')).toHaveValue(PROGRESS);
    await form.getByRole('button', { name: '确认报告进展' }).click();
    await expect(form).toBeHidden();
    const progress = (await getOrder(dispatcher, order.id)).timeline.filter(
      (e) => e.type === 'progress_reported',
    );
    expect(progress.map((e) => e.payload.content)).toEqual(
      expect.arrayContaining([PROGRESS, '物业已开始排查楼道线路，明日更换灯具。']),
    );
    expect(progress).toHaveLength(2);
    await expect(page.getByText('未能发送')).toHaveCount(0);
  });

  test('离线时保存的操作，联网时工单已被同事推进：页面显示工单现状和谁做了什么，不再提供重新提交，填写的内容可查看', async ({
    page,
    context,
    baseURL,
  }) => {
    const { order } = await progressQueuedOffline(page, context, baseURL as string, '离线已被推进');

    // Meanwhile the unit's other liaison submits the reply for sign-off.
    await act(await apiAs(baseURL as string, 'housing-b'), order.id, 'submit-for-sign-off', {
      reply: GOOD_REPLY,
    });

    await goOnline(context, page);
    const notice = page.getByRole('alert').filter({ hasText: '未能发送：报告进展' });
    await expect(notice).toContainText('此操作已不能再提交');
    await expect(notice).toContainText('「提交领导签发」');
    // The page shows the order as it now is, without the steps it no longer offers.
    await expect(page.getByText('待签发').first()).toBeVisible();
    await expect(page.getByRole('button', { name: '报告进展' })).toHaveCount(0);
    await expect(notice.getByRole('button', { name: '查看并重新提交' })).toHaveCount(0);
    // On a phone the buttons sit under the reason, which keeps the card's width.
    const reason = await notice.getByText('此操作已不能再提交').boundingBox();
    const button = await notice.getByRole('button', { name: '查看填写的内容' }).boundingBox();
    expect(button?.y ?? 0).toBeGreaterThan((reason?.y ?? 0) + (reason?.height ?? 0) - 1);
    await notice.getByRole('button', { name: '查看填写的内容' }).click();
    const typed = dialog(page, '您填写的内容：报告进展');
    await expect(typed.getByText(PROGRESS)).toBeVisible();
    await typed.getByRole('button', { name: '关闭' }).click();
    await notice.getByRole('button', { name: '放弃' }).click();
    await expect(page.getByText('未能发送')).toHaveCount(0);
  });
});

test('退出登录清除离线保存的内容：下一位在同一部手机上登录的人读不到上一位的工单', async ({
  page,
  context,
  baseURL,
}) => {
  const title = uniqueTitle('离线换人');
  const { order } = await dispatchedOrder(baseURL as string, title);
  await openKept(page, order.id, title);

  await page.getByRole('button', { name: /刘雅琴/ }).hover();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login/);
  expect(await cachedApi(page, `/api/work-orders/${order.id}`)).toBe(false);
  // Nor who was signed in: the next person is not opened as the last one offline.
  expect(await page.evaluate(() => localStorage.getItem('huiyin-signed-in'))).toBeNull();

  await login(page, 'water-a');
  await goOffline(context, page);
  await loadOffline(page, `/orders/${order.id}`);
  await expect(page.getByText(OFFLINE_BANNER)).toBeVisible();
  await expect(page.getByRole('heading', { name: title })).toHaveCount(0);
  await expect(page.getByText(title)).toHaveCount(0);
});

test('断网时刷新页面：即使服务工作线程还没存下「我是谁」，也留在应用里显示离线内容，不跳到登录页', async ({
  page,
  context,
  baseURL,
}) => {
  const title = uniqueTitle('离线刷新');
  const { order } = await dispatchedOrder(baseURL as string, title);
  await openKept(page, order.id, title);
  // As right after signing in, before the worker had kept a copy of who is signed in.
  await page.evaluate(async () => {
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys())
        if (new URL(req.url).pathname === '/api/auth/me') await cache.delete(req);
    }
  });
  expect(await cachedApi(page, '/api/auth/me')).toBe(false);
  await goOffline(context, page);
  await loadOffline(page, 'reload');
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect(page.getByText(OFFLINE_BANNER)).toBeVisible();
  await expect(page).not.toHaveURL(/\/login/);
});

test.describe('回答丢失', () => {
  // The outbox needs no service worker; without one the page's own requests can be cut here.
  test.use({ serviceWorkers: 'block' });

  test('发出后没收到回答的操作进入待发送，再发时认出已生效：不重复、不误报冲突', async ({
    page,
    baseURL,
  }) => {
    const { dispatcher, order } = await signedOrder(baseURL as string, uniqueTitle('回答丢失'));

    await login(page, 'housing-a');
    await page.goto(`/orders/${order.id}`);
    // The request reaches the server and is applied; its answer is lost on the way back.
    await page.route(
      `**/api/work-orders/${order.id}/report-progress`,
      async (route) => {
        await route.fetch();
        await route.abort('internetdisconnected');
      },
      { times: 1 },
    );
    await page.getByRole('button', { name: '报告进展' }).click();
    const form = dialog(page, '报告进展');
    await form.getByLabel('进展情况').fill(PROGRESS);
    await form.getByRole('button', { name: '确认报告进展' }).click();
    await expect(form).toBeHidden();

    // Sent again at once (the phone is online): the server answers 409, the timeline shows it was ours.
    await expect(page.getByText(/待发送|正在发送/)).toHaveCount(0);
    await expect(page.getByText('未能发送')).toHaveCount(0);
    await expect(page.getByText(PROGRESS)).toBeVisible();
    const stored = await getOrder(dispatcher, order.id);
    expect(stored.timeline.filter((e) => e.type === 'progress_reported')).toHaveLength(1);
    // Accepted: the draft is gone, the next form starts empty.
    await page.getByRole('button', { name: '报告进展' }).click();
    await expect(form.getByLabel('进展情况')).toHaveValue('');
  });
});

test('信号弱：手机显示有网但连不上服务器时，也提示正在显示离线保存的内容，操作待发送，「重试」后发出', async ({
  page,
  context,
  baseURL,
}) => {
  const title = uniqueTitle('信号弱');
  const { dispatcher, order } = await signedOrder(baseURL as string, title);
  await openKept(page, order.id, title);

  // Nothing reaches the server, yet the phone does not say it is offline. The link comes back
  // the moment the liaison taps 「重试」, and not before: nothing else (the notification stream,
  // the app's own check) may bring it back first, or the button would not be what sent the step.
  let back = false;
  await page.exposeFunction('e2eLinkBack', () => {
    back = true;
  });
  await page.addInitScript(() => {
    document.addEventListener(
      'pointerdown',
      (e) => {
        const button = (e.target as Element | null)?.closest('button');
        if (button?.textContent?.replace(/\s/g, '') === '重试')
          (window as unknown as { e2eLinkBack: () => void }).e2eLinkBack();
      },
      true,
    );
  });
  const cut = (route: import('@playwright/test').Route) =>
    back ? route.fallback() : route.abort('internetdisconnected');
  await context.route('**/api/**', cut);
  await page.reload();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  const banner = page.getByRole('status').filter({ hasText: '网络不稳定，连接不上服务器' });
  await expect(banner).toBeVisible();

  await queueProgress(page);
  expect((await getOrder(dispatcher, order.id)).timeline.some((e) => e.type === 'progress_reported')).toBe(
    false,
  );

  await banner.getByRole('button', { name: '重试' }).click();
  await expect(banner).toBeHidden();
  await expect(page.getByText('待发送：报告进展')).toBeHidden();
  const progress = (await getOrder(dispatcher, order.id)).timeline.filter(
    (e) => e.type === 'progress_reported',
  );
  expect(progress.map((e) => e.payload.content)).toEqual([PROGRESS]);
});

test.describe('手机 375×812，首页与答复', () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test('离线时签收、回到首页，联网发出后首页随即更新，不必刷新', async ({ page, context, baseURL }) => {
    const title = uniqueTitle('离线签收回首页');
    const { order } = await dispatchedOrder(baseURL as string, title);
    await signInWithWorker(page, 'housing-a');
    await page.reload();
    await page.getByText(title).first().click();
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
    await expect.poll(() => cachedApi(page, `/api/work-orders/${order.id}`)).toBe(true);
    await page.getByRole('button', { name: '返回' }).click();
    await expect(page.getByText(title).first()).toBeVisible();

    await goOffline(context, page);
    await page.getByText(title).first().click();
    await page.getByRole('button', { name: '签收' }).click();
    await dialog(page, '签收').getByRole('button', { name: '确认签收' }).click();
    await expect(page.getByText('待发送：签收')).toBeVisible();
    await page.getByRole('button', { name: '返回' }).click();
    // Offline the home page shows what it kept: the order still waiting to be signed, and its card
    // says the signature waits to be sent.
    await expect(page.getByText(title).first()).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: title })).toContainText('待发送：签收');

    await goOnline(context, page);
    await expect(page.getByText(title)).toHaveCount(0);
    expect((await getOrder(await apiAs(baseURL as string, 'dispatcher'), order.id)).state).toBe('handling');
  });

  test('信号弱时首页是离线保存的队列；服务器一回应，队列随即重新读取，不留已签收的工单', async ({
    page,
    context,
    baseURL,
  }) => {
    const title = uniqueTitle('回应后重读');
    const { order } = await dispatchedOrder(baseURL as string, title);
    await signInWithWorker(page, 'housing-a');
    await page.reload();
    await expect(page.getByText(title).first()).toBeVisible();
    await expect.poll(() => cachedApi(page, '/api/work-orders')).toBe(true);

    // Nothing reaches the server, though the phone says it is online: the queue comes from the copy.
    await context.route('**/api/**', (route) => route.abort('internetdisconnected'));
    await page.reload();
    await expect(page.getByRole('status').filter({ hasText: '网络不稳定，连接不上服务器' })).toBeVisible();
    await expect(page.getByText(title).first()).toBeVisible();
    // Meanwhile the order is signed elsewhere (a colleague's phone): the server's queue no longer has it.
    await act(await apiAs(baseURL as string, 'housing-a'), order.id, 'sign');

    // The link comes back; the app's own check reaches the server, and the queue is read again.
    await context.unroute('**/api/**');
    await expect(page.getByRole('status').filter({ hasText: '网络不稳定' })).toBeHidden();
    await expect(page.getByText(title)).toHaveCount(0);
  });

  test('离线时答复有空着的必填项：不保存待发送，指出哪一栏没填', async ({ page, context, baseURL }) => {
    const title = uniqueTitle('离线答复未填完');
    const { order } = await signedOrder(baseURL as string, title);
    await openKept(page, order.id, title);
    await goOffline(context, page);
    await page.getByRole('button', { name: '提交领导签发' }).click();
    const form = dialog(page, '提交领导签发');
    await form.getByLabel('处理结果').fill('已督促物业公司更换楼道灯具，12月8日已恢复照明。');
    await form.getByLabel('政策依据').fill('《物业管理条例》第三十五条');
    await expect(form.getByTestId('reply-missing')).toContainText('离线：只检查了是否填写');
    await expect(form.getByTestId('reply-missing')).toContainText('办理情况');
    await form.getByRole('button', { name: '提交领导签发' }).click();
    await expect(
      form.getByRole('alert').filter({ hasText: '离线时只能保存填写完整的提交领导签发' }),
    ).toBeVisible();
    await expect(form.getByRole('textbox', { name: '办理情况（查明的事实）' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await expect(page.getByText('待发送：提交领导签发')).toHaveCount(0);
  });
});
