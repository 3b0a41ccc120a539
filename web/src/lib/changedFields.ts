const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What a form changes of the values it was opened on, field by field at any depth (a list or a
 * value is changed whole); undefined when nothing changed. A settings page sends only this, and the
 * server keeps every field left out: a second window that changed another field no longer puts
 * back the first window's old value of this one.
 */
export function changedFields<T>(before: T, after: T): Partial<T> | undefined {
  return changed(before, after) as Partial<T> | undefined;
}

function changed(before: unknown, after: unknown): unknown {
  if (isRecord(before) && isRecord(after)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(after)) {
      if (value === undefined) continue;
      const d = changed(before[key], value);
      if (d !== undefined) out[key] = d;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return JSON.stringify(before) === JSON.stringify(after) ? undefined : after;
}
