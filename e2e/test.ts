import { test as base } from '@playwright/test';
import { serverPlace } from './places';

/**
 * Playwright's `test`, each test sent to its own worker's server (see places.ts). Every spec
 * imports `test` from here (biome.json forbids taking it from @playwright/test in a spec).
 */
export const test = base.extend({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  baseURL: async ({}, use, testInfo) => use(serverPlace(testInfo.parallelIndex).baseURL),
});

export { expect } from '@playwright/test';
