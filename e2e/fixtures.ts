import { type APIRequestContext, expect, type Page, request as playwrightRequest } from '@playwright/test';
import Database from 'better-sqlite3';
import type { OrderDetail } from '../src/modules/work-orders/work-order.responses';
import { workerDatabase } from './places';

export const PASSWORD = 'Huiyin@2026';

/** Signs in through the login page, as a person would. */
export async function login(page: Page, username: string): Promise<void> {
  await leaveApp(page);
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.locator('main')).toBeVisible();
}

/**
 * Takes the page off the app before its session changes. An open app whose session goes away
 * (cookies cleared, password reset) goes to /login by itself at its next request, whenever that
 * comes; a navigation of the test's own would race it ("interrupted by another navigation").
 */
export async function leaveApp(page: Page): Promise<void> {
  if (page.url() !== 'about:blank') await page.goto('about:blank');
}

/** Signs in through the API (the page shares the cookie), then opens `path`: quicker than the form. */
export async function signIn(page: Page, username: string, path = '/'): Promise<void> {
  await leaveApp(page);
  const r = await page.context().request.post('/api/auth/login', { data: { username, password: PASSWORD } });
  expect(r.status(), `login ${username}`).toBe(200);
  await page.goto(path);
  await expect(page.locator('main')).toBeVisible();
}

/** Another person at the same browser: the first one's cookies go, then the second signs in. */
export async function switchUser(page: Page, username: string, path = '/'): Promise<void> {
  await leaveApp(page);
  await page.context().clearCookies();
  await signIn(page, username, path);
}

/** An API session for seeding and for checking what was stored. */
export async function apiAs(baseURL: string, username: string): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL });
  const r = await ctx.post('/api/auth/login', { data: { username, password: PASSWORD } });
  expect(r.status(), `login ${username}`).toBe(200);
  return ctx;
}

export interface Order {
  id: number;
  code: string;
  title: string;
  state: string;
  version: number;
  redoCount: number;
  handleBy: string | null;
  pendingExtension: Record<string, unknown> | null;
  counts: { returns: number; extensions: number; redos: number; callbacks: number };
  deadlines: Record<'sign' | 'return' | 'handle' | 'coUnit', { at: string | null }>;
  timeline: OrderDetail['timeline'];
  allowedActions: string[];
  lastCallbackResult: string | null;
}

async function json<T>(r: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  const body = await r.json();
  expect(r.ok(), JSON.stringify(body)).toBeTruthy();
  return body as T;
}

export async function getOrder(api: APIRequestContext, id: number): Promise<Order> {
  return json<Order>(await api.get(`/api/work-orders/${id}`));
}

export async function act(
  api: APIRequestContext,
  id: number,
  action: string,
  body: Record<string, unknown> = {},
) {
  const current = await getOrder(api, id);
  return json<Order>(
    await api.post(`/api/work-orders/${id}/${action}`, { data: { version: current.version, ...body } }),
  );
}

export async function unitId(api: APIRequestContext, code: string): Promise<number> {
  const { items } = await json<{ items: Array<{ id: number; code: string }> }>(await api.get('/api/units'));
  const u = items.find((x) => x.code === code);
  if (!u) throw new Error(`unit ${code} missing`);
  return u.id;
}

let seq = 0;
/** A unique, readable title so each test finds its own order among the demo county's. */
export function uniqueTitle(what: string): string {
  seq += 1;
  // A letter between the stamp and the count: a run of 7 digits in a title would read as a phone
  // and be masked for units (domain/citizen-privacy.ts).
  return `${what}${Date.now().toString(36).slice(-5)}q${seq}`;
}

export async function registerOrder(
  dispatcher: APIRequestContext,
  title: string,
  extra: Record<string, unknown> = {},
): Promise<Order> {
  return json<Order>(
    await dispatcher.post('/api/work-orders', {
      data: {
        channel: 'phone',
        citizenName: '测试群众',
        citizenPhone: '13900001111',
        citizenAddress: '河湾县河湾镇滨河路1号',
        type: 'complaint',
        title,
        content: '来电人反映小区楼道照明损坏已有两周，夜间出行很不方便，请求尽快维修。',
        urgency: 'normal',
        needsCitizenReply: false,
        ...extra,
      },
    }),
  );
}

