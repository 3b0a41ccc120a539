/**
 * A page of the app opened before a new release asks for its lazily loaded parts by the names of
 * the release before, which the server no longer has (src/server/plugins/web-app.ts answers 404).
 * Reloading the page gets the new release, and the part under its new name. Drafts survive a
 * reload (web/src/lib/drafts.ts). Shared by the start-up script (web/src/api/early.ts) and the
 * app: nothing here imports React or Ant Design.
 */

/** What browsers say when a module or stylesheet of a lazily loaded part cannot be loaded. */
const FAILED_LOAD =
  /dynamically imported module|Importing a module script failed|error loading dynamically imported module|Unable to preload CSS|ChunkLoadError/i;

export function isFailedLoad(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ChunkLoadError' || FAILED_LOAD.test(error.message));
}

const RELOADED_AT = 'huiyin:reloaded-for-release';
/** A reload within this long of the last did not help: the part is missing for another reason. */
const ONCE_PER = 60_000;

/**
 * Reloads the page to get the new release, unless the network is down (a reload would not help) or
 * a reload for the same reason just happened (no loop). Says at once whether it reloads. Before
 * reloading, the service worker's copies of the app's files are dropped and the worker unregistered
 * (the signed-in app registers it again): a copy it kept of a bad answer would otherwise be served
 * again on every load, the page never starting. The offline copies of orders and queues stay.
 */
export function reloadForNewRelease(): boolean {
  if (!navigator.onLine) return false;
  try {
    const last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
    if (Date.now() - last < ONCE_PER) return false;
    sessionStorage.setItem(RELOADED_AT, String(Date.now()));
  } catch {
    // No session storage (private mode, disabled): reload once without the guard's memory.
  }
  void dropAppCopies().finally(() => window.location.reload());
  return true;
}

async function dropAppCopies(): Promise<void> {
  try {
    if ('caches' in window) {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.includes('precache')).map((n) => caches.delete(n)));
    }
    if ('serviceWorker' in navigator) {
      for (const registration of await navigator.serviceWorker.getRegistrations())
        await registration.unregister();
    }
  } catch {
    // A browser that refuses (storage blocked): the reload is still worth a try.
  }
}
