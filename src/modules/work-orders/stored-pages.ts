/**
 * Orders' pages as sent, kept in this process and served again while they are still right: each
 * is stored under what it was built from (the order's stamps, the viewer, the calendar and the
 * settings; order-page.ts) and until the first instant its clock readings could change
 * (page-stability.ts). A change anywhere makes a new key, so a page is never served stale; the
 * old entries are simply not asked for again and leave as the least recently used.
 */
export class StoredPages {
  private readonly pages = new Map<string, { body: string; from: number; until: number; size: number }>();
  private size = 0;

  /** `maxChars`: how much text to keep (a page is 1–10 thousand characters). */
  constructor(private readonly maxChars = 8_000_000) {}

  get(key: string, now: number): string | undefined {
    const page = this.pages.get(key);
    if (!page) return undefined;
    this.pages.delete(key);
    // Outside the time it was built for (a clock set back counts too): built again.
    if (now < page.from || now >= page.until) {
      this.size -= page.size;
      return undefined;
    }
    // Most recently used last: eviction takes from the front.
    this.pages.set(key, page);
    return page.body;
  }

  /** Keeps `body` for the instants from `from` (when it was built) until `until`, exclusive. */
  put(key: string, body: string, from: number, until: number): void {
    const old = this.pages.get(key);
    if (old) {
      this.pages.delete(key);
      this.size -= old.size;
    }
    const size = key.length + body.length;
    this.pages.set(key, { body, from, until, size });
    this.size += size;
    for (const [oldest, page] of this.pages) {
      if (this.size <= this.maxChars) break;
      this.pages.delete(oldest);
      this.size -= page.size;
    }
  }

  /** How many pages and characters are kept (tests, metrics). */
  get held(): { pages: number; chars: number } {
    return { pages: this.pages.size, chars: this.size };
  }
}
