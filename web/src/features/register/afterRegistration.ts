import { ApiError } from '../../api/client';
import { ordersApi } from '../../api/orders';
import type { RepeatItem } from '../assistant/api';
import type { KnowledgeHit } from '../knowledge/api';

/** What the desk asked to do with an order once it is registered. */
export interface FollowUp {
  then: 'open' | 'dispatch';
  repeat?: { item: RepeatItem; how: 'merge' | 'link' };
  onSpot?: KnowledgeHit;
}

interface Say {
  success: (text: string) => void;
  error: (text: string) => void;
}

/**
 * The step asked for after a registration (answer on the spot, merge into an earlier order, link as
 * its repeat), and where to go next. The order exists whatever that step does: a refused step is
 * said with its reason and the new order is opened, never the form kept, where a second 登记
 * would register the matter twice.
 */
export async function afterRegistration(
  order: { id: number; code: string; version: number },
  { then, repeat, onSpot }: FollowUp,
  say: Say,
): Promise<string> {
  const own = `/orders/${order.id}`;
  const step = async (what: string, run: () => Promise<string>): Promise<string> => {
    try {
      return await run();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      say.error(`工单已登记，但没有${what}：${e.message}`);
      return own;
    }
  };
  if (onSpot)
    return step('直办答复（可在工单页面派发）', async () => {
      await ordersApi.act(order.id, 'answerOnSpot', {
        version: order.version,
        knowledgeVersionId: onSpot.versionId,
        answer: `依据《${onSpot.title}》（${onSpot.sourceDocument}）答复来电人：${onSpot.body}`,
      });
      say.success('已直办答复并办结');
      return own;
    });
  if (repeat?.how === 'merge')
    return step(`并入 ${repeat.item.code}`, async () => {
      await ordersApi.act(order.id, 'merge', {
        version: order.version,
        intoCode: repeat.item.code,
        reason: '同一事项重复反映，登记时并单',
      });
      say.success(`已并入工单 ${repeat.item.code}`);
      return `/orders/${repeat.item.id}`;
    });
  const next = then === 'dispatch' ? `${own}?action=dispatch` : own;
  if (repeat?.how === 'link')
    return step(`关联为 ${repeat.item.code} 的重复件`, async () => {
      await ordersApi.act(order.id, 'linkRepeat', { version: order.version, repeatOfCode: repeat.item.code });
      say.success(`已关联为 ${repeat.item.code} 的重复件`);
      return next;
    });
  return next;
}
