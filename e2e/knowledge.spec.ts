import { act, apiAs, dialog, dispatchedOrder, getOrder, pickOption, signIn, uniqueTitle } from './fixtures';
import { expect, test } from './test';

test('登记咨询时边打字边提供知识条目，一键直办答复并办结，引用条目和版本', async ({ page, baseURL }) => {
  const api = await apiAs(baseURL as string, 'dispatcher');
  await signIn(page, 'dispatcher', '/register');
  const form = page.getByRole('form', { name: '登记工单表单' });
  await form.getByLabel('来电人').fill('李大爷');
  await form.getByLabel('联系电话').fill('13909726611');
  await form.getByLabel('类型').click();
  await pickOption(page, '咨询');
  const title = uniqueTitle('咨询低保怎么申请');
  await form.getByLabel('标题').fill(title);
  await form
    .getByLabel('诉求内容')
    .pressSequentially('老伴去世了，我一个人住，没有收入，想问问吃低保要什么条件，到哪里申请？', {
      delay: 5,
    });

  const panel = page.getByRole('region', { name: '知识库面板' });
  const answer = panel.getByRole('button', { name: '依据「城乡居民最低生活保障申请条件和标准」直办答复' });
  await expect(answer).toBeVisible();
  await answer.click();

  await expect(page.getByText('已直办答复并办结')).toBeVisible();
  await expect(page).toHaveURL(/\/orders\/\d+/);
  const id = Number(/\/orders\/(\d+)/.exec(page.url())?.[1]);
  // the order page's timeline names the entry and its version
  await expect(page.getByText(/《城乡居民最低生活保障申请条件和标准》第 2 版/)).toBeVisible();
  const order = await getOrder(api, id);
  expect(order.title).toBe(title);
  expect(order.state).toBe('closed');
  const event = order.timeline.find((e) => e.type === 'answered_on_spot');
  expect(event?.payload).toMatchObject({ title: '城乡居民最低生活保障申请条件和标准', versionNo: 2 });
});

test('单位提出的知识条目，热线办在知识库页面审核通过后即被提供', async ({ page, baseURL }) => {
  const civil = await apiAs(baseURL as string, 'civil-a');
  const title = uniqueTitle('高龄津贴申领条件');
  const proposed = await civil.post('/api/knowledge', {
    data: {
      kind: 'faq',
      title,
      body: '本县户籍年满八十周岁的老年人可申领高龄津贴，携带身份证和户口簿到户籍所在地乡镇民政所申请，按月发放。',
      categoryId: null,
      sourceDocument: '河湾县高龄津贴发放办法',
      sourceDate: '2025-01-01',
      validFrom: '2025-01-01',
      validUntil: null,
    },
  });
  expect(proposed.status()).toBe(201);
  const api = await apiAs(baseURL as string, 'dispatcher');
  const offered = async () =>
    (
      (await (await api.post('/api/knowledge/search', { data: { text: title } })).json()) as {
        items: Array<{ title: string }>;
      }
    ).items.some((k) => k.title === title);
  expect(await offered()).toBe(false);

  await signIn(page, 'dispatcher', '/knowledge');
  await page.getByRole('button', { name: `审核通过「${title}」` }).click();
  await expect(page.getByText('已审核通过')).toBeVisible();
  expect(await offered()).toBe(true);
});

