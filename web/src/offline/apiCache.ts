import { rememberHomeReads } from '../api/early';
import { forgetMe } from '../app/rememberedMe';
import { API_CACHE_PREFIX } from './cacheRoutes';

/**
 * Deletes every copy of API answers the service worker kept for offline reading. Called when
 * someone signs in, signs out or finds the session ended: the next person on the same phone
 * never reads the previous user's queue or orders. Without Cache Storage (old browser, plain
 * HTTP) there is nothing to delete. The addresses of the home's first reads go too (api/early.ts).
 */
export async function clearApiCaches(): Promise<void> {
  rememberHomeReads([]);
  forgetMe();
  if (typeof caches === 'undefined') return;
  try {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith(API_CACHE_PREFIX)).map((n) => caches.delete(n)));
  } catch {
    // Storage unavailable (private mode): nothing was kept either.
  }
}
