import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../../config.js';

/**
 * The audit chain's HMAC key: `AUDIT_KEY` (hex, at least 32 bytes) when set — keep it outside the
 * database, so someone who can write the database cannot re-seal an edited entry — otherwise a
 * random key kept in `AUDIT_KEY_FILE`, created on first use with owner-only permissions.
 */
export function resolveAuditKey(config: Pick<Config, 'AUDIT_KEY' | 'AUDIT_KEY_FILE'>): Buffer {
  if (config.AUDIT_KEY) return Buffer.from(config.AUDIT_KEY, 'hex');
  const file = config.AUDIT_KEY_FILE;
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process created it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}
