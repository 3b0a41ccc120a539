import type { FormInstance } from 'antd';
import type { ApiError } from '../api/client';

type NamePath = (string | number)[];

/**
 * Puts the server's field problems on the form's fields. `map` turns the server's field
 * name (e.g. `citizenContact.contactedAt`, `body.reply.findings`) into a form name path, or
 * null when the form has no such field. Returns the problems that found no field.
 */
export function applyFieldErrors(
  form: FormInstance,
  err: ApiError,
  map: (serverField: string) => NamePath | null = defaultMap,
): string[] {
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  const unplaced: string[] = [];
  for (const p of err.problems) {
    const name = map(p.field);
    if (!name) {
      unplaced.push(p.message);
      continue;
    }
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(p.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  return unplaced;
}

export function defaultMap(field: string): NamePath {
  return field
    .replace(/^body\./, '')
    .split('.')
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
