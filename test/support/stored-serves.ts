import { vi } from 'vitest';
import { StoredPages } from '../../src/modules/work-orders/stored-pages.js';

/**
 * Whether a request was answered from the store (stored-pages.ts): an entry was found and nothing
 * was put, i.e. nothing was built. Counting statements cannot say so on SQLite, where a stored
 * answer asked for again before any commit runs none (until-next-commit.ts).
 */
export async function servedStored<T>(request: () => Promise<T>): Promise<{ result: T; stored: boolean }> {
  const gets = vi.spyOn(StoredPages.prototype, 'get');
  const puts = vi.spyOn(StoredPages.prototype, 'put');
  try {
    const result = await request();
    const found = gets.mock.results.some((r) => r.type === 'return' && r.value !== undefined);
    return { result, stored: found && puts.mock.calls.length === 0 };
  } finally {
    gets.mockRestore();
    puts.mockRestore();
  }
}
