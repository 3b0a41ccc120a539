/**
 * Runs `fn` when the browser next has a moment to spare (requestIdleCallback), at the latest after
 * `timeoutMs`. For work the first screen does not need — the notification bell's list and live
 * stream, the service worker's registration — so that on a phone it waits for the page's own
 * requests and drawing instead of competing with them for the main thread and the six
 * connections. Returns a function that cancels it.
 */
export function whenIdle(fn: () => void, timeoutMs = 2000): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(fn, { timeout: timeoutMs });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(fn, 0);
  return () => window.clearTimeout(id);
}
