import { formatDeadline } from '../src/domain/deadline-text';
import {
  apiAs,
  dispatchedWithCoUnits,
  runDeadlineWatcherOnce,
  setDeadlines,
  signIn,
  uniqueTitle,
} from './fixtures';
import { expect, test } from './test';

test('协办意见期限将至：时限监视器提醒仍未提出意见的协办单位，铃铛里有这条预警，点开工单，流转记录写明协办意见期限', async ({
  page,
  baseURL,
}) => {
  const dispatcher = await apiAs(baseURL as string, 'dispatcher');
  const title = uniqueTitle('协办预警');
  const order = await dispatchedWithCoUnits(dispatcher, title, ['police']);
  // The server keeps no test clock: its co-unit deadline is brought to three hours from now,
  // within the last working day whatever the day.
  const deadline = new Date(Date.now() + 3 * 3600_000);
  setDeadlines(order.id, { co_unit_by: deadline });
  await runDeadlineWatcherOnce();

  await signIn(page, 'police-a');
  await page.getByRole('button', { name: /^通知，\d+ 条未读$/ }).click();
  const notice = page.getByRole('button', { name: /协办意见即将到期（预警）/ }).filter({ hasText: title });
  await expect(notice).toContainText(`将于 ${formatDeadline(deadline)} 到期`);
  await notice.click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  const entry = page.getByTestId('timeline-event').filter({ hasText: '预警：协办意见期限将至' });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('协办单位：县公安局');
  await expect(entry).toContainText(`协办意见期限：${formatDeadline(deadline)}`);
  await dispatcher.dispose();
});
