import { z } from 'zod';
import { normalisePhone } from '../domain/citizen-phone.js';
import { INVISIBLE, meaningfulLength } from '../domain/visible-text.js';

/** The body of every failure (see plugins/errors.ts). */
export const errorSchema = z.object({
  error: z.object({
    code: z.string().describe('稳定的错误代码，供程序判断'),
    message: z.string().describe('给用户看的中文说明'),
    details: z.unknown().optional(),
  }),
});

export const errorResponses = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
  422: errorSchema,
} as const;

export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const isoInstant = z.iso.datetime({
  offset: true,
  message: '时间须为 ISO 8601 格式，如 2026-03-02T09:00:00+08:00',
});
export const isoDate = z.iso.date('日期须为 YYYY-MM-DD 格式');

/** The single row a loader found by id (the caller has just written or checked it). */
export async function one<T>(load: (id: number) => Promise<T[]>, id: number): Promise<T> {
  const [row] = await load(id);
  if (!row) throw new Error(`row ${id} vanished`);
  return row;
}

/** A text field: trimmed, without invisible characters, at most `max` characters. */
export const text = (max: number, tooLong?: string) =>
  z
    .string()
    .overwrite((s) => s.replace(INVISIBLE, '').trim())
    .max(max, tooLong);

/** A required text field: at least `min` letters or digits (punctuation alone is not text). */
export const filled = (max: number, min: number, message: string, tooLong?: string) =>
  text(max, tooLong).refine((s) => meaningfulLength(s) >= min, { message });

/**
 * A caller's phone, however typed (full-width digits, spaces, +86, brackets round the area code),
 * kept in its one written form (domain/citizen-phone.ts) so that lookups by phone find it.
 */
export const phoneText = z
  .string()
  .overwrite((s) => normalisePhone(s))
  // Seven digits at least: a local landline. A five-digit service number (12345, 95598) is not a caller's.
  .regex(/^\+?\d[\d-]{6,19}$/, '电话号码格式不正确：请填写来电人的手机或座机号码');

/**
 * The version an edit form was opened on (units, accounts, categories): sent with the edit, which
 * is refused (409 VERSION_CONFLICT) when the row has changed since, instead of overwriting it.
 */
export const openedVersion = z
  .number()
  .int()
  .positive()
  .optional()
  .describe('打开表单时的版本号（version）；已被修改时拒绝，409 VERSION_CONFLICT');
