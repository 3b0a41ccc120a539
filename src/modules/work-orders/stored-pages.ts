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
   * `maxBytes`: how much to keep, in bytes of the pages as sent (UTF-8) and of their compressed
   * copies (a page is 2–30 KB).
   */
  constructor(private readonly maxBytes: number) {}

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
    // Kept as the bytes sent: a string would be encoded to UTF-8 again at every request, which
    // for a list of 35 orders costs about as much as the rest of sending it.
    const bytes = Buffer.from(page.body);
    const size = key.length + bytes.length;
    const entry: StoredEntry<Mark> = { mark: page.mark, bytes, key, from, until, size, encoded: {} };
    this.pages.set(key, entry);
    this.size += size;
    this.evict();
    return this.pages.get(key);
  }

  /**
   * The entry compressed for `encoding`: compressed once, when first asked for, and kept
   * with the entry. Browsers always ask for compression, so without this every request sending
   * a stored page compressed it again, at twice the cost of the rest of the request.
   */
  encoded(entry: StoredEntry<Mark>, encoding: Encoding): Buffer {
    let bytes = entry.encoded[encoding];
    if (bytes) return bytes;
    bytes = compressed(encoding, entry.bytes);
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
      if (this.size <= this.maxBytes) break;
      this.pages.delete(oldest);
      this.size -= dropped.size;
    }
  }

  /** How many pages and bytes are kept (tests, metrics). */
  get held(): { pages: number; bytes: number } {
    return { pages: this.pages.size, bytes: this.size };
  }
}

export interface StoredPage<Mark> {
  body: string;
  mark: Mark;
}

/** A page as kept: its bytes, its mark, the instants it is right for, and its compressed copies. */
export interface StoredEntry<Mark> {
  readonly mark: Mark;
  /** The JSON text in UTF-8, as sent uncompressed. */
  readonly bytes: Buffer;
  readonly key: string;
  readonly from: number;
  readonly until: number;
  size: number;
  readonly encoded: Partial<Record<Encoding, Buffer>>;
}
