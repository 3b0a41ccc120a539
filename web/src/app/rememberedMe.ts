import type { Me } from '../api/types';

/**
 * Who was signed in on this device, kept for a reload without a connection: the app opens with
 * it (and the offline banner) instead of the sign-in page, which cannot be used offline anyway.
 * The service worker keeps `/api/auth/me` too, but only once it controls the page; a reload soon
 * after signing in found no copy and went to the sign-in page (phone review). Forgotten with the
 * offline copies, at sign-out and whenever the server says the session has ended.
 */
const KEY = 'huiyin-signed-in';

export function rememberMe(me: Me): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(me));
  } catch {
    // Storage unavailable (private mode): nothing is kept.
  }
}

export function rememberedMe(): Me | null {
  try {
    const kept = localStorage.getItem(KEY);
    return kept ? (JSON.parse(kept) as Me) : null;
  } catch {
    return null;
  }
}

export function forgetMe(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // As above.
  }
}
