import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import type {
  ApiClientCallsTable,
  ApiClientKeyRow,
  ApiClientRow,
  ApiClientsTable,
  Database,
} from '../schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** A new client as the admin registers it (its id is the database's). */
export type NewApiClient = Omit<Insertable<ApiClientsTable>, 'id' | 'revoked_at'>;

/** One call a client made, as its record is written. */
export type ClientCall = Omit<Insertable<ApiClientCallsTable>, 'id'>;

/** Machine clients, their keys, their calls and the nonces of their signed requests. */
export class ApiClientRepository {
  constructor(private readonly db: Executor) {}

  with(trx: Transaction<Database>): ApiClientRepository {
    return new ApiClientRepository(trx);
  }

  list(): Promise<ApiClientRow[]> {
    return this.db.selectFrom('api_clients').selectAll().orderBy('id').execute();
  }

  findById(id: number): Promise<ApiClientRow | undefined> {
    return this.db.selectFrom('api_clients').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByName(name: string): Promise<ApiClientRow | undefined> {
    return this.db.selectFrom('api_clients').selectAll().where('name', '=', name).executeTakeFirst();
  }

  async insert(client: NewApiClient): Promise<number> {
    const row = await this.db
      .insertInto('api_clients')
      .values(client)
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async update(
    id: number,
    patch: Partial<Pick<ApiClientRow, 'scopes' | 'require_signature' | 'unit_id' | 'allowed_addresses'>>,
  ) {
    await this.db.updateTable('api_clients').set(patch).where('id', '=', id).execute();
  }

  async revoke(id: number, at: string): Promise<void> {
    await this.db
      .updateTable('api_clients')
      .set({ active: 0, revoked_at: at })
      .where('id', '=', id)
      .execute();
  }

  async addKey(clientId: number, keyHash: string, keyPrefix: string, at: string): Promise<void> {
    await this.db
      .insertInto('api_client_keys')
      .values({
        client_id: clientId,
        key_hash: keyHash,
        key_prefix: keyPrefix,
        created_at: at,
        expires_at: null,
      })
      .execute();
  }

  /** Ends the client's current keys at `until` (the rotation's overlap); earlier expiries stay. */
  async expireCurrentKeys(clientId: number, until: string): Promise<void> {
    await this.db
      .updateTable('api_client_keys')
      .set({ expires_at: until })
      .where('client_id', '=', clientId)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', until)]))
      .execute();
  }

  keysOf(clientId: number): Promise<ApiClientKeyRow[]> {
    return this.db
      .selectFrom('api_client_keys')
      .selectAll()
      .where('client_id', '=', clientId)
      .orderBy('id', 'desc')
      .execute();
  }

  /** The client of a key that is live at `now` (active client, key not expired). */
  findByKeyHash(keyHash: string, now: string) {
    return this.db
      .selectFrom('api_client_keys')
      .innerJoin('api_clients', 'api_clients.id', 'api_client_keys.client_id')
      .selectAll('api_clients')
      .select('api_client_keys.key_hash')
      .where('api_client_keys.key_hash', '=', keyHash)
      .where('api_clients.active', '=', 1)
      .where((eb) =>
        eb.or([eb('api_client_keys.expires_at', 'is', null), eb('api_client_keys.expires_at', '>', now)]),
      )
      .executeTakeFirst();
  }

  async recordCall(call: ClientCall): Promise<void> {
    await this.db.insertInto('api_client_calls').values(call).execute();
  }

  lastCalls(clientId: number, limit: number) {
    return this.db
      .selectFrom('api_client_calls')
      .selectAll()
      .where('client_id', '=', clientId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  /** Calls and failed calls (status ≥ 400) per client since `since`. */
  callStats(since: string) {
    return this.db
      .selectFrom('api_client_calls')
      .select((eb) => [
        'client_id',
        eb.fn.countAll<string | number>().as('calls'),
        eb.fn.sum<string | number>(sql`case when status >= 400 then 1 else 0 end`).as('errors'),
        eb.fn.max('at').as('last_at'),
      ])
      .where('at', '>=', since)
      .groupBy('client_id')
      .execute();
  }

  /** Claims a nonce; false when the client already used it (a replay). */
  async claimNonce(clientId: number, nonce: string, at: string): Promise<boolean> {
    const res = await this.db
      .insertInto('api_nonces')
      .values({ client_id: clientId, nonce, at })
      .onConflict((oc) => oc.columns(['client_id', 'nonce']).doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** Nonces older than the signature window can no longer be replayed (the timestamp check refuses them). */
  async forgetNoncesBefore(at: string): Promise<void> {
    await this.db.deleteFrom('api_nonces').where('at', '<', at).execute();
  }
}
