import type { Kysely } from 'kysely';
import { UnitRepository } from '../../db/repositories/unit.repository.js';
import { UserRepository } from '../../db/repositories/user.repository.js';
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
  const unitRepo = new UnitRepository(db);
  for (const u of units) {
    const id = await unitRepo.insert({
      code: u.code,
      name: u.name,
      kind: u.kind,
      remit: u.remit,
      active: 1,
      created_at: at,
      sign_off_mode: u.signOffMode ?? 'leader',
      synonyms: (u.synonyms ?? []).join('、'),
    });
    ids.set(u.code, id);
    if (u.registration) {
      const r = u.registration;
      await unitRepo.saveRegistration(id, {
        leader_in_charge: JSON.stringify(r.leaderInCharge),
        liaison_a: JSON.stringify(r.liaisonA),
        liaison_b: JSON.stringify(r.liaisonB),
        remarks: r.remarks,
        filled_by: r.filledBy,
        filled_by_phone: r.filledByPhone,
        updated_at: at,
        updated_by: null,
      });
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
    password_set_at: at,
    active: 1,
    liaison_slot: u.username.endsWith('-a') ? 'A' : u.username.endsWith('-b') ? 'B' : null,
    created_at: at,
  }));
  await new UserRepository(db).insertMany(rows);
  return ids;
}
