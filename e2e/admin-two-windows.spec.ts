import { apiAs, dialog, signIn } from './fixtures';
import { expect, test } from './test';

/**
 * An administrator with the same form open in two windows: the second save does not put back what
 * the first changed. A unit is refused with the reason and keeps what was typed; a settings page
 * sends only the fields it changed, so both windows' changes stand.
 */
test('单位管理两个窗口同时修改同一单位：后保存的被拒绝并说明原因，填写的内容仍在，先保存的不被覆盖', async ({
  page,
  context,
  baseURL,
}) => {
  const admin = await apiAs(baseURL as string, 'admin');
  type Unit = { id: number; code: string; name: string; kind: string; remit: string; active: boolean };
  const unit = ((await (await admin.get('/api/units')).json()) as { items: Unit[] }).items.find(
    (u) => u.code === 'town-gucheng',
  ) as Unit;
  try {
    await signIn(page, 'admin', '/admin/units');
    const second = await context.newPage();
    await second.goto('/admin/units');
    const open = async (p: typeof page) => {
      await p.getByLabel('查找单位').fill(unit.name);
      await p.getByRole('row').filter({ hasText: unit.name }).getByRole('button', { name: '修改' }).click();
      return dialog(p, `修改单位：${unit.name}`);
    };
    const first = await open(page);
    const other = await open(second);
    await first.getByLabel('职能范围').fill('第一个窗口：负责古城镇辖区的乡村道路和集镇管理。');
    await first.getByRole('button', { name: '保存' }).click();
    await expect(first).toBeHidden();

    await other.getByLabel('职能范围').fill('第二个窗口：负责古城镇辖区的农村饮水和防汛。');
    await other.getByRole('button', { name: '保存' }).click();
    await expect(other.getByRole('alert')).toContainText('在您打开表单后已被修改');
    await expect(other.getByLabel('职能范围')).toHaveValue('第二个窗口：负责古城镇辖区的农村饮水和防汛。');
    const stored = ((await (await admin.get('/api/units')).json()) as { items: Unit[] }).items.find(
      (u) => u.id === unit.id,
    );
    expect(stored?.remit).toBe('第一个窗口：负责古城镇辖区的乡村道路和集镇管理。');
  } finally {
    await admin.put(`/api/units/${unit.id}`, {
      data: { code: unit.code, name: unit.name, kind: unit.kind, remit: unit.remit, active: unit.active },
    });
    await admin.dispose();
  }
});

test('时限设置两个窗口各改一项：两项都保存，后保存的不把前一项改回去', async ({ page, context, baseURL }) => {
  const admin = await apiAs(baseURL as string, 'admin');
  const before = await (await admin.get('/api/settings/time-limits')).json();
  try {
    await signIn(page, 'admin', '/admin/time-limits');
    const second = await context.newPage();
    await second.goto('/admin/time-limits');
    const coUnit = page.getByLabel('协办意见时限');
    await expect(coUnit).toHaveValue(String(before.coUnitWorkingDays));
    await expect(second.getByLabel('预警提前量', { exact: true })).toHaveValue(
      String(before.dueSoonWorkingDays),
    );

    await coUnit.fill(String(before.coUnitWorkingDays - 1));
    await page.getByRole('button', { name: '保存' }).first().click();
    await expect(page.getByText('已保存').first()).toBeVisible();

    // The second window still shows the old 协办意见时限 and changes only 预警提前量.
    await expect(second.getByLabel('协办意见时限')).toHaveValue(String(before.coUnitWorkingDays));
    await second.getByLabel('预警提前量', { exact: true }).fill(String(before.dueSoonWorkingDays + 1));
    await second.getByRole('button', { name: '保存' }).first().click();
    await expect(second.getByText('已保存').first()).toBeVisible();
    const after = await (await admin.get('/api/settings/time-limits')).json();
    expect({ coUnit: after.coUnitWorkingDays, dueSoon: after.dueSoonWorkingDays }).toEqual({
      coUnit: before.coUnitWorkingDays - 1,
      dueSoon: before.dueSoonWorkingDays + 1,
    });
    // The form shows what is stored now, the other window's change included.
    await expect(second.getByLabel('协办意见时限')).toHaveValue(String(before.coUnitWorkingDays - 1));
  } finally {
    await admin.put('/api/settings/time-limits', { data: before });
    await admin.dispose();
  }
});
