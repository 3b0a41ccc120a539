import { apiAs, dispatchedWithCoUnits, setDeadlines, signIn, uniqueTitle } from './fixtures';
import { expect, test } from './test';

test('工单页面的时限与列表同一说法：签收期限、协办意见期限过了标「已超时」并写「已超时 …」，办理期限未到标「正常」，回退期限「可回退」', async ({
  page,
  baseURL,
}) => {
  const dispatcher = await apiAs(baseURL as string, 'dispatcher');
  const order = await dispatchedWithCoUnits(dispatcher, uniqueTitle('时限说法'), ['police']);
  // The server keeps no test clock: the sign-for and co-unit deadlines are moved past.
  setDeadlines(order.id, {
    sign_by: new Date(Date.now() - 2 * 3600_000),
    co_unit_by: new Date(Date.now() - 3 * 3600_000),
  });

  await signIn(page, 'dispatcher', `/orders/${order.id}`);
  for (const clock of ['sign', 'coUnit']) {
    const row = page.getByTestId(`deadline-${clock}`);
    await expect(row.getByText('已超时', { exact: true })).toBeVisible();
    await expect(row.getByText(/^已超时 /)).toBeVisible();
    await expect(row).not.toContainText('超期');
  }
  await expect(page.getByTestId('deadline-handle').getByText('正常', { exact: true })).toBeVisible();
  await expect(page.getByTestId('deadline-return').getByText('可回退', { exact: true })).toBeVisible();
  await dispatcher.dispose();
});
