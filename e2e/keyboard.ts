import { expect, type Locator, type Page } from '@playwright/test';

/** Whether the element the locator finds is the one with the keyboard focus. */
export function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement));
}

/**
 * Presses Tab (Shift+Tab with `back`) until the target has the focus, as a keyboard user would
 * move through the page; fails if it is not reached within `max` presses. Each stop must show
 * where the focus is (an outline or a focus ring), or the user is lost.
 */
export async function tabTo(page: Page, target: Locator, { max = 60, back = false } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    await expectFocusVisible(page);
  }
  expect(await isFocused(target), `Tab never reached ${target}`).toBe(true);
}

/** The focused element draws an outline or a box-shadow ring (the browser's or antd's). */
export async function expectFocusVisible(page: Page): Promise<void> {
  const shown = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return true; // between the page and the browser's own controls
    const own = getComputedStyle(el);
    const wrapper = el.closest('.ant-input-affix-wrapper, .ant-select, .ant-picker, .ant-input-number');
    const ring = wrapper ? getComputedStyle(wrapper) : own;
    return (own.outlineStyle !== 'none' && own.outlineWidth !== '0px') || ring.boxShadow !== 'none';
  });
  expect(shown, 'the focused element shows no focus indicator').toBe(true);
}
