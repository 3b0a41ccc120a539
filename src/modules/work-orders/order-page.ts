import { z } from 'zod';
import { currentPageStamp } from '../../db/repositories/work-order.whole.js';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../../server/context.js';
import { pageStableUntil } from './page-stability.js';
import type { StoredPages } from './stored-pages.js';
import type { PageToSend } from './stored-send.js';
import { detailOf } from './work-order.detail.js';
import { detailResponse } from './work-order.responses.js';
import type { WorkOrderService } from './work-order.service.js';

/**
 * An order's page as JSON text, served from `pages` when one built from the same order stamps,
 * for the same viewer, calendar and settings, is still inside its stable time; else built,
 * stored and sent. The stamp is read first, so a page stored under it was built from that state
 * or a later one: never older than its key says. Between two commits the stamp is read once.
 */
export async function orderPageJson(
  ctx: AppContext,
  service: WorkOrderService,
  pages: StoredPages,
  id: number,
  actor: Actor,
): Promise<PageToSend<undefined>> {
  const stamp = await currentPageStamp(ctx.db, id);
  const [{ calendar, stamp: calendarStamp }, limits, escalation] = await Promise.all([
    ctx.calendar.current(),
    ctx.settings.timeLimits(),
    ctx.settings.escalationRule(),
  ]);
  const key = [
    id,
    stamp,
    actor.userId,
    actor.unitId,
    actor.roles.join(','),
    actor.name,
    calendarStamp,
    JSON.stringify(limits),
    JSON.stringify(escalation),
  ].join('|');
  const now = ctx.clock.now();
  const stored = stamp === undefined ? undefined : pages.get(key, now.getTime());
  if (stored) return { entry: stored, store: pages };
  // Refuses (404) an order that is not there or that the actor may not see: nothing is stored then.
  const visible = await service.loadWholeVisible(id, actor);
  const body = JSON.stringify(z.encode(detailResponse, await detailOf(ctx, visible, actor, now)));
  const entry =
    stamp === undefined
      ? undefined
      : pages.put(
          key,
          { body, mark: undefined },
          now.getTime(),
          pageStableUntil(visible.whole.row, now, calendar, limits),
        );
  return entry ? { entry, store: pages } : { entry: undefined, body };
}
