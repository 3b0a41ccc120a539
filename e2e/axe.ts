import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Waits until the page has drawn its data: the main region is there and nothing is still loading. */
export async function settled(page: Page): Promise<void> {
  await expect(page.locator('main, form').first()).toBeVisible();
  await expect(page.locator('.ant-spin-spinning, .ant-skeleton-active')).toHaveCount(0, { timeout: 15_000 });
}

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) on the page as it is and fails on any serious or
 * critical violation, naming the rule and the first elements it found, so a failure says what to fix.
 */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    // axe.run in the page itself. The default runs axe in every frame and then opens a blank
    // page to merge the frames' results: ~0.6 s a check, for an app that has no frames. The
    // findings are the same (compared on the desk, an order and the statistics page).
    .setLegacyMode(true)
    .analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')} ${n.any[0]?.message ?? ''}`)
          .join('\n    ')}`,
    );
  // Soft: one run lists every page's problems, not just the first page's.
  expect.soft(bad, `${where}\n  ${bad.join('\n  ')}`).toEqual([]);
}
