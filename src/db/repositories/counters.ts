import type { Kysely } from 'kysely';
import { KEPT_PREPARED } from '../pg-named-statements.js';
import type { Database } from '../schema.js';

/**
 * The next number of a named sequence, atomically: the counter's row is held until the
 * transaction ends, so numbers are given in turn, and a transaction that rolls back gives its
 * number back (no gaps). Orders' codes and bulletins' issue numbers.
 */
export async function nextInSequence(db: Kysely<Database>, name: string): Promise<number> {
  const row = await db
    .insertInto('counters')
    .values({ name, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
    .returning('value')
    .modifyEnd(KEPT_PREPARED)
    .executeTakeFirstOrThrow();
  return Number(row.value);
}
