import { z } from 'zod';
import { type ListMark, listChangedSince, readListMark } from '../../db/repositories/list-changes.js';
import { orderScope } from '../../domain/policy.js';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../../server/context.js';
import type { StoredPages } from './stored-pages.js';
import type { PageToSend } from './stored-send.js';
import { listOrders } from './work-order.queries.js';
import { listResponse } from './work-order.responses.js';
import type { ListQuery } from './work-order.schemas.js';

/**
 * A list of orders as JSON text, served from `lists` when the same viewer asked the same list
 * within its stable time and no order it could hold has changed since it was built (one small
 * read, db/repositories/list-changes.ts); else built, stored and sent. A list whose filters
 * compare the clock (due soon, overdue, this week…) is never stored: time alone moves orders in
 * and out of it.
 *
 * The mark is read before the list's own statements, so a stored list shows at least what the
 * mark saw, and anything written after the mark, or while the list was being read, counts as a
 * change at the next request.
 */
export async function orderListJson(
  ctx: AppContext,
  lists: StoredPages<ListMark>,
  actor: Actor,
  query: ListQuery,
): Promise<PageToSend<ListMark>> {
  const db = ctx.db.kysely;
  const scope = orderScope(actor);
  const unitId = scope.kind === 'unit' ? scope.unitId : null;
  const [escalation, { calendar, stamp: calendarStamp }, settings] = await Promise.all([
    ctx.settings.escalationRule(),
    ctx.calendar.current(),
    ctx.settings.timeLimits(),
  ]);
  // The sign-for status (待签收) is read on the calendar with the time limits: a list stored under
  // one calendar or one due-soon threshold is not served under another.
  const key = [
    actor.userId,
    actor.unitId,
    actor.roles.join(','),
    JSON.stringify(escalation),
    calendarStamp,
    JSON.stringify(settings),
    JSON.stringify(query),
  ].join('|');
  const now = ctx.clock.now();
  const storable = scope.kind !== 'none';
  const stored = storable ? lists.get(key, now.getTime()) : undefined;
  if (stored && !(await listChangedSince(ctx.db, stored.mark, unitId)))
    return { entry: stored, store: lists };
  const mark = storable ? await readListMark(db) : undefined;
  const list = await listOrders(
    db,
    actor,
    query,
    now,
    escalation,
    { calendar, settings },
    ctx.config.SEARCH_COUNT_CAP,
  );
  const body = JSON.stringify(
    z.encode(listResponse, {
      items: list.items,
      total: list.total,
      totalCapped: list.totalCapped,
      ...(list.relaxedTo ? { relaxedTo: list.relaxedTo } : {}),
      page: query.page,
      pageSize: query.pageSize,
    }),
  );
  const entry =
    mark && !list.readsClock ? lists.put(key, { body, mark }, now.getTime(), list.stableUntil) : undefined;
  return entry ? { entry, store: lists } : { entry: undefined, body };
}
