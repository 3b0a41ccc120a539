import { test as base } from '@playwright/test';
import { serverPlace } from './places';

/**
 * Playwright's `test`, each test sent to its own worker's server (see places.ts). Every spec
 * imports `test` from here (biome.json forbids taking it from @playwright/test in a spec).
 */
export const test = base.extend<{ closeOwnContexts: undefined }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  baseURL: async ({}, use, testInfo) => use(serverPlace(testInfo.parallelIndex).baseURL),
  /**
   * The browser contexts a test opened itself (a second person's window: `browser.newContext()`)
   * are closed after it, as Playwright closes the test's own. Left open, their pages kept running
   * for the rest of the worker (the live notification stream, timers) and were photographed again
   * with every later failure.
   */
  closeOwnContexts: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts());
      await use(undefined);
      for (const context of browser.contexts()) if (!before.has(context)) await context.close();
    },
    { auto: true },
  ],
});

export { expect } from '@playwright/test';
