import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';
import type { CityBulletinRow, CityBulletinUnitRow } from '../schema-supervision.js';

type Executor = Kysely<Database> | Transaction<Database>;

export interface CityBulletinWrite {
  number: string;
  title: string;
  issuedOn: string;
  issuer: string;
  matter: string;
  orderIds: number[];
  units: Array<{ unitId: number; measure: string | null; note: string; decidedBy: string }>;
}

export type NamedUnitRow = CityBulletinUnitRow & { unit_name: string };
export type LinkedOrderRow = { bulletin_id: number; order_id: number; code: string; title: string };

/** 被市政府通报: a bulletin with the orders it names and the units concerned (one aggregate). */
export class CityBulletinRepository {
  constructor(private readonly db: Executor) {}

  transaction<T>(work: (repo: CityBulletinRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return (this.db as Kysely<Database>)
      .transaction()
      .execute((trx) => work(new CityBulletinRepository(trx), trx));
  }

  /** Bulletins newest first; with `unitId`, only those naming that unit. */
  list(unitId?: number): Promise<CityBulletinRow[]> {
    let q = this.db
      .selectFrom('city_bulletins')
      .selectAll()
      .orderBy('issued_on', 'desc')
      .orderBy('id', 'desc');
    if (unitId !== undefined)
      q = q.where('id', 'in', (eb) =>
        eb.selectFrom('city_bulletin_units').select('bulletin_id').where('unit_id', '=', unitId),
      );
    return q.execute();
  }

  get(id: number): Promise<CityBulletinRow | undefined> {
    return this.db.selectFrom('city_bulletins').selectAll().where('id', '=', id).executeTakeFirst();
  }

  unitsOf(ids: number[]): Promise<NamedUnitRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('city_bulletin_units as b')
      .innerJoin('units as u', 'u.id', 'b.unit_id')
      .selectAll('b')
      .select('u.name as unit_name')
      .where('b.bulletin_id', 'in', ids)
      .orderBy('u.id')
      .execute();
  }

  ordersOf(ids: number[]): Promise<LinkedOrderRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('city_bulletin_orders as b')
      .innerJoin('work_orders as o', 'o.id', 'b.order_id')
      .select(['b.bulletin_id', 'b.order_id', 'o.code', 'o.title'])
      .where('b.bulletin_id', 'in', ids)
      .orderBy('o.id')
      .execute();
  }

  /** Order ids by county code and by city order number, for the codes given (already normalised). */
  async orderIdsByCode(codes: string[]): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    if (codes.length === 0) return found;
    const rows = await this.db
      .selectFrom('work_orders')
      .select(['id', 'code', 'city_order_no'])
      .where((eb) => eb.or([eb('code', 'in', codes), eb('city_order_no', 'in', codes)]))
      .execute();
    for (const r of rows) {
      found.set(r.code.toUpperCase(), r.id);
      if (r.city_order_no) found.set(r.city_order_no.toUpperCase(), r.id);
    }
    return found;
  }

  async unitIds(): Promise<Set<number>> {
    const rows = await this.db
      .selectFrom('units')
      .select('id')
      .where('kind', 'in', ['department', 'township'])
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  async insert(b: CityBulletinWrite, by: { userId: number; name: string }, at: string): Promise<number> {
    const row = await this.db
      .insertInto('city_bulletins')
      .values({
        number: b.number,
        title: b.title,
        issued_on: b.issuedOn,
        issuer: b.issuer,
        matter: b.matter,
        recorded_by: by.userId,
        recorded_by_name: by.name,
        recorded_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    await this.writeParts(id, b);
    return id;
  }

  /** Replaces the bulletin if it is still the version the user saw; false when someone was first. */
  async update(id: number, expectedVersion: number, b: CityBulletinWrite, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('city_bulletins')
      .set({
        number: b.number,
        title: b.title,
        issued_on: b.issuedOn,
        issuer: b.issuer,
        matter: b.matter,
        updated_at: at,
        version: expectedVersion + 1,
      })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await this.db.deleteFrom('city_bulletin_orders').where('bulletin_id', '=', id).execute();
    await this.db.deleteFrom('city_bulletin_units').where('bulletin_id', '=', id).execute();
    await this.writeParts(id, b);
    return true;
  }

  private async writeParts(id: number, b: CityBulletinWrite) {
    if (b.orderIds.length > 0)
      await this.db
        .insertInto('city_bulletin_orders')
        .values(b.orderIds.map((orderId) => ({ bulletin_id: id, order_id: orderId })))
        .execute();
    await this.db
      .insertInto('city_bulletin_units')
      .values(
        b.units.map((u) => ({
          bulletin_id: id,
          unit_id: u.unitId,
          issued_on: b.issuedOn,
          measure: u.measure,
          note: u.note,
          decided_by: u.decidedBy,
        })),
      )
      .execute();
  }

  /** Every unit named in a bulletin issued between the dates (inclusive), for the figures. */
  namedUnits(
    from: string,
    to: string,
  ): Promise<Array<{ issued_on: string; unit_id: number; measure: string | null }>> {
    return this.db
      .selectFrom('city_bulletin_units')
      .select(['issued_on', 'unit_id', 'measure'])
      .where('issued_on', '>=', from)
      .where('issued_on', '<=', to)
      .execute();
  }
}
