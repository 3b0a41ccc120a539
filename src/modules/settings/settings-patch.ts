import { z } from 'zod';
import { refuse } from '../../domain/refusal.js';
import { invalidFieldsMessage } from '../../server/field-labels.js';

/**
 * A settings body as any web app may send it: every field, at any depth, may be left out. A web
 * app cached before a field was added sends the form it knows; the fields it does not know keep
 * their stored values instead of failing the whole save (a new required field once made a stale
 * 安全设置 page answer 400 on every save).
 */
export type SettingsPatch<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: SettingsPatch<T[K]> }
    : T;

/**
 * The body schema of a settings save: each field of `schema` optional at every depth, still
 * checked when sent (a wrong value is refused at once, naming the field). Defaults are taken off,
 * since a default would overwrite the stored value of a field the client did not send; rules
 * across fields are checked on the whole value once merged (`patchedSettings`).
 */
export function settingsPatchSchema<S extends z.ZodObject>(schema: S): z.ZodType<SettingsPatch<z.output<S>>> {
  return partialObject(schema) as unknown as z.ZodType<SettingsPatch<z.output<S>>>;
}

function partialObject(schema: z.ZodObject): z.ZodObject {
  return z.object(Object.fromEntries(Object.entries(schema.shape).map(([k, f]) => [k, partialField(f)])));
}

function partialField(field: z.ZodType): z.ZodType {
  let inner: z.ZodType = field;
  if (inner instanceof z.ZodDefault || inner instanceof z.ZodPrefault) inner = inner.unwrap() as z.ZodType;
  if (inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
  const nullable = inner instanceof z.ZodNullable;
  if (inner instanceof z.ZodNullable) inner = inner.unwrap() as z.ZodType;
  if (inner instanceof z.ZodObject) inner = partialObject(inner);
  if (nullable) inner = inner.nullable();
  const partial = inner.optional();
  return field.description ? partial.describe(field.description) : partial;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `sent` over `before`: an object is merged field by field, anything else (a value, a list,
 * null) replaces what was there; a field left out keeps the value before.
 */
export function mergePatch(before: unknown, sent: unknown): unknown {
  if (!isRecord(sent) || !isRecord(before)) return sent;
  const merged: Record<string, unknown> = { ...before };
  for (const [key, value] of Object.entries(sent)) {
    if (value !== undefined)
      merged[key] = Object.hasOwn(before, key) ? mergePatch(before[key], value) : value;
  }
  return merged;
}

/**
 * The settings to store: `sent` over the effective value `before`, checked whole by `schema`. A
 * value the merge leaves incomplete or inconsistent (a first save without a required address) is
 * refused, 400 VALIDATION_FAILED, with the same Chinese message as a wrong field in the body.
 */
export function patchedSettings<T>(schema: z.ZodType<T>, before: unknown, sent: unknown): T {
  const checked = schema.safeParse(mergePatch(before ?? {}, sent));
  if (checked.success) return checked.data;
  const fields = checked.error.issues.map((issue) => ({
    field: ['body', ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  return refuse('invalid', 'VALIDATION_FAILED', invalidFieldsMessage(fields), { fields });
}
