import { expect, test } from '@playwright/test';
import { apiAs, getOrder, pickOption, signIn, uniqueTitle } from './fixtures';

test('登记咨询时边打字边提供知识条目,一键直办答复并办结,引用条目和版本', async ({ page, baseURL }) => {
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

test('单位提出的知识条目,热线办在知识库页面审核通过后即被提供', async ({ page, baseURL }) => {
  const civil = await apiAs(baseURL as string, 'civil-a');
  const title = uniqueTitle('高龄津贴申领条件');
  const proposed = await civil.post('/api/knowledge', {
    data: {
      kind: 'faq',
      title,
      body: '本县户籍年满八十周岁的老年人可申领高龄津贴,携带身份证和户口簿到户籍所在地乡镇民政所申请,按月发放。',
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
