import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { IdempotencyRepository, isUniqueViolation } from '../../db/repositories/idempotency.repository.js';
import type { Database } from '../../db/schema.js';
import { refuse } from '../../domain/refusal.js';
import type { AppContext } from '../../server/context.js';

export interface Answer<T> {
  status: number;
  body: T;
  /** True when this is the stored first answer to an earlier request with the same key. */
  replayed: boolean;
}

/** SHA-256 of a value's JSON with keys sorted, so the same content always hashes the same. */
export function contentHash(value: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex');
}

const ATTEMPTS = 4;

/**
 * Does `work` at most once per (client, key): the key is claimed in the same transaction as
 * the work and the answer stored with it, so a resend gets the first answer, the same key with
 * other content is refused (422), and a request racing one in flight waits on the claim and
 * then reads the winner's answer. A unique violation inside `work` (another key creating the
 * same thing at the same moment) is retried: the retry sees what the other request made.
 */
export async function once<T>(
  ctx: AppContext,
  clientId: number,
  key: string,
  requestHash: string,
  work: (trx: Transaction<Database>) => Promise<{ status: number; body: T }>,
): Promise<Answer<T>> {
  const records = new IdempotencyRepository(ctx.db.kysely);
  for (let attempt = 1; ; attempt++) {
    const stored = await records.find(clientId, key);
    if (stored) {
      if (stored.requestHash !== requestHash) {
        refuse(
          'rule',
          'IDEMPOTENCY_KEY_REUSED',
          `幂等键 ${key} 已用于内容不同的另一次请求；同一个键只能用于重发完全相同的内容。`,
        );
      }
      return { status: stored.status, body: stored.response as T, replayed: true };
    }
    try {
      return await ctx.db.kysely.transaction().execute(async (trx) => {
        const inTrx = new IdempotencyRepository(trx);
        await inTrx.claim(clientId, key, requestHash, ctx.clock.now().toISOString());
        const answer = await work(trx);
        await inTrx.answer(clientId, key, answer.status, answer.body);
        return { ...answer, replayed: false };
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      if (attempt >= ATTEMPTS) {
        refuse('conflict', 'REQUEST_IN_FLIGHT', '同一请求正在处理中，请稍后用同一个幂等键重发。');
      }
    }
  }
}
