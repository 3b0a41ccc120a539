import type { Kysely, Transaction } from 'kysely';
import { parseRoles, UserRepository } from '../../db/repositories/user.repository.js';
import type { Database } from '../../db/schema.js';
import type { Audience } from '../../domain/notification-policy.js';
import { type Role, UNIT_ROLES } from '../../domain/roles.js';

type Executor = Kysely<Database> | Transaction<Database>;

export interface Recipient {
  id: number;
  name: string;
  phone: string;
  email: string | null;
}

/** Whether a user is marked away on `today` (Shanghai date). */
export const isAway = (u: { away_from: string | null; away_until: string | null }, today: string) =>
  u.away_from !== null && u.away_from <= today && (u.away_until === null || today <= u.away_until);

/**
 * The people an audience means today. For a unit: liaison A and the leaders in charge; liaison
 * B too when asked, or when A is away or the unit has no A. Units without slots set get every
 * liaison, so nobody is silently left out.
 */
export async function resolveAudience(db: Executor, audience: Audience, today: string): Promise<Recipient[]> {
  // The office's people by role: the repository keeps only those holding it.
  if (audience.kind === 'role') return new UserRepository(db).activeRecipients(null, audience.role);
  const users = await new UserRepository(db).activeRecipients(audience.unitId);
  const withRoles = users.map((u) => ({ ...u, roleList: parseRoles(u.roles) }));
  if (audience.kind === 'unitLeaders') {
    const roles: Role[] = audience.mainOnly ? ['unit_main_leader'] : ['unit_leader', 'unit_main_leader'];
    return withRoles.filter((u) => u.roleList.some((r) => roles.includes(r)));
  }
  const liaisons = withRoles.filter((u) => u.roleList.includes('unit_liaison'));
  const a = liaisons.filter((u) => u.liaison_slot === 'A');
  const b = liaisons.filter((u) => u.liaison_slot === 'B');
  const aPresent = a.filter((u) => !isAway(u, today));
  const needB = audience.includeB || aPresent.length === 0;
  const chosen =
    a.length === 0 && b.length === 0
      ? liaisons
      : [...aPresent, ...(needB ? b.filter((u) => !isAway(u, today)) : [])];
  const leaders = withRoles.filter((u) => u.roleList.includes('unit_leader'));
  const byId = new Map(
    [...chosen, ...leaders]
      .filter((u) => u.roleList.some((r) => UNIT_ROLES.includes(r)))
      .map((u) => [u.id, u]),
  );
  return [...byId.values()];
}
