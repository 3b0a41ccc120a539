import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';

/**
 * The raw limits: bare Fastify routes that do one plain insert, or read one row by id, through
 * the driver, with no sessions, validation, workflow or serialization. Bench-only, never part of
 * the product.
 */
const url = process.env.BENCH_DB_URL as string;
const schema = process.env.BENCH_DB_SCHEMA;

type Insert = (title: string, content: string) => Promise<number>;
type Row = { id: number; title: string; content: string; created_at: string } | undefined;
let insert: Insert;
let read: (id: number) => Promise<Row>;
let close: () => Promise<void>;
if (url.startsWith('postgres')) {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.PG_POOL_MAX ?? 10) });
  await pool.query(`create schema if not exists ${schema}`);
  await pool.query(`drop table if exists ${schema}.raw_inserts`);
  await pool.query(
    `create table ${schema}.raw_inserts (id serial primary key, title text not null, content text not null, created_at text not null)`,
  );
  insert = async (title, content) => {
    const r = await pool.query(
      `insert into ${schema}.raw_inserts (title, content, created_at) values ($1, $2, $3) returning id`,
      [title, content, new Date().toISOString()],
    );
    return r.rows[0].id as number;
  };
  read = async (id) =>
    (await pool.query(`select id, title, content, created_at from ${schema}.raw_inserts where id = $1`, [id]))
      .rows[0] as Row;
  close = () => pool.end();
} else {
  const db = new SQLite(url.replace(/^sqlite:/, ''));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('drop table if exists raw_inserts');
  db.exec(
    'create table raw_inserts (id integer primary key autoincrement, title text not null, content text not null, created_at text not null)',
  );
  const statement = db.prepare('insert into raw_inserts (title, content, created_at) values (?, ?, ?)');
  insert = async (title, content) =>
    Number(statement.run(title, content, new Date().toISOString()).lastInsertRowid);
  const byId = db.prepare('select id, title, content, created_at from raw_inserts where id = ?');
  read = async (id) => byId.get(id) as Row;
  close = async () => {
    db.close();
  };
}

const app = Fastify({ logger: false });
app.post<{ Body: { title: string; content: string } }>('/raw', async (request) => ({
  id: await insert(request.body.title, request.body.content),
}));
app.get<{ Params: { id: string } }>('/raw/:id', async (request, reply) => {
  const row = await read(Number(request.params.id));
  return row ?? reply.status(404).send({ error: 'not found' });
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
process.on('message', async () => {
  await app.close();
  await close();
  process.exit(0);
});
