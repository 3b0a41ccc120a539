import { apiAs, signIn } from './fixtures';
import { expect, test } from './test';

test('工作日历缺少即将用到的年份时，派单员每个页面都看到提醒，单位联络员看不到', async ({
  page,
  baseURL,
}) => {
  const api = await apiAs(baseURL as string, 'dispatcher');
  const { missing } = (await (await api.get('/api/calendar/years')).json()) as { missing: number[] };
  // The county's demo holds the years the holiday package publishes; from November the next
  // year is needed before it is published (2027 in December 2026). Earlier in a year, or once a
  // year is imported, nothing is missing and no page may say so.
  await signIn(page, 'dispatcher', '/orders');
  const banner = page.getByRole('alert').filter({ hasText: '工作日历缺少' });
  if (missing.length === 0) {
    await expect(page.getByRole('heading').first()).toBeVisible();
    await expect(banner).toHaveCount(0);
    return;
  }
  await expect(banner).toContainText(`工作日历缺少 ${missing.join('、')} 年的节假日安排`);
  await expect(banner).toContainText('急件照常派发');
  await expect(banner).toContainText('系统管理员可先在「工作日历」生成按法定节日的暂定安排');
  const liaison = await (await page.context().browser()?.newContext())?.newPage();
  if (!liaison) throw new Error('no second browser context');
  await signIn(liaison, 'housing-a', '/orders');
  await expect(liaison.getByRole('heading').first()).toBeVisible();
  await expect(liaison.getByRole('alert').filter({ hasText: '工作日历缺少' })).toHaveCount(0);
});
