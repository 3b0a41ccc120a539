import { signIn } from './fixtures';
import { expect, test } from './test';

test('登记时按同义词和拼音首字母找分类；热线办补充同义词后即可找到', async ({ page }) => {
  await signIn(page, 'dispatcher', '/register');
  const field = page.getByLabel('诉求分类', { exact: true });
  const options = page.locator('.ant-cascader-menu-item');

  // 「排水」 is in no category's name: the drain category is found by its synonym, and by 「ps」.
  for (const typed of ['排水', 'ps']) {
    await field.click();
    await page.keyboard.type(typed);
    await expect(options.filter({ hasText: '基础设施' }).first(), typed).toBeVisible();
    await page.keyboard.press('Escape');
    await field.clear();
  }

  // A word nobody has taught it yet finds nothing, until the office adds it.
  await field.click();
  await page.keyboard.type('站牌');
  await expect(options.filter({ hasText: '公共汽车' })).toHaveCount(0);
  await page.keyboard.press('Escape');

  await page.getByRole('menuitem', { name: '诉求分类' }).click();
  await page.getByLabel('查找分类').fill('公共汽车');
  await page.getByLabel('查找分类').press('Enter');
  await page.getByRole('button', { name: '公共汽车 同义词' }).click();
  const dialog = page.getByRole('dialog', { name: '「公共汽车」的同义词' });
  await dialog.getByLabel('同义词').fill('公交站牌、公交车');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  // The office cannot rename categories: that stays with the administrator.
  await expect(page.getByRole('button', { name: '改名' })).toHaveCount(0);

  await page.getByRole('menuitem', { name: '登记工单' }).click();
  await page.getByLabel('诉求分类', { exact: true }).click();
  await page.keyboard.type('gjzp');
  await expect(options.filter({ hasText: '公共汽车' }).first()).toBeVisible();
});
