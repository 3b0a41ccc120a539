import { apiAs, SCAN_PDF, signIn } from './fixtures';
import { expect, test } from './test';

test('承办单位填报登记表（分管领导、A/B 角联络员），未附盖章扫描件被拒绝，附上后热线办看到已报送', async ({
  page,
  baseURL,
}) => {
  await signIn(page, 'watersupply-a');
  await page.getByRole('menuitem', { name: '本单位登记表' }).click();
  await expect(page.getByText('本单位尚未填报分管领导及联络员登记表')).toBeVisible();
  const form = page.getByRole('form', { name: '登记表' });
  const people = [
    ['分管领导', '马国良', '副总经理', '13909720001'],
    ['联络员（A 角）', '李红霞', '客服部主任', '13909720002'],
    ['联络员（B 角）', '张伟', '客服专员', '13909720003'],
  ];
  for (const [who, name, title, mobile] of people) {
    await form.getByLabel(`${who}姓名`).fill(name as string);
    await form.getByLabel(`${who}职务`).fill(title as string);
    await form.getByLabel(`${who}手机`).fill(mobile as string);
  }
  await form.getByLabel('填报人', { exact: true }).fill('李红霞');
  await form.getByLabel('填报人电话').fill('0972-8520001');
  // A wrong mobile number is refused by the server, next to the field.
  await form.getByLabel('联络员（B 角）手机').fill('12345');
  await form.getByRole('button', { name: '保存登记表' }).click();
  await expect(form.getByText('手机号码应为 11 位', { exact: true })).toBeVisible();
  await form.getByLabel('联络员（B 角）手机').fill('13909720003');
  // Without the stamped form's scan the server refuses and says why.
  await form.getByRole('button', { name: '保存登记表' }).click();
  await expect(form.getByText(/请先上传加盖公章的登记表扫描件/)).toBeVisible();
  await form.locator('input[type=file]').setInputFiles({ ...SCAN_PDF, name: '登记表-加盖公章.pdf' });
  await expect(form.getByText('已上传 登记表-加盖公章.pdf')).toBeVisible();
  await form.getByRole('button', { name: '保存登记表' }).click();
  await expect(page.getByText('登记表已保存')).toBeVisible();

  const admin = await apiAs(baseURL as string, 'admin');
  const units = (await (await admin.get('/api/units')).json()).items as Array<{
    code: string;
    registrationFiled: boolean;
    registration: { liaisonA: { name: string }; liaisonB: { mobile: string } } | null;
  }>;
  const unit = units.find((u) => u.code === 'watersupply') as (typeof units)[number] & { id: number };
  expect(unit?.registrationFiled).toBe(true);
  const stamped = await (await apiAs(baseURL as string, 'dispatcher')).get(
    `/api/units/${unit.id}/registration/scan`,
  );
  expect(stamped.status()).toBe(200);
  expect(unit?.registration?.liaisonA.name).toBe('李红霞');
  expect(unit?.registration?.liaisonB.mobile).toBe('13909720003');
});

test('管理员维护诉求分类：新增、改名、停用', async ({ page, baseURL }) => {
  const admin = await apiAs(baseURL as string, 'admin');
  await signIn(page, 'admin', '/admin/categories');
  await page.getByRole('button', { name: '新增分类' }).click();
  const add = page.getByRole('dialog', { name: '新增分类' });
  await add.getByLabel('一级分类').fill('城乡建设');
  await add.getByLabel('二级分类').fill('城市建设和市政管理');
  await add.getByLabel('三级分类').fill('井盖缺失');
  await add.getByRole('button', { name: '保存' }).click();
  await expect(add).toBeHidden();
  await page.getByRole('searchbox', { name: '查找分类' }).fill('井盖');
  await page.getByRole('searchbox', { name: '查找分类' }).press('Enter');
  const row = page.getByRole('row').filter({ hasText: '井盖缺失' });
  await row.getByRole('button', { name: '改名' }).click();
  const rename = page.getByRole('dialog', { name: '修改分类名称' });
  await rename.getByLabel('三级分类').fill('井盖缺失破损');
  await rename.getByRole('button', { name: '保存' }).click();
  await expect(rename).toBeHidden();
  await page.getByRole('row').filter({ hasText: '井盖缺失破损' }).getByRole('switch').click();
  await expect(page.getByRole('row').filter({ hasText: '井盖缺失破损' })).toContainText('已停用');

  const all = (await (await admin.get('/api/categories?includeInactive=1')).json()).items as Array<{
    level3: string;
    active: boolean;
  }>;
  expect(all.find((c) => c.level3 === '井盖缺失破损')?.active).toBe(false);
  const active = (await (await admin.get('/api/categories')).json()).items as Array<{ level3: string }>;
  expect(active.some((c) => c.level3 === '井盖缺失破损')).toBe(false);
});
