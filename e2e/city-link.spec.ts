import { readFileSync } from 'node:fs';
import { type APIRequestContext, type Page, request } from '@playwright/test';
import { type FakeCity, startFakeCity } from '../tools/fake-city/fake-city';
import { act, apiAs, dialog, signIn, switchUser, unitId } from './fixtures';
import { expect, test } from './test';

/**
 * The city link in the browser: the administrator's API clients (key shown once, revoked at
 * once) and the office's 市平台对接 page (a result the city never got, resent once it is back).
 */
const CITY_KEY = 'e2e-city-results-key';

/** Creates a client on the page and returns the key the dialog showed. */
async function createClient(page: Page, name: string): Promise<string> {
  await page.getByRole('button', { name: '新增客户端' }).click();
  const form = dialog(page, '新增接口客户端');
  await form.getByLabel('名称').fill(name);
  await form.getByRole('checkbox', { name: /^市级平台对接/ }).check();
  await form.getByRole('button', { name: '新增并生成密钥' }).click();
  const shown = dialog(page, `「${name}」的接口密钥`);
  await expect(shown.getByText('密钥只显示这一次')).toBeVisible();
  const key = ((await shown.getByLabel('新密钥').locator('code').textContent()) ?? '').trim();
  expect(key).toMatch(/^hy_/);
  await expect(shown.getByRole('button', { name: '复制密钥' })).toBeVisible();
  await shown.getByRole('button', { name: '已妥善保存' }).click();
  await expect(shown).toBeHidden();
  return key;
}

/**
 * The city link pointed at a fake city that then goes down, and a city order pushed, dispatched
 * and signed: its 签收 result cannot be delivered. Earlier results (the demo county's) reach the
 * city first. Returns the order's city number.
 */
