import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/connection.js';

/**
 * No answer leaves before the writes committed ahead of it are on disk (`Db.durable`): an
 * acknowledged registration, reply or review survives a power cut. Every answer waits, not only
 * those of requests that wrote, so nothing a client is shown can vanish either. On PostgreSQL,
 * and on SQLite when nothing is waiting to be synced, an answer goes on at once.
 */
export function registerDurableAnswers(app: FastifyInstance, db: Db): void {
  app.addHook('onSend', (_request, _reply, payload, done) => {
    if (!db.writesPending()) return done(null, payload);
    db.durable().then(
      () => done(null, payload),
      (error: Error) => done(error),
    );
  });
}
