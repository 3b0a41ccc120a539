import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { hashPassword } from '../../modules/auth/password.js';
import type { DemoUnit, DemoUser } from './demo-county.js';

/**
 * Writes units (with their registration forms) and users. All users given here share one
 * password, hashed once: demo and test accounts, meant to be changed in a real installation.
 */
export async function seedOrganization(
  db: Kysely<Database>,
  units: DemoUnit[],
  users: DemoUser[],
  password: string,
  now: Date,
): Promise<Map<string, number>> {
  const at = now.toISOString();
  const ids = new Map<string, number>();
  for (const u of units) {
    const row = await db
      .insertInto('units')
      .values({
        code: u.code,
        name: u.name,
        kind: u.kind,
        remit: u.remit,
        active: 1,
        created_at: at,
        sign_off_mode: u.signOffMode ?? 'leader',
        synonyms: (u.synonyms ?? []).join('、'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(u.code, Number(row.id));
    if (u.registration) {
      const r = u.registration;
      await db
        .insertInto('unit_registrations')
        .values({
          unit_id: Number(row.id),
          leader_in_charge: JSON.stringify(r.leaderInCharge),
          liaison_a: JSON.stringify(r.liaisonA),
          liaison_b: JSON.stringify(r.liaisonB),
          remarks: r.remarks,
          filled_by: r.filledBy,
          filled_by_phone: r.filledByPhone,
          updated_at: at,
          updated_by: null,
        })
        .execute();
    }
  }
  const hash = await hashPassword(password);
  const rows = users.map((u) => ({
    username: u.username,
    name: u.name,
    unit_id: ids.get(u.unitCode) as number,
    roles: JSON.stringify(u.roles),
    phone: u.phone,
    password_hash: hash,
    active: 1,
    liaison_slot: u.username.endsWith('-a') ? 'A' : u.username.endsWith('-b') ? 'B' : null,
    created_at: at,
  }));
  for (let i = 0; i < rows.length; i += 50)
    await db
      .insertInto('users')
      .values(rows.slice(i, i + 50))
      .execute();
  return ids;
}
