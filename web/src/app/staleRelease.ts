/**
 * A page of the app opened before a new release asks for its lazily loaded parts by the names of
 * the release before, which the server no longer has (web/src/server/plugins/web-app.ts answers
 * 404). Reloading the page gets the new release, and the part under its new name. Drafts survive
 * a reload (web/src/lib/drafts.ts).
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
 * a reload for the same reason just happened (no loop). Says whether it reloads.
 */
export function reloadForNewRelease(): boolean {
  if (!navigator.onLine) return false;
  const last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
  if (Date.now() - last < ONCE_PER) return false;
  sessionStorage.setItem(RELOADED_AT, String(Date.now()));
  window.location.reload();
  return true;
}
