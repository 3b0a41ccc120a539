import { apiAs, signIn } from './fixtures';
import { expect, test } from './test';

test('县领导首页的「在办」包括待签发：等于各个未办结状态的件数之和', async ({ page, baseURL }) => {
  const leader = await apiAs(baseURL as string, 'leader');
  const open = ['pending_dispatch', 'pending_sign', 'return_requested', 'handling', 'pending_sign_off'];
  const more = ['pending_review', 'pending_callback'];
  let expected = 0;
  for (const state of [...open, ...more]) {
    const { total } = (await (await leader.get(`/api/work-orders?state=${state}&pageSize=1`)).json()) as {
      total: number;
    };
    expected += total;
  }
  // The demo county has replies waiting for a leader's sign-off: the figure must count them.
  const signOff = (await (await leader.get('/api/work-orders?state=pending_sign_off&pageSize=1')).json()) as {
    total: number;
  };
  expect(signOff.total).toBeGreaterThan(0);
  await signIn(page, 'leader');
  const figure = page.getByRole('region', { name: '在办' }).or(page.locator('[aria-label="在办"]'));
  await expect(figure.locator('.ant-statistic-content-value')).toHaveText(String(expected));
});
