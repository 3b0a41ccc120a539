import { useSyncExternalStore } from 'react';

/**
 * Whether the server answered the app's last request. On a weak signal the phone still says it
 * is online while nothing gets through; the service worker then answers from its saved copy
 * (marking it, see cacheRoutes.ts) and the app must say so instead of passing the copy off as
 * current. Any answer from the server clears it.
 */
let unreachable = false;
const listeners = new Set<() => void>();

function set(value: boolean) {
  if (value === unreachable) return;
  unreachable = value;
  for (const fn of listeners) fn();
}

// Back online: assumed reachable until a request says otherwise.
window.addEventListener('online', () => set(false));

/**
 * How many times the server has answered again after answers that were not its own (a saved copy,
 * or none). What a page drew from those is older than the server's: a page that shows lists reads
 * them again on each (useServerReturns). Counted on the server's answer, not on the phone's
 * `online` event: the phone may say it is back before anything gets through (a service worker
 * can still be cut off for a moment after its page is not).
 */
let returns = 0;
let missedSinceServer = false;

/** The client's report on each request: no answer, the saved copy, or the server itself. */
export function reportAnswer(answer: 'none' | 'copy' | 'server'): void {
  if (answer !== 'server') missedSinceServer = true;
  else if (missedSinceServer) {
    missedSinceServer = false;
    returns++;
    for (const fn of listeners) fn();
  }
  set(answer !== 'server');
}

function subscribe(changed: () => void): () => void {
  listeners.add(changed);
  window.addEventListener('online', changed);
  window.addEventListener('offline', changed);
  return () => {
    listeners.delete(changed);
    window.removeEventListener('online', changed);
    window.removeEventListener('offline', changed);
  };
}

export type Connection = 'online' | 'offline' | 'unreachable';

/** Offline: the phone says so; unreachable: it claims a connection but the server is not answering. */
export function useConnection(): Connection {
  return useSyncExternalStore(subscribe, () =>
    !navigator.onLine ? 'offline' : unreachable ? 'unreachable' : 'online',
  );
}

/** Changes each time the server answers again after copies or silence (see `returns`). */
export function useServerReturns(): number {
  return useSyncExternalStore(subscribe, () => returns);
}
