import { type Role, UNIT_ROLES } from './roles.js';

/**
 * Rules of signing in (等保 2.0 身份鉴别): what a password must be, when an account locks, who
 * needs a second factor, how long a session lives. Pure: the service supplies the clock, the
 * settings and the list of common passwords.
 */

export const USERNAME_MAX = 64;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

/** An account locks after this many failures within the window, for the rest of the window. */
export const LOCKOUT = { failures: 5, windowMinutes: 15 } as const;

/**
 * Where the lockout's window starts: failures after this moment count. Wrong passwords at the
 * sign-in and wrong current passwords asked again in a session (changing the password, replacing
 * or turning off the second factor) count together, per account.
 */
export function lockoutWindowStart(now: Date): Date {
  return new Date(now.getTime() - LOCKOUT.windowMinutes * 60_000);
}

/**
 * How long after a password change a change that names the password it replaced is taken for one
 * sent with it (a double click, a second window of the same session) rather than a wrong guess.
 */
export const CHANGED_MEANWHILE_MINUTES = 10;

/**
 * Whether a password change whose current password is wrong may have raced an earlier change:
 * the password was changed within the last few minutes, since the session asking began (a change
 * ends every other session, so only this one can still be asking). The caller then checks the
 * password given against the one replaced, and answers 「changed meanwhile」 instead of counting a
 * failure towards the lockout.
 */
export function mayHaveRacedChange(passwordSetAt: string, sessionCreatedAt: string, now: Date): boolean {
  const setAt = Date.parse(passwordSetAt);
  return (
    // At the same instant as the session's start counts as after it: a clock read once per request.
    setAt >= Date.parse(sessionCreatedAt) &&
    setAt <= now.getTime() &&
    now.getTime() - setAt <= CHANGED_MEANWHILE_MINUTES * 60_000
  );
}

/** Whether this many failures within the window lock the account. */
export function lockedBy(failures: number): boolean {
  return failures >= LOCKOUT.failures;
}

const CLASSES: readonly [RegExp, string][] = [
  [/[a-z]/, '小写字母'],
  [/[A-Z]/, '大写字母'],
  [/[0-9]/, '数字'],
  // Anything else counts as a symbol, full-width punctuation (，。！) included.
  [/[^a-zA-Z0-9]/, '符号'],
];

/** Why a new password is refused (in Chinese), or null when it is acceptable. */
export function passwordProblem(
  password: string,
  username: string,
  common: ReadonlySet<string>,
): string | null {
  if (password.length < PASSWORD_MIN) return `密码至少 ${PASSWORD_MIN} 位。`;
  if (password.length > PASSWORD_MAX) return `密码最多 ${PASSWORD_MAX} 位。`;
  const classes = CLASSES.filter(([re]) => re.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类。';
  const lower = password.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && lower.includes(name)) return '密码不能包含用户名。';
  if (common.has(lower)) return '这个密码太常见，容易被猜中，请换一个。';
  return null;
}

/** Roles that must sign in with a second factor when the setting asks for it (office, supervision, leaders, administrators). */
export const TOTP_ROLES: readonly Role[] = [
  'dispatcher',
  'reviewer',
  'supervisor',
  'county_leader',
  'admin',
  'security_admin',
  'auditor',
];

export interface SecuritySettings {
  /** Second factor required for TOTP_ROLES. */
  totpRequired: boolean;
  /**
   * Second factor required for the units' people too (UNIT_ROLES): liaisons, leaders. Off unless
   * the security administrator turns it on, so an upgrade does not stop township liaisons, who
   * often work on a phone without an authenticator yet, from signing for orders on the day.
   */
  totpRequiredForUnits: boolean;
  /** A session unused this long ends. */
  idleMinutes: number;
  /** A session ends this long after the login, used or not. */
  absoluteHours: number;
  /** Attachments a unit may store in total. */
  unitUploadQuotaMb: number;
  /** A password chosen this many days ago must be changed before anything else; 0: never. */
  passwordMaxAgeDays: number;
  /** A new password may equal none of the user's last this many (the current one included). */
  passwordHistory: number;
}

export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = {
  totpRequired: true,
  totpRequiredForUnits: false,
  idleMinutes: 30,
  absoluteHours: 12,
  unitUploadQuotaMb: 2048,
  passwordMaxAgeDays: 90,
  passwordHistory: 5,
};

/**
 * 口令定期更换 (等保 2.0 身份鉴别): the maximum age is 0 (never) or within these days; less than a
 * month makes people write passwords down, more than half a year is not 定期.
 */
export const PASSWORD_MAX_AGE_DAYS = { min: 30, max: 180 } as const;
/** How many of the last passwords may not come back (each is one scrypt check at a change). */
export const PASSWORD_HISTORY = { min: 1, max: 24 } as const;
/** Within this many days of the end of its age, the app says how many days a password has left. */
export const PASSWORD_EXPIRY_WARNING_DAYS = 7;

const DAY_MS = 86_400_000;

/**
 * Whole days left before a password set at `setAt` must be changed (started days count: 0.5 day
 * left is 1); 0 when its age is over; null when passwords do not expire.
 */
export function passwordDaysLeft(setAt: string, now: Date, settings: SecuritySettings): number | null {
  if (settings.passwordMaxAgeDays === 0) return null;
  const left = Date.parse(setAt) + settings.passwordMaxAgeDays * DAY_MS - now.getTime();
  return left <= 0 ? 0 : Math.ceil(left / DAY_MS);
}

/** Whether a user holding `roles` must sign in with a second factor: each switch covers its own roles. */
export function requiresTotp(roles: readonly Role[], settings: SecuritySettings): boolean {
  return (
    (settings.totpRequired && roles.some((r) => TOTP_ROLES.includes(r))) ||
    (settings.totpRequiredForUnits && roles.some((r) => UNIT_ROLES.includes(r)))
  );
}

/**
 * What a user must do before using the system: change a one-time password (first login, after a
 * reset) or one past its maximum age (then `passwordExpired`), enrol the second factor.
 */
export function pendingSteps(
  user: {
    roles: readonly Role[];
    mustChangePassword: boolean;
    totpEnabled: boolean;
    passwordSetAt: string;
  },
  settings: SecuritySettings,
  now: Date,
): { mustChangePassword: boolean; passwordExpired: boolean; mustEnrolTotp: boolean } {
  const passwordExpired =
    !user.mustChangePassword && passwordDaysLeft(user.passwordSetAt, now, settings) === 0;
  return {
    mustChangePassword: user.mustChangePassword || passwordExpired,
    passwordExpired,
    mustEnrolTotp: !user.totpEnabled && requiresTotp(user.roles, settings),
  };
}

/** Why a new password is refused for being one of the user's recent ones. */
export function passwordReusedProblem(history: number): string {
  return `新密码不能与最近使用过的 ${history} 个密码（含当前密码）相同，请换一个。`;
}

/** Whether a session is still alive: used within the idle limit and younger than the absolute one. */
export function sessionAlive(
  session: { createdAt: string; lastSeenAt: string },
  now: Date,
  settings: SecuritySettings,
): boolean {
  const t = now.getTime();
  return (
    t - Date.parse(session.lastSeenAt) < settings.idleMinutes * 60_000 &&
    t - Date.parse(session.createdAt) < settings.absoluteHours * 3_600_000
  );
}
