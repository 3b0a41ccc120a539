import type { RuntimeCaching } from 'workbox-build';

/**
 * Which API answers the service worker keeps for reading offline, and how. Every cache of API
 * data is named with this prefix, so signing in or out can delete all of them at once (see
 * apiCache.ts): one user's orders are never shown to the next person signing in on the phone.
 */
export const API_CACHE_PREFIX = 'huiyin-api-';

/** Set on an answer the service worker gave from its copy because the server could not be reached. */
export const OFFLINE_COPY_HEADER = 'x-huiyin-offline-copy';

/**
 * Network first: online, the page always gets the server's answer (and the copy is renewed);
 * offline, the last answer to the same address. Only what a liaison reads on the road: who is
 * signed in, the unit's queue, the orders opened recently and the few reference lists their
 * pages need. Attachments, exports and the notification stream (endless) are never kept.
 */
export function apiCaches(): RuntimeCaching[] {
  const networkFirst = (urlPattern: RegExp, name: string, maxEntries: number): RuntimeCaching => ({
    urlPattern,
    method: 'GET',
    handler: 'NetworkFirst',
    options: {
      cacheName: `${API_CACHE_PREFIX}${name}`,
      expiration: { maxEntries, maxAgeSeconds: 7 * 24 * 3600 },
      // A refusal (401, 403, 404) is never kept as if it were the order.
      cacheableResponse: { statuses: [200] },
      plugins: [
        {
          // The copy says it is one (OFFLINE_COPY_HEADER; this function runs in the worker, so the
          // name is written out): the app then shows the offline banner even if the phone claims
          // a connection.
          cachedResponseWillBeUsed: async ({ cachedResponse }) => {
            if (!cachedResponse) return cachedResponse;
            const headers = new Headers(cachedResponse.headers);
            headers.set('x-huiyin-offline-copy', '1');
            return new Response(cachedResponse.body, {
              status: cachedResponse.status,
              statusText: cachedResponse.statusText,
              headers,
            });
          },
        },
      ],
    },
  });
  return [
    // The lists and their tabs' counts (/api/work-orders/counts).
    networkFirst(/\/api\/work-orders(\/counts)?(\?[^/]*)?$/, 'queues', 40),
    // 「最近打开的工单」: the 30 details opened last.
    networkFirst(/\/api\/work-orders\/\d+$/, 'orders', 30),
    networkFirst(
      /\/api\/(auth\/me|units|settings\/time-limits|notifications|saved-views)(\?[^/]*)?$/,
      'common',
      20,
    ),
  ];
}
