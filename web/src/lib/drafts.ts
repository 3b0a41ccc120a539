import dayjs from 'dayjs';

/**
 * Drafts of forms kept on the device (localStorage) per user, order and form until they are
 * submitted or discarded, so nothing typed is lost to a closed tab, a Back gesture or a dropped
 * connection. Storage that is full or disabled (private mode) only means no draft is kept.
 */
const PREFIX = 'huiyin:draft:';

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
    return raw ? (JSON.parse(raw, reviver) as Draft<T>) : null;
  } catch {
    return null;
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
