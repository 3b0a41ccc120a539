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

/** Leaf name paths of a changed-values object as antd passes it to onValuesChange. */
function leafPaths(value: unknown, prefix: NamePath = []): NamePath[] {
  if (value && typeof value === 'object' && !Array.isArray(value) && value.constructor === Object)
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
  return [prefix];
}

/**
 * Clears errors set earlier (by the server) on the fields that `changed` touches, or on every
 * field when it is omitted — antd keeps a field's errors until its own rules run again, and
 * most fields here have no rules of their own.
 */
export function clearErrorsOf(form: FormInstance, changed?: Record<string, unknown>): void {
  const touched = changed ? leafPaths(changed).map((p) => p.join('.')) : null;
  const stale = form
    .getFieldsError()
    .filter((f) => f.errors.length > 0)
    .filter((f) => {
      const name = f.name.join('.');
      return (
        !touched || touched.some((t) => name === t || name.startsWith(`${t}.`) || t.startsWith(`${name}.`))
      );
    });
  if (stale.length) form.setFields(stale.map((f) => ({ name: f.name, errors: [] })));
}
