/**
 * Requests sent before the app has loaded, by the tiny start-up script (web/src/early.ts): who is
 * signed in and, once known, what their home page will show first. On a phone's link the app's
 * libraries take a second or more to arrive and run; these round trips run meanwhile instead of
 * after. The app's first read of the same address takes the answer (once, and only while fresh);
 * every later read asks the server. This module imports nothing of the app (only the few lines of
 * app/staleRelease.ts, bundled with it), so the start-up script that shares it loads none of it.
 */

import { reloadForNewRelease } from '../app/staleRelease';

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

/** The answer sent early for this address, left for the app to take (the start-up script's own reading). */
export function peekEarly(url: string): Promise<Response> | undefined {
  return kept.get(url)?.response;
}

let appStarted = false;

/** The built page's link to the app's entry (web/vite.config.ts, heldBack); index.html's fallback finds it the same way. */
export const APP_ENTRY_LINK = 'link[rel="modulepreload"][data-app-entry]';
/** Set by the start-up script first thing; index.html's fallback starts the app only when it is missing. */
export const EARLY_RAN_FLAG = 'huiyinEarlyRan';

/**
 * Runs the app. The built page fetches the app's files at once but holds them back
 * (web/vite.config.ts, `heldBack`): run at once, its libraries held the page's one thread for most
 * of a second on a phone, and the first screen drawn here, its answer already in, waited behind
 * them. The start-up script calls this when that screen is drawn, when there is none to draw, or
 * after a short wait; once, and not before the page has been read. In development the page runs
 * the app itself, and there is nothing to start.
 */
export function startApp(): void {
  const entry = document.querySelector<HTMLLinkElement>(APP_ENTRY_LINK);
  if (appStarted || !entry) return;
  appStarted = true;
  const run = () => {
    import(/* @vite-ignore */ entry.href).catch((e: unknown) => {
      console.error('回音：应用未能启动', e);
      if (!reloadForNewRelease()) showStartFailure();
    });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
  else run();
}

/**
 * The app did not start (its files missing after a release, a bad copy kept by the service worker,
 * the network gone) and a reload did not help or cannot: say so on the page, in plain DOM (nothing
 * of the app has run), rather than leave it blank or showing a queue whose buttons do nothing.
 */
function showStartFailure(): void {
  const box = document.createElement('div');
  box.setAttribute('role', 'alert');
  box.style.cssText = 'position:fixed;inset:0;z-index:1000;background:#fff;padding:48px 20px';
  box.innerHTML =
    '<h1 style="font-size:20px">系统未能启动</h1><p>请刷新页面；仍打不开时请联系系统管理员。未提交的草稿会保留。</p><button type="button">刷新页面</button>';
  box.querySelector('button')?.addEventListener('click', () => window.location.reload());
  document.body.append(box);
}

/** Also read by web/index.html's inline lines, which ask for the same reads before any script file loads. */
export const HOME_READS_KEY = 'huiyin.home-reads';
/** What a kept read may be: an order list (or its counts), never any other address. */
export const HOME_READ_PREFIX = '/api/work-orders';

/**
 * The home page's first reads as the last visit on this browser found them. The start-up script
 * sends them beside `/api/auth/me` instead of after its answer, a round trip sooner (the page
 * itself has already asked, web/index.html, and the script's requests take those answers); if the
 * answer names other reads (another user, a changed role), those are sent then and these go
 * unused. Only addresses of order lists are taken from storage.
 */
export function lastHomeReads(): string[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(HOME_READS_KEY) ?? '[]');
    if (!Array.isArray(stored)) return [];
    return stored.filter((u): u is string => typeof u === 'string' && u.startsWith(HOME_READ_PREFIX));
  } catch {
    return [];
  }
}

/** Keeps (or, with none, forgets) the home page's first reads for the next visit. */
export function rememberHomeReads(urls: string[]): void {
  try {
    if (urls.length > 0) localStorage.setItem(HOME_READS_KEY, JSON.stringify(urls));
    else localStorage.removeItem(HOME_READS_KEY);
  } catch {
    // Storage unavailable (private mode): the next visit asks after `/api/auth/me`, as before.
  }
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
