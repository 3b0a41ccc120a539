import { compressed, type Encoding } from '../../server/compression.js';

/**
 * Pages as sent, kept in this process and served again while they are still right: each is
 * stored under what it was built from and until the first instant its clock readings could
 * change (page-stability.ts).
 * - An order's page (order-page.ts) is keyed by the order's stamps, the viewer, the calendar and
 *   the settings: a change anywhere makes a new key, so a page is never served stale; the old
 *   entries are simply not asked for again and leave as the least recently used.
 * - A list (order-list.ts) cannot be keyed by every order it may hold; it keeps a `mark`, the
 *   moment it was built after, and asks the database on each use whether anything changed since.
 */
export class StoredPages<Mark = undefined> {
  private readonly pages = new Map<string, StoredEntry<Mark>>();
  private size = 0;

  /**
   * `maxChars`: how much to keep, in characters of text plus bytes of its compressed copies (a
   * page is 1–10 thousand characters).
   */
  constructor(private readonly maxChars = 8_000_000) {}

  get(key: string, now: number): StoredEntry<Mark> | undefined {
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
    return page;
  }

  /**
   * Keeps `page` for the instants from `from` (when it was built) until `until`, exclusive; the
   * entry kept, or undefined when there is no room for it (or nothing is kept: STORED_PAGES=0).
   */
  put(key: string, page: StoredPage<Mark>, from: number, until: number): StoredEntry<Mark> | undefined {
    const old = this.pages.get(key);
    if (old) {
      this.pages.delete(key);
      this.size -= old.size;
    }
    const size = key.length + page.body.length;
    const entry: StoredEntry<Mark> = { ...page, key, from, until, size, encoded: {} };
    this.pages.set(key, entry);
    this.size += size;
    this.evict();
    return this.pages.get(key);
  }

  /**
   * The entry's text compressed for `encoding`: compressed once, when first asked for, and kept
   * with the entry. Browsers always ask for compression, so without this every request sending
   * a stored page compressed it again, at twice the cost of the rest of the request.
   */
  encoded(entry: StoredEntry<Mark>, encoding: Encoding): Buffer {
    let bytes = entry.encoded[encoding];
    if (bytes) return bytes;
    bytes = compressed(encoding, entry.body);
    entry.encoded[encoding] = bytes;
    // Counted while the entry is kept (it may have left meanwhile: then it goes with the request).
    if (this.pages.get(entry.key) === entry) {
      entry.size += bytes.length;
      this.size += bytes.length;
      this.evict();
    }
    return bytes;
  }

  private evict(): void {
    for (const [oldest, dropped] of this.pages) {
      if (this.size <= this.maxChars) break;
      this.pages.delete(oldest);
      this.size -= dropped.size;
    }
  }

  /** How many pages and characters are kept (tests, metrics). */
  get held(): { pages: number; chars: number } {
    return { pages: this.pages.size, chars: this.size };
  }
}

export interface StoredPage<Mark> {
  body: string;
  mark: Mark;
}

/** A page as kept: its text, its mark, the instants it is right for, and its compressed copies. */
export interface StoredEntry<Mark> extends StoredPage<Mark> {
  readonly key: string;
  readonly from: number;
  readonly until: number;
  size: number;
  readonly encoded: Partial<Record<Encoding, Buffer>>;
}
