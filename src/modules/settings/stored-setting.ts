import type { z } from 'zod';

/** Says which stored setting was unreadable and what is used instead (the server's warnings). */
export type SettingWarn = (message: string) => void;

/** To the server's standard error, as Node's warnings go: «(node:…) [HUIYIN_SETTING_INVALID] Warning: …». */
export const warnInvalidSetting: SettingWarn = (message) =>
  process.emitWarning(message, { code: 'HUIYIN_SETTING_INVALID' });

const fieldsOf = (stored: unknown): Record<string, unknown> =>
  stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};

/**
 * The setting in effect for a stored value: the defaults under what is stored. Values are only
 * stored through the checked saves, but a row edited in the database (or written by an older
 * version) must not answer 500 on every page that reads it — the security settings are read on
 * every request. So a field that does not pass its own check takes its default, and a whole that
 * still fails (fields that contradict each other) is the defaults; each time with a warning that
 * names the setting and the fields. Saving the setting from its page writes a valid one again.
 */
export function storedOrDefaults<S extends z.ZodObject, T extends z.infer<S>>(
  key: string,
  schema: S,
  defaults: T,
  stored: unknown,
  warn: SettingWarn = warnInvalidSetting,
): T {
  const fields = fieldsOf(stored);
  const whole = schema.safeParse({ ...defaults, ...fields });
  if (whole.success) return whole.data as T;
  const dropped = Object.keys(schema.shape).filter(
    (name) => name in fields && !schema.shape[name]?.safeParse(fields[name]).success,
  );
  const kept = Object.fromEntries(
    Object.keys(schema.shape).map((name) => [
      name,
      dropped.includes(name) || !(name in fields) ? defaults[name as keyof T] : fields[name],
    ]),
  );
  const repaired = schema.safeParse(kept);
  if (repaired.success && dropped.length > 0) {
    warn(`设置「${key}」中的 ${dropped.join('、')} 无效，已按默认值执行；请在设置页重新保存。`);
    return repaired.data as T;
  }
  warn(`设置「${key}」无效，已按全部默认值执行；请在设置页重新保存。`);
  return defaults;
}

/** A stored setting's text as JSON; text that is not JSON reads as nothing saved, with a warning. */
export function parsedSetting(
  key: string,
  text: string | undefined,
  warn: SettingWarn = warnInvalidSetting,
): unknown {
  if (text === undefined) return null;
  try {
    return JSON.parse(text);
  } catch {
    warn(`设置「${key}」不是有效的 JSON，已按默认值执行；请在设置页重新保存。`);
    return null;
  }
}
