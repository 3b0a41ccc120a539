import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { StoredPages } from '../../src/modules/work-orders/stored-pages.js';

/** The store's memory budget (STORED_PAGES_MIB): what it keeps, and what leaves first. */
describe('stored pages within their budget', () => {
  const page = (n: number, chars = 1_000) => ({ body: `${n}`.padEnd(chars, '页'), mark: undefined });
  const keyOf = (n: number) => `order-${n}`;

  it('keeps pages up to its budget and lets the least recently used go first', () => {
    // A page of 1,000 characters, mostly three-byte ones: about 3 KB with its key.
    const store = new StoredPages(10_000);
    for (const n of [1, 2, 3]) expect(store.put(keyOf(n), page(n), 0, 1_000)).toBeDefined();
    expect(store.held.pages).toBe(3);
    // Page 1 is read again, so page 2 is now the one used longest ago.
    expect(store.get(keyOf(1), 10)?.bytes.toString()).toBe(page(1).body);
    store.put(keyOf(4), page(4), 20, 1_000);
    expect(store.get(keyOf(2), 30)).toBeUndefined();
    for (const n of [1, 3, 4]) expect(store.get(keyOf(n), 30)).toBeDefined();
    expect(store.held.bytes).toBeLessThanOrEqual(10_000);
  });

  it('counts the compressed copies it keeps against the same budget', () => {
    // Characters that do not repeat, so the gzip copy is about two thirds of the page.
    const varied = (n: number) => ({
      body: Array.from({ length: 1_000 }, (_, i) =>
        String.fromCharCode(0x4e00 + ((i * 7_919 + n) % 20_000)),
      ).join(''),
      mark: undefined,
    });
    const store = new StoredPages(10_000);
    store.put(keyOf(1), varied(1), 0, 1_000);
    store.put(keyOf(2), varied(2), 0, 1_000);
    // A browser's request: the page is found, then sent compressed.
    const first = store.get(keyOf(1), 5);
    if (!first) throw new Error('the first page was not kept');
    const before = store.held.bytes;
    const gzip = store.encoded(first, 'gzip');
    expect(gzip.length).toBeGreaterThan(1_000);
    expect(store.held.bytes).toBe(before + gzip.length);
    // Three pages fit in the budget without the copy, not with it: page 2, used longest ago, goes.
    store.put(keyOf(3), varied(3), 10, 1_000);
    expect(store.get(keyOf(2), 20)).toBeUndefined();
    expect(store.get(keyOf(1), 20)?.encoded.gzip).toBe(gzip);
    expect(store.held.bytes).toBeLessThanOrEqual(10_000);
  });

  it('keeps nothing with no budget (STORED_PAGES=0)', () => {
    const store = new StoredPages(0);
    expect(store.put(keyOf(1), page(1), 0, 1_000)).toBeUndefined();
    expect(store.held).toEqual({ pages: 0, bytes: 0 });
  });

  it('takes its budget from the environment, 24 MiB unless told', () => {
    expect(loadConfig({}).STORED_PAGES_MIB).toBe(24);
    expect(loadConfig({ STORED_PAGES_MIB: '128' }).STORED_PAGES_MIB).toBe(128);
    expect(() => loadConfig({ STORED_PAGES_MIB: '0' })).toThrow(/STORED_PAGES_MIB/);
  });
});