async function resultTheCityCannotTake(base: string, city: FakeCity, maxAttempts: number): Promise<string> {
  const admin = await apiAs(base, 'admin');
  const dispatcher = await apiAs(base, 'dispatcher');
  const saved = await admin.put('/api/city-link/settings', {
    data: {
      enabled: true,
      resultsUrl: `${city.url}/results`,
      ordersUrl: null,
      statusesUrl: `${city.url}/statuses`,
      key: CITY_KEY,
      timeoutMs: 1000,
      maxAttempts,
      pollEverySeconds: null,
      fieldMapping: {},
    },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  await expect(async () => {
    const { counts } = await (await dispatcher.get('/api/city-link/outbox')).json();
    expect(counts.pending + counts.sending + counts.dead).toBe(0);
  }).toPass({ timeout: 30_000 });
  city.faults = { ...city.faults, down: true };
  const created = await admin.post('/api/api-clients', {
    data: { name: `市平台页${Date.now().toString(36)}`, scopes: ['city'], unitId: null },
  });
  const { key } = await created.json();
  const cityOrderNo = `SZE2E${Date.now().toString(36).toUpperCase()}`;
  const sent = await admin.post('/api/city/v1/orders', {
    headers: { authorization: `Bearer ${key}` },
    data: {
      cityOrderNo,
      citizenName: '市民',
      citizenPhone: '13909720000',
      citizenAddress: '河湾镇滨河路 12 号',
      type: 'complaint',
      title: '滨河路路灯损坏',
      content: '滨河路小区门口的路灯已经坏了半个月，晚上出行很不安全，希望尽快修好。',
      needsCitizenReply: false,
    },
  });
  expect(sent.status(), await sent.text()).toBe(201);
  const { id } = await sent.json();
  await act(dispatcher, id, 'dispatch', { leadUnitId: await unitId(dispatcher, 'housing'), coUnitIds: [] });
  await act(await apiAs(base, 'housing-a'), id, 'sign');
  return cityOrderNo;
}

/** The city link pointed at `city`, its order list pulled every 5 seconds (the shortest interval). */
async function pollEveryFiveSeconds(admin: APIRequestContext, city: FakeCity): Promise<void> {
  const saved = await admin.put('/api/city-link/settings', {
    data: {
      enabled: true,
      resultsUrl: `${city.url}/results`,
      ordersUrl: `${city.url}/orders`,
      statusesUrl: `${city.url}/statuses`,
      key: CITY_KEY,
      timeoutMs: 1000,
      maxAttempts: 1,
      pollEverySeconds: 5,
      fieldMapping: {},
    },
  });
  expect(saved.status(), await saved.text()).toBe(200);
}

test('管理员：新增接口客户端，密钥只显示一次；吊销后密钥立即被拒', async ({ page, baseURL }) => {
  await signIn(page, 'admin', '/admin/api-clients');
  const name = `市平台测试${Date.now().toString(36).slice(-5)}`;
  const key = await createClient(page, name);
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row.getByText('启用')).toBeVisible();
  await expect(row.getByText(`${key.slice(0, 10)}…`)).toBeVisible();

  // The key works on the city's route; after a reload it is nowhere on the page.
  const machine = await request.newContext({ baseURL });
  const probe = () =>
    machine.get('/api/city/v1/orders/SZ-E2E-NONE', { headers: { authorization: `Bearer ${key}` } });
  expect((await probe()).status()).toBe(404);
  await page.reload();
  await expect(row.getByText('启用')).toBeVisible();
  await expect(page.getByText(key)).toHaveCount(0);
  await expect(row.getByRole('cell', { name: '1', exact: true })).toBeVisible(); // one call, no errors

  await row.getByRole('button', { name: '吊销' }).click();
  const revoke = dialog(page, `吊销「${name}」`);
  await revoke.getByLabel('吊销原因').fill('对方系统下线');
  await revoke.getByRole('button', { name: '吊销' }).click();
  await expect(revoke).toBeHidden();
  await expect(row.getByText('已吊销')).toBeVisible();
  const refused = await probe();
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe('API_KEY_INVALID');

  // The API document is for signed-in users: the administrator downloads it for the integrators.
  expect((await machine.get('/api/openapi.json')).status()).toBe(401);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: '下载接口文档（OpenAPI）' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('huiyin-openapi.json');
  const described = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(Object.keys(described.paths)).toContain('/api/city/v1/orders');
  await machine.dispose();
});

test('管理员限定接口客户端的来源地址：写错的地址说明哪一项错，其他地址来的调用被拒，改回本机地址后可用', async ({
  page,
  baseURL,
}) => {
  await signIn(page, 'admin', '/admin/api-clients');
  const name = `市平台地址${Date.now().toString(36).slice(-5)}`;
  const key = await createClient(page, name);
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row.getByRole('cell', { name: '不限' })).toBeVisible();
  const machine = await request.newContext({ baseURL });
  const probe = () =>
    machine.get('/api/city/v1/orders/SZ-E2E-NONE', { headers: { authorization: `Bearer ${key}` } });
  expect((await probe()).status()).toBe(404);

  await row.getByRole('button', { name: '来源地址' }).click();
  const limit = dialog(page, `「${name}」允许的来源地址`);
  await limit.getByLabel('允许的来源地址').fill('10.20.0.0/16\n10.1.2');
  await limit.getByRole('button', { name: '保存' }).click();
  await expect(limit.getByText(/「10\.1\.2」不是有效的 IP 地址或网段/)).toBeVisible();
  await limit.getByLabel('允许的来源地址').fill('10.20.0.0/16，10.30.0.0/16');
  await limit.getByRole('button', { name: '保存' }).click();
  await expect(limit).toBeHidden();
  await expect(row.getByRole('cell', { name: '10.20.0.0/16、10.30.0.0/16' })).toBeVisible();
  const refused = await probe();
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe('API_CLIENT_ADDRESS_NOT_ALLOWED');

  await row.getByRole('button', { name: '来源地址' }).click();
  await limit.getByLabel('允许的来源地址').fill('127.0.0.1\n::1');
  await limit.getByRole('button', { name: '保存' }).click();
  await expect(limit).toBeHidden();
  expect((await probe()).status()).toBe(404);
  await machine.dispose();
});

