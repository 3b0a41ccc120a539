import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiAs, dispatchedOrder, signIn, uniqueTitle } from './fixtures';
import { expect, test } from './test';

test('管理员配置企业微信群机器人：新工单的通知发到群里，外发记录显示已送达', async ({ page, baseURL }) => {
  const received: string[] = [];
  const robot = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((resolve) => robot.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(robot.address() as AddressInfo).port}/cgi-bin/webhook/send?key=test`;
  const admin = await apiAs(baseURL as string, 'admin');
  const original = await (await admin.get('/api/settings/notification-channels')).json();
  try {
    await signIn(page, 'admin', '/admin/notifications');
    await page.getByRole('checkbox', { name: '企业微信' }).check();
    await page.getByRole('textbox', { name: '企业微信地址' }).fill(url);
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect(page.getByText('通知渠道已保存')).toBeVisible();

    const title = uniqueTitle('企业微信通知');
    await dispatchedOrder(baseURL as string, title);
    await expect.poll(() => received.some((b) => b.includes(title)), { timeout: 30_000 }).toBe(true);
    // The robot has the message; the worker records it as delivered once the robot's answer is in.
    await expect(async () => {
      await page.getByRole('button', { name: /刷\s*新/ }).click();
      await expect(page.getByRole('row').filter({ hasText: '企业微信群' }).first()).toContainText('已送达', {
        timeout: 1_000,
      });
    }).toPass({ timeout: 30_000 });
  } finally {
    await admin.put('/api/settings/notification-channels', { data: original });
    robot.close();
  }
});
