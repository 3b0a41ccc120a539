import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { apiAs, dispatchedOrder, signIn, uniqueTitle } from './fixtures';
import { expect, test } from './test';

interface UnitRow {
  unitId: number;
  unitName: string;
  counts: { received: number };
}
interface County {
  period: { from: string; to: string };
  total: number;
  byType: Array<{ key: string; count: number }>;
}

async function downloadStartsWithPK(page: Page, button: string) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: button }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const bytes = readFileSync(await download.path());
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
}

test('统计分析：单位收件数下钻到工单，图表点开筛选后的工单列表，导出 Excel', async ({ page, baseURL }) => {
  // Three drill-downs and three workbook downloads: longer than one step's test.
  test.setTimeout(120_000);
  const title = uniqueTitle('统计下钻');
  const { dispatcher, order, housing } = await dispatchedOrder(baseURL as string, title);
  const figures = (await (await dispatcher.get('/api/statistics/units?period=month')).json()) as {
    units: UnitRow[];
  };
  const row = figures.units.find((u) => u.unitId === housing);
  if (!row) throw new Error('housing bureau missing from the figures');
  expect(row.counts.received).toBeGreaterThan(0);
  const county = (await (await dispatcher.get('/api/statistics/county?period=month')).json()) as County;

  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page, 'dispatcher', '/');
  await page.getByRole('menuitem', { name: '统计分析' }).click();
  await expect(page).toHaveURL(/\/statistics/);
  // It opens on the last complete month, not on a month just begun; but where the county has no
  // orders in it (the demo's fortnight reaches back into it only early in a month), on this month.
  // (Counted in China's time, as the browser under test is.)
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
    .format(new Date())
    .split('-')
    .map(Number) as [number, number];
  const lastMonthEnd = new Date(Date.UTC(y, m - 1, 0)).toISOString().slice(0, 10);
  const thisMonthEnd = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const lastMonth = (await (
    await dispatcher.get(`/api/statistics/county?period=month&date=${lastMonthEnd}`)
  ).json()) as County;
  const opensOn = lastMonth.total > 0 ? lastMonthEnd : thisMonthEnd;
  await expect(page.getByText(new RegExp(`统计期 \\d{4}-\\d{2}-01 至 ${opensOn}`))).toBeVisible();
  // The month it opened on is in the address, so the view can be shared as it is.
  expect(new URL(page.url()).searchParams.get('period')).toBe(lastMonth.total > 0 ? null : 'month');
  const kind = (label: string) => page.locator('.ant-segmented-item', { hasText: new RegExp(`^${label}$`) });
  await kind('周').click();
  await expect(page).toHaveURL(/period=week/);
  await expect(page.getByLabel('统计日期')).toHaveValue(/周/);
  await page.getByRole('button', { name: '本月', exact: true }).click();
  await expect(page).toHaveURL(/period=month&date=\d{4}-\d{2}-\d{2}/);

  // The unit table shows the received count the API counted, as a link.
  const received = page.getByRole('link', {
    name: `${row.unitName} 收件 ${row.counts.received}`,
    exact: true,
  });
  await expect(received).toBeVisible();
  // Co-units' silence has its own column beside what they received (协办超时).
  await expect(page.getByRole('columnheader', { name: '协办超时' })).toBeVisible();
  await expect(page.getByRole('img', { name: '单位综合得分排名' }).locator('svg')).toBeVisible();
  await expect(page.getByRole('img', { name: '类型分布' }).locator('svg')).toBeVisible();
  await page.waitForTimeout(800); // let the charts' entry animation finish before the picture
  const dir = process.env.DOCS_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots';
  await page.screenshot({ path: `${dir}/statistics-dashboard.png`, fullPage: true });

  // Drill down: the orders behind the count, the seeded one among them; it opens the order.
  await received.click();
  await expect(page).toHaveURL(/drill=received/);
  const drawer = page.getByRole('dialog', { name: new RegExp(`${row.unitName} · 收件`) });
  await expect(drawer.getByRole('row').filter({ hasText: title })).toBeVisible();
  await expect(drawer.getByText(`共 ${row.counts.received} 件`)).toBeVisible();
  await drawer.getByRole('link', { name: order.code }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${order.id}$`));
  await expect(page.getByRole('link', { name: /打印办理单/ })).toHaveAttribute(
    'href',
    `/print/work-orders/${order.id}`,
  );
  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(/\/statistics\?period=month&date=[\d-]+$/);

  // A slice of the type chart opens the order list filtered by that type and the period; the
  // list holds as many orders as the figure said. (Which type the first slice is depends on the
  // data; whichever it is, its count must match.)
  const pie = page.getByRole('img', { name: '类型分布' });
  // The chart draws with an animation after the page returns, and the page above it may still
  // move (a banner arriving): click until the slice answers, placing and measuring it each time.
  const sliceUrl = new RegExp(`/orders\\?type=(\\w+)&from=${county.period.from}&to=${county.period.to}`);
  await expect(async () => {
    // A mouse click at coordinates is not scrolled to: the chart must be on the screen (a banner
    // of two lines above the page put its top slice below the fold).
    await pie.scrollIntoViewIfNeeded();
    const box = await pie.boundingBox();
    if (!box) throw new Error('type chart not drawn');
    // The first slice starts at twelve o'clock: click just right of the top of the ring.
    const radius = Math.min(box.width, 280) / 2;
    await page.mouse.click(box.x + box.width / 2 + 4, box.y + 280 * 0.45 - radius * 0.5);
    await expect(page).toHaveURL(sliceUrl, { timeout: 1_500 });
  }).toPass({ timeout: 20_000 });
  const picked = sliceUrl.exec(page.url())?.[1];
  const slice = county.byType.find((t) => t.key === picked);
  if (!slice) throw new Error(`no figure for type ${picked}`);
  await expect(page.getByText(`共 ${slice.count} 件`)).toBeVisible();

  // The county total opens the period's orders; the list exports what it shows.
  await page.goBack();
  await page.getByRole('link', { name: '全县工单' }).click();
  await expect(page).toHaveURL(new RegExp(`from=${county.period.from}&to=${county.period.to}`));
  await expect(page.getByText(`共 ${county.total} 件`)).toBeVisible();
  await downloadStartsWithPK(page, '导出 Excel');

  await page.goBack();
  await downloadStartsWithPK(page, '导出 Excel（单位指标）');
  await downloadStartsWithPK(page, '导出 Excel（全县统计）');
  expect(errors).toEqual([]);
});

test('单位用户的统计分析只有本单位的指标，没有全县图表', async ({ page, baseURL }) => {
  const unit = await apiAs(baseURL as string, 'housing-a');
  const { units } = (await (await unit.get('/api/statistics/units?period=year')).json()) as {
    units: UnitRow[];
  };
  expect(units).toHaveLength(1);
  const own = units[0] as UnitRow;
  await signIn(page, 'housing-a', '/statistics?period=year');
  const table = page.getByRole('table').filter({ hasText: '综合得分' }).last();
  await expect(table.getByRole('row').filter({ hasText: own.unitName })).toBeVisible();
  await expect(page.getByText('每日工单量')).toHaveCount(0);
  await expect(page.getByRole('link', { name: '导出 Excel（单位指标）' })).toBeVisible();
  await expect(page.getByRole('link', { name: '导出 Excel（全县统计）' })).toHaveCount(0);
});