/** Registers an order and dispatches it to the housing bureau (县住建局). */
export async function dispatchedOrder(baseURL: string, title: string, extra: Record<string, unknown> = {}) {
  const dispatcher = await apiAs(baseURL, 'dispatcher');
  const order = await registerOrder(dispatcher, title, extra);
  const housing = await unitId(dispatcher, 'housing');
  await act(dispatcher, order.id, 'dispatch', { leadUnitId: housing, coUnitIds: [] });
  return { dispatcher, order, housing };
}

/** Registers an order and dispatches it to the urban administration bureau (县城市管理综合行政执法局) with co-units. */
export async function dispatchedWithCoUnits(dispatcher: APIRequestContext, title: string, coUnits: string[]) {
  const order = await registerOrder(dispatcher, title);
  await act(dispatcher, order.id, 'dispatch', {
    leadUnitId: await unitId(dispatcher, 'urban'),
    coUnitIds: await Promise.all(coUnits.map((code) => unitId(dispatcher, code))),
  });
  return order;
}

export const GOOD_REPLY = {
  findings:
    '接到工单后，我局工作人员当日到滨河路1号小区现场核查。经核查，群众反映的楼道照明损坏问题属实，原因是线路老化。',
  result: '已责成物业公司更换线路和灯具，现已全部恢复照明，并要求物业每月巡检一次。',
  basis: '《物业管理条例》第三十五条',
  unreasonableDemand: false,
  explanation: null,
  issuer: '王建国',
  handlerName: '刘雅琴',
  handlerPhone: '13812345678',
  citizenContact: null,
};

/** A one-page PDF, enough to pass the server's file checks as a "scan". */
export const SCAN_PDF = {
  name: '延期申请-主要负责人签字.pdf',
  mimeType: 'application/pdf',
  buffer: Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  ),
};

/** The open action form (antd Modal). */
export function dialog(page: Page, title: string) {
  return page.getByRole('dialog', { name: title });
}

/** Picks an option of the antd Select/AutoComplete that is open. */
export async function pickOption(page: Page, text: string | RegExp) {
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text })
    .first()
    .click();
}

/** A small PNG (a grey square), standing in for a photo taken on site. */
export const PHOTO_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAFklEQVR4nGNsaGhgIAUwkaR6VMNwAQCLpgF4b3mP1QAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * Moves an order's deadlines in the browser tests' database: the server keeps no test clock, so a
 * deadline about to pass or passed is made by moving it (its page stamp moves with it).
 */
export function setDeadlines(orderId: number, at: Partial<Record<'sign_by' | 'co_unit_by', Date>>): void {
  const db = new Database(workerDatabase());
  try {
    for (const [column, when] of Object.entries(at))
      db.prepare(`update work_orders set ${column} = ? where id = ?`).run(when.toISOString(), orderId);
  } finally {
    db.close();
  }
}

export const setSignDeadline = (orderId: number, at: Date): void => setDeadlines(orderId, { sign_by: at });

/**
 * One round of the deadline watcher on the browser tests' database, from this process, as the
 * command line's tools run against a live server's database: the server's own watcher turns only
 * once a minute. A mark either of them makes is claimed once, so the two never both record it.
 */
export async function runDeadlineWatcherOnce(): Promise<void> {
  const { openDb } = await import('../src/db/connection.js');
  const { buildApp } = await import('../src/server/app.js');
  const { DeadlineWatcher } = await import('../src/jobs/deadline-watcher.js');
  const { Notifier } = await import('../src/modules/notifications/notifier.js');
  const db = openDb(`sqlite:${workerDatabase()}`);
  try {
    const { app, ctx } = await buildApp({ db, webDir: null });
    try {
      await new DeadlineWatcher(ctx, new Notifier(ctx.settings)).runOnce();
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
  }
}
