import type { CreateTableBuilder, Kysely } from 'kysely';

/**
 * The city link's inbound half: machine clients with hashed keys (several per client while a
 * rotation overlaps), the record of their calls, the nonces a signed request used (replay is
 * refused), the first answer to each idempotency key (a resend gets it back), and which orders
 * came in through Open311.
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const withId = <T extends string>(t: CreateTableBuilder<T, never>) =>
    dialect === 'postgres'
      ? t.addColumn('id', 'serial', (c) => c.primaryKey())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  await withId(db.schema.createTable('api_clients'))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('require_signature', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await withId(db.schema.createTable('api_client_keys'))
    .addColumn('client_id', 'integer', (c) => c.notNull().references('api_clients.id'))
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('key_prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .execute();

  await withId(db.schema.createTable('api_client_calls'))
    .addColumn('client_id', 'integer', (c) => c.notNull().references('api_clients.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('error_code', 'text')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('api_client_calls_client_at')
    .on('api_client_calls')
    .columns(['client_id', 'at'])
    .execute();

  await db.schema
    .createTable('api_nonces')
    .addColumn('client_id', 'integer', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('api_nonces_pk', ['client_id', 'nonce'])
    .execute();

  await db.schema
    .createTable('idempotency_records')
    .addColumn('client_id', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_records_pk', ['client_id', 'key'])
    .execute();

  // Orders third parties submitted through Open311: only these are listed back to them.
  await db.schema
    .createTable('open311_requests')
    .addColumn('order_id', 'integer', (c) => c.primaryKey().references('work_orders.id'))
    .addColumn('client_id', 'integer', (c) => c.notNull().references('api_clients.id'))
    .addColumn('lat', 'double precision')
    .addColumn('long', 'double precision')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
