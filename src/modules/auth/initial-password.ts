import { randomInt } from 'node:crypto';
import { initialPasswordExpiresAt, newInitialPassword } from '../../domain/initial-password.js';
import { COMMON_PASSWORDS } from './common-passwords.js';
import { hashPassword } from './password.js';

export interface IssuedPassword {
  /** In clear, for the one answer or printout that shows it; never stored or logged. */
  password: string;
  /** What is stored. */
  hash: string;
  expiresAt: string;
}

/** A system-made initial password (domain/initial-password.ts) from the operating system's random source. */
export async function issueInitialPassword(username: string, now: Date): Promise<IssuedPassword> {
  const password = newInitialPassword(username, COMMON_PASSWORDS, (n) => randomInt(n));
  return {
    password,
    hash: await hashPassword(password),
    expiresAt: initialPasswordExpiresAt(now).toISOString(),
  };
}