test.describe('热线办：市平台对接页', () => {
  let city: FakeCity | null = null;
  test.afterEach(async ({ baseURL }) => {
    await city?.close();
    const admin = await apiAs(baseURL as string, 'admin');
    const current = (await (await admin.get('/api/city-link/settings')).json()).settings;
    if (current)
      await admin.put('/api/city-link/settings', { data: { ...current, key: null, enabled: false } });
  });

  test('回传失败的结果列在失败队列，市平台恢复后重新发送即送达', async ({ page, baseURL }) => {
    city = await startFakeCity({ key: CITY_KEY });
    const cityOrderNo = await resultTheCityCannotTake(baseURL as string, city, 1);

    await signIn(page, 'dispatcher', '/city-link');
    // In the failure queue itself: on its way there the result is listed among those being retried.
    const deadRow = page
      .getByRole('region', { name: '失败队列' })
      .getByRole('row')
      .filter({ hasText: cityOrderNo });
    await expect(async () => {
      await page.getByRole('button', { name: '刷新' }).click();
      await expect(deadRow).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await expect(deadRow.getByText('1. 签收')).toBeVisible();

    await expect(deadRow.getByText('HTTP 503')).toBeVisible();

    city.faults = { ...city.faults, down: false };
    await deadRow.getByRole('button', { name: '重新发送' }).click();
    await expect(page.getByText(/已重新排队 1 条/)).toBeVisible();
    await expect(async () => {
      await page.getByRole('button', { name: '刷新' }).click();
      await expect(deadRow).toHaveCount(0, { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    // Requeued leaves the dead list at once; the delivery itself follows on the worker's next tick.
    await expect(() => {
      const got = [...(city as FakeCity).results.values()].filter((r) => r.cityOrderNo === cityOrderNo);
      expect(got.map((r) => [r.sequence, r.event])).toEqual([[1, 'signed']]);
    }).toPass({ timeout: 20_000 });
  });

  test('拉取时内容不合格的市平台工单列出原因和原文，热线办处理后标为已处理', async ({ page, baseURL }) => {
    const admin = await apiAs(baseURL as string, 'admin');
    city = await startFakeCity({ key: CITY_KEY });
    const cityOrderNo = `SZBAD${Date.now().toString(36).toUpperCase()}`;
    city.list([
      {
        cityOrderNo,
        citizenName: '市民',
        citizenPhone: '电话打不通',
        citizenAddress: '河湾镇滨河路 12 号',
        type: 'complaint',
        title: '滨河路路灯损坏',
        content: '滨河路小区门口的路灯已经坏了半个月，晚上出行很不安全，希望尽快修好。',
        urgency: 'normal',
        needsCitizenReply: false,
      },
    ]);
    await pollEveryFiveSeconds(admin, city);

    await signIn(page, 'dispatcher', '/city-link');
    const row = page.getByRole('row').filter({ hasText: cityOrderNo });
    await expect(async () => {
      await page.getByRole('button', { name: '刷新' }).click();
      await expect(row).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByText(/未能登记的市平台工单/).first()).toBeVisible();
    await expect(row).toContainText('citizenPhone');
    await row.getByRole('button', { name: '展开行' }).click();
    await expect(page.getByText('"citizenPhone": "电话打不通"')).toBeVisible();
    await row.getByRole('button', { name: '标为已处理' }).click();
    await page
      .getByRole('tooltip')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await expect(page.getByText('已标为已处理')).toBeVisible();
    await expect(row).toHaveCount(0);
  });

  test('工单列表拉取失败时，热线办和管理员都看到原因；恢复后记为成功', async ({ page, baseURL }) => {
    const admin = await apiAs(baseURL as string, 'admin');
    city = await startFakeCity({ key: CITY_KEY });
    city.faults = { ...city.faults, down: true };
    await pollEveryFiveSeconds(admin, city);

    await signIn(page, 'dispatcher', '/city-link');
    const failed = page.getByText(/^最近一次拉取失败：市平台答复 HTTP 503/);
    await expect(async () => {
      await page.getByRole('button', { name: '刷新' }).click();
      await expect(failed).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByText('可能自行恢复', { exact: false })).toBeVisible();

    await switchUser(page, 'admin', '/admin/city-link');
    await expect(page.getByText('每 5 秒从市平台工单列表拉取一次新工单', { exact: false })).toBeVisible();
    const failedRun = page.getByRole('row').filter({ hasText: '失败' }).filter({ hasText: 'HTTP 503' });
    await expect(failedRun.first()).toBeVisible();

    city.faults = { ...city.faults, down: false };
    await expect(async () => {
      await page.getByRole('button', { name: '刷新' }).click();
      await expect(page.getByRole('row').nth(1)).toContainText('成功', { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(failed).toHaveCount(0);
    await expect(failedRun.first()).toBeVisible();
  });

  test('回传失败后、转入失败队列之前，页面列出正在重试的结果和失败原因', async ({ page, baseURL }) => {
    city = await startFakeCity({ key: CITY_KEY });
    const cityOrderNo = await resultTheCityCannotTake(baseURL as string, city, 8);

    await signIn(page, 'dispatcher', '/city-link');
    const row = page
      .getByRole('region', { name: '正在重试的回传' })
      .getByRole('row')
      .filter({ hasText: cityOrderNo });
    // Listed from its first attempt on; its reason once that attempt has ended (a row being sent has none yet).
    await expect(async () => {
      await page.getByRole('button', { name: '刷新' }).click();
      await expect(row).toContainText('HTTP 503', { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await expect(page.getByText(/^正在重试（\d+ 条）$/)).toBeVisible();
    await expect(row).toContainText('1. 签收');
  });
});
