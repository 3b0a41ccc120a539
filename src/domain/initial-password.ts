import { passwordProblem } from './login-security.js';

/**
 * The first password of an account, and the one after an administrator's reset, is made by the
 * system, not typed by the administrator (等保 2.0 身份鉴别: nobody but the holder should know a
 * password in use). It is shown once to whoever issued it, to hand over; the holder must replace it
 * at the first sign-in, and it lapses if not replaced in time. Pure: the caller supplies the
 * randomness (a cryptographic source), the common passwords and the clock.
 */

/**
 * Upper-case letters and digits without the pairs misread on paper or over the phone (0/O, 1/I;
 * no lower case, so l never appears and nobody has to say which letters are capitals): 32 signs,
 * five bits each.
 */
export const INITIAL_PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** Four groups of four, read aloud group by group: 16 signs, 80 random bits. */
const GROUPS = 4;
const GROUP_LENGTH = 4;

/**
 * How long an initial password may wait to be replaced. Three days cover a password issued on a
 * Friday afternoon and handed over on Monday morning, and keep one written down or sent in a chat
 * from staying good for long; the security administrator issues another when it has lapsed.
 */
export const INITIAL_PASSWORD_VALID_HOURS = 72;

/**
 * A new initial password: groups of readable signs joined by hyphens, so it has upper-case
 * letters, digits and a symbol, and meets the password policy (drawn again in the rare case a
 * draw has no digit or no letter). `randomIndex(n)` is an unbiased random integer in [0, n).
 */
export function newInitialPassword(
  username: string,
  common: ReadonlySet<string>,
  randomIndex: (n: number) => number,
): string {
  for (;;) {
    const groups = Array.from({ length: GROUPS }, () =>
      Array.from({ length: GROUP_LENGTH }, () =>
        INITIAL_PASSWORD_ALPHABET.charAt(randomIndex(INITIAL_PASSWORD_ALPHABET.length)),
      ).join(''),
    );
    const password = groups.join('-');
    if (!passwordProblem(password, username, common)) return password;
  }
}

/** When an initial password set at `setAt` lapses. */
export function initialPasswordExpiresAt(setAt: string | Date): Date {
  return new Date(new Date(setAt).getTime() + INITIAL_PASSWORD_VALID_HOURS * 3_600_000);
}

/** Whether an account's password is an initial one that has lapsed unreplaced. */
export function initialPasswordLapsed(
  account: { mustChangePassword: boolean; passwordSetAt: string },
  now: Date,
): boolean {
  return account.mustChangePassword && now >= initialPasswordExpiresAt(account.passwordSetAt);
}

/** The refusal's words at the sign-in. */
export const INITIAL_PASSWORD_LAPSED_MESSAGE = `初始密码已过期：系统生成的初始密码须在 ${INITIAL_PASSWORD_VALID_HOURS} 小时内登录并修改。请联系安全管理员重新生成初始密码。`;
