import type { Kysely } from 'kysely';
import { RegistrationRequestRepository } from '../db/repositories/registration-request.repository.js';
import { SessionRepository } from '../db/repositories/session.repository.js';
import type { Database } from '../db/schema.js';
import type { Clock } from '../server/clock.js';

/** How often the housekeeping runs. */
export const HOUSEKEEPING_EVERY_MS = 3_600_000;

/**
 * How long a registration's key is kept: a form is sent again within minutes of its lost answer,
 * so a week is ample, and the table stays a week's registrations long.
 */
export const REQUEST_KEYS_KEPT_DAYS = 7;

/**
 * Removes what has no use left: sessions past their absolute end (a request refuses them already)
 * and registration keys older than a week. Deleting twice is harmless, so every server process may
 * run it.
 */
export class Housekeeping {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async runOnce(): Promise<{ sessions: number; requestKeys: number }> {
    const now = this.clock.now();
    const sessions = await new SessionRepository(this.db).deleteEnded(now);
    const keysBefore = new Date(now.getTime() - REQUEST_KEYS_KEPT_DAYS * 86_400_000);
    const requestKeys = await new RegistrationRequestRepository(this.db).forgetBefore(keysBefore);
    return { sessions, requestKeys };
  }
}
