import { EventEmitter } from 'node:events';

/**
 * Tells open notification streams of this process that their session ended (logout, ended by the
 * user, password changed), so they close at once; streams also re-check their session on every
 * poll, which covers expiry and other processes.
 */
const emitter = new EventEmitter();
emitter.setMaxListeners(0);

export function sessionsEnded(ids: readonly string[]): void {
  for (const id of ids) emitter.emit(id);
}

/** Calls `onEnd` when the session ends; returns the unsubscribe. */
export function whenSessionEnds(id: string, onEnd: () => void): () => void {
  emitter.once(id, onEnd);
  return () => emitter.off(id, onEnd);
}
