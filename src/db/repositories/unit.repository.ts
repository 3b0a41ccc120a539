import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import { FINAL_STATES } from '../../domain/workflow/states.js';
import type { Database, UnitRegistrationsTable, UnitsTable } from '../schema.js';

/** Units and their registration forms (登记表). */
export class UnitRepository {
  constructor(private readonly db: Kysely<Database>) {}

  with(db: Kysely<Database>): UnitRepository {
    return new UnitRepository(db);
  }

  /** Whether any unit exists (a database not yet set up has none). */
  async any(): Promise<boolean> {
    return (await this.db.selectFrom('units').select('id').limit(1).executeTakeFirst()) !== undefined;
  }

  /** Every unit's id and name. */
  names() {
    return this.db.selectFrom('units').select(['id', 'name']).execute();
  }

  find(id: number) {
    return this.db
      .selectFrom('units')
      .select(['id', 'name', 'kind', 'active', 'sign_off_mode', 'synonyms', 'version'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async setSignOffMode(id: number, mode: string): Promise<void> {
    await this.db.updateTable('units').set({ sign_off_mode: mode }).where('id', '=', id).execute();
  }

  /** False when `expected` is given and the unit is no longer at that version (edited meanwhile). */
  async setSynonyms(id: number, synonyms: readonly string[], expected?: number): Promise<boolean> {
    return this.update(id, { synonyms: synonyms.join('、') }, expected);
  }

  /** The units that handle orders (departments and townships), by id; active ones only if asked. */
  handling(activeOnly = false) {
    let q = this.db
      .selectFrom('units')
      .select(['id', 'name'])
      .where('kind', 'in', ['department', 'township'])
      .orderBy('id');
    if (activeOnly) q = q.where('active', '=', 1);
    return q.execute();
  }

  /** Units with their registration form's columns (null when none is filed), by kind then id. */
  withRegistrations(id?: number) {
    let q = this.db
      .selectFrom('units')
      .leftJoin('unit_registrations as r', 'r.unit_id', 'units.id')
      .selectAll('units')
      .select([
        'r.leader_in_charge',
        'r.liaison_a',
        'r.liaison_b',
        'r.remarks',
        'r.filled_by',
        'r.filled_by_phone',
        'r.updated_at as reg_updated_at',
        'r.scan_attachment_id',
      ])
      .orderBy('units.kind')
      .orderBy('units.id');
    if (id) q = q.where('units.id', '=', id);
    return q.execute();
  }

  /** Another unit with this code or this name, if any. */
  async clash(code: string, name: string, exceptId?: number): Promise<boolean> {
    let q = this.db
      .selectFrom('units')
      .select('id')
      .where((eb) => eb.or([eb('code', '=', code), eb('name', '=', name)]));
    if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  /** The id of the first unit of a kind (the county hotline office), or undefined. */
  async firstOfKind(kind: string): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('units')
      .select('id')
      .where('kind', '=', kind)
      .orderBy('id')
      .executeTakeFirst();
    return row?.id;
  }

  async insert(unit: Insertable<UnitsTable>): Promise<number> {
    const row = await this.db.insertInto('units').values(unit).returning('id').executeTakeFirstOrThrow();
    return Number(row.id);
  }

  /** The fields the office edits, as stored (for the audit entry's "before"). */
  editable(id: number) {
    return this.db
      .selectFrom('units')
      .select(['code', 'name', 'kind', 'remit', 'active', 'version'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /**
   * What a unit still has to do: the open orders it leads, or co-handles without having given its
   * opinion (a co-unit whose opinion is in has nothing left). How many, and the first codes.
   */
  async openParts(unitId: number): Promise<{ count: number; codes: string[] }> {
    const parts = this.db
      .selectFrom('work_order_units as wou')
      .innerJoin('work_orders', 'work_orders.id', 'wou.order_id')
      .where('wou.unit_id', '=', unitId)
      .where('wou.active', '=', 1)
      .where('wou.returned_at', 'is', null)
      .where('work_orders.state', 'not in', [...FINAL_STATES])
      .where((w) => w.or([w('wou.role', '=', 'lead'), w('wou.opinion_at', 'is', null)]));
    const counted = await parts.select((e) => e.fn.countAll<number | string>().as('n')).executeTakeFirst();
    const first = await parts.select('work_orders.code').orderBy('work_orders.code').limit(3).execute();
    return { count: Number(counted?.n ?? 0), codes: first.map((r) => r.code) };
  }

  /**
   * Every edit raises the unit's version; with `expected` (the version a form was opened on) the
   * edit is written only over that version. False when nothing was written.
   */
  async update(id: number, unit: Updateable<UnitsTable>, expected?: number): Promise<boolean> {
    let q = this.db
      .updateTable('units')
      .set({ ...unit, version: sql`version + 1` })
      .where('id', '=', id);
    if (expected !== undefined) q = q.where('version', '=', expected);
    return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
  }

  registration(unitId: number) {
    return this.db
      .selectFrom('unit_registrations')
      .selectAll()
      .where('unit_id', '=', unitId)
      .executeTakeFirst();
  }

  /** Files the unit's registration form, replacing the one filed before. */
  async saveRegistration(
    unitId: number,
    form: Omit<Insertable<UnitRegistrationsTable>, 'unit_id'>,
  ): Promise<void> {
    await this.db
      .insertInto('unit_registrations')
      .values({ unit_id: unitId, ...form })
      .onConflict((oc) => oc.column('unit_id').doUpdateSet(form))
      .execute();
  }
}
