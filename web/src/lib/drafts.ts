import dayjs from 'dayjs';

/**
 * Drafts of forms kept on the device (localStorage) per user, order and form until they are
 * submitted or discarded, so nothing typed is lost to a closed tab, a Back gesture or a dropped
 * connection. Storage that is full or disabled (private mode) only means no draft is kept.
 */
const PREFIX = 'huiyin:draft:';

/**
 * A draft untouched this long is dropped: it holds citizens' names, phones and what they said, on
 * a computer others may use (the office's desks), and the order it was for has long moved on.
 */
export const DRAFT_KEEP_DAYS = 30;
const KEEP_MS = DRAFT_KEEP_DAYS * 24 * 3600_000;
const expired = (draft: Draft<unknown>, now: number) => now - Date.parse(draft.savedAt) > KEEP_MS;

export interface Draft<T> {
  values: T;
  savedAt: string;
}

export function draftKey(userId: number, scope: string): string {
  return `${PREFIX}${userId}:${scope}`;
}

// Date pickers hold dayjs objects: stored as a tagged ISO string and revived as dayjs again.
function replacer(this: Record<string, unknown>, key: string, value: unknown) {
  const original = this[key];
  return dayjs.isDayjs(original) ? { $dayjs: original.toISOString() } : value;
}
function reviver(_key: string, value: unknown) {
  if (value && typeof value === 'object' && '$dayjs' in value)
    return dayjs((value as { $dayjs: string }).$dayjs);
  return value;
}

export function loadDraft<T>(key: string): Draft<T> | null {
  try {
    const raw = localStorage.getItem(key);
    const draft = raw ? (JSON.parse(raw, reviver) as Draft<T>) : null;
    if (!draft || !expired(draft, Date.now())) return draft;
    localStorage.removeItem(key);
    return null;
  } catch {
    return null;
  }
}

/** Drops every user's drafts older than DRAFT_KEEP_DAYS on this device (not only those opened again). */
export function dropExpiredDrafts(now = Date.now()): void {
  try {
    const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i) ?? '');
    for (const key of keys.filter((k) => k.startsWith(PREFIX))) {
      const raw = localStorage.getItem(key);
      let draft: Draft<unknown> | null = null;
      try {
        draft = raw ? (JSON.parse(raw) as Draft<unknown>) : null;
      } catch {
        // unreadable: dropped below
      }
      if (!draft || typeof draft.savedAt !== 'string' || expired(draft, now)) localStorage.removeItem(key);
    }
  } catch {
    // Storage disabled: nothing is kept anyway.
  }
}

export function saveDraft<T>(key: string, values: T): void {
  try {
    localStorage.setItem(key, JSON.stringify({ values, savedAt: new Date().toISOString() }, replacer));
  } catch {
    // Storage full or disabled: the form still works, only without a draft.
  }
}

export function discardDraft(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // nothing to do
  }
}
