/**
 * Requests sent before the app has loaded, by the tiny start-up script (web/src/early.ts): who is
 * signed in and, once known, what their home page will show first. On a phone's link the app's
 * libraries take a second or more to arrive and run; these round trips run meanwhile instead of
 * after. The app's first read of the same address takes the answer (once, and only while fresh);
 * every later read asks the server. This module imports nothing, so the start-up script that
 * shares it loads nothing of the app.
 */

const kept = new Map<string, { at: number; response: Promise<Response> }>();
const FRESH_MS = 10_000;

/** Sends a GET now and keeps its answer for the app's first read of the same address. */
export function fetchEarly(url: string): Promise<Response> {
  const response = fetch(url, { credentials: 'same-origin' });
  // A failure is the reader's to report (or nobody's, if no page reads it while it is fresh).
  response.catch(() => undefined);
  kept.set(url, { at: Date.now(), response });
  return response;
}

/** The answer sent early for this address, if any and still fresh; taken once. */
export function takeEarly(url: string): Promise<Response> | undefined {
  const early = kept.get(url);
  if (!early) return undefined;
  kept.delete(url);
  return Date.now() - early.at < FRESH_MS ? early.response : undefined;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

/** A path with its query string; empty values are left out. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}