test('单位在知识库页面提出条目并填写群众常用说法（顿号、逗号都可分隔）；审核通过后按这些说法即可查到', async ({
  page,
  baseURL,
}) => {
  const title = uniqueTitle('农村独生子女父母奖励扶助');
  const word = `光荣证${Date.now().toString().slice(-4)}`;
  await signIn(page, 'health-a', '/knowledge');
  await page.getByRole('button', { name: '提出知识条目' }).click();
  const form = page.getByRole('form', { name: '知识条目表单' });
  await form.getByLabel('标题').fill(title);
  await form
    .getByLabel('内容')
    .fill('农村独生子女父母年满60周岁的，每人每年可领取奖励扶助金960元，由本人向户籍所在地乡镇申请。');
  const keywords = form.getByLabel('群众常用说法（关键词）');
  await keywords.pressSequentially(`${word}、独子补助，`);
  await form.getByLabel('出处（文件名称及文号）').fill('县卫生健康局奖励扶助工作方案');
  for (const label of ['发布日期', '有效期起']) {
    await form.getByLabel(label).fill('2026-01-10');
    await form.getByLabel(label).press('Enter');
  }
  await page.getByRole('button', { name: '提交审核' }).click();
  await expect(page.getByRole('dialog', { name: '提出知识条目' })).toBeHidden();

  const office = await apiAs(baseURL as string, 'dispatcher');
  const list = (await (await office.get('/api/knowledge?status=pending')).json()) as {
    items: Array<{ title: string; keywords: string[]; versionId: number; entryVersion: number }>;
  };
  const mine = list.items.find((v) => v.title === title);
  expect(mine?.keywords).toEqual([word, '独子补助']);
  const approved = await office.post(`/api/knowledge/versions/${mine?.versionId}/approve`, {
    data: { version: mine?.entryVersion },
  });
  expect(approved.status()).toBe(200);
  const hits = (await (await office.post('/api/knowledge/search', { data: { text: word } })).json()) as {
    items: Array<{ title: string }>;
  };
  expect(hits.items[0]?.title).toBe(title);
});

test('答复表单里的知识库参考默认收起，只列与本工单明显相关的条目，展开后一键引用', async ({
  page,
  baseURL,
}) => {
  const title = uniqueTitle('咨询低保申请条件');
  const { order } = await dispatchedOrder(baseURL as string, title, {
    content: '我母亲一个人住，收入很低，想问问怎么申请低保，需要什么条件和材料？',
  });
  await act(await apiAs(baseURL as string, 'housing-a'), order.id, 'sign');
  await signIn(page, 'housing-a', `/orders/${order.id}`);
  await page.getByRole('button', { name: '提交领导签发' }).click();
  const form = dialog(page, '提交领导签发');
  const header = form.getByRole('button', { name: /知识库参考（\d+ 条/ });
  await expect(header).toBeVisible();
  const cite = form.getByRole('button', { name: /^引用「城乡居民最低生活保障/ });
  await expect(cite).toBeHidden();
  // The live checklist above the panel first says 正在检查 and then grows with its verdicts: a
  // click aimed before it settles lands where the panel was (a lost click on a loaded machine).
  await expect(form.getByText(/尚缺 \d+ 项/)).toBeVisible();
  await header.click();
  await cite.click();
  await expect(form.getByLabel('政策依据')).toHaveValue(/城乡居民最低生活保障/);
});

test.describe('手机 375×812', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('知识库在手机上一行一条：标题可点开看全部版本，类型、单位和有效期写在标题下', async ({ page }) => {
    await signIn(page, 'housing-a', '/knowledge');
    const title = page.getByRole('link', { name: '家中突然停水、水压低怎么办' });
    await expect(title).toBeVisible();
    // The hidden columns' facts under the title, and the title a line, not a letter, wide.
    const row = page.getByRole('row').filter({ has: title });
    await expect(row).toContainText('常见问题解答');
    await expect(row).toContainText('至 长期');
    expect((await title.boundingBox())?.width ?? 0).toBeGreaterThan(150);
    await title.click();
    await expect(page.getByRole('dialog', { name: '全部版本' })).toContainText('第 1 版');
  });
});

test('知识库标出即将到期和已过期的条目，排在待审核之后、其余之前，提醒单位更新或让它失效', async ({
  page,
}) => {
  await signIn(page, 'dispatcher', '/knowledge');
  // The demo's outage notices end within days; the finished one ended two weeks ago.
  const ending = page.getByRole('row').filter({ hasText: '河湾镇城区管网改造计划停水通知' });
  await expect(ending.getByText(/^(\d+ 天后到期|今天到期)$/)).toBeVisible();
  // The finished notice is the demo's last entry: on the first page only because it needs attention.
  const ended = page.getByRole('row').filter({ hasText: '柳林镇水厂设备检修停水通知（已结束）' });
  await expect(ended.getByText('已过期')).toBeVisible();
  await expect(page.locator('.ant-pagination-item-active')).toHaveText('1');
});
