import { z } from 'zod';

import { ORDER_STATES } from '../../domain/workflow/index.js';
import { filled, isoInstant, text } from '../../server/schemas.js';
import { registerBody } from '../work-orders/work-order.schemas.js';

/** An order as the city platform sends it down (the county's register form minus what only the office decides). */
export const cityOrderBody = registerBody
  .pick({
    citizenName: true,
    citizenPhone: true,
    citizenAddress: true,
    categoryId: true,
    type: true,
    title: true,
    content: true,
    cityDeadline: true,
  })
  .extend({
    cityOrderNo: text(40).min(1, '请填写市平台工单编号'),
    urgency: z.enum(['normal', 'urgent']).default('normal'),
    needsCitizenReply: z.boolean().default(true),
    categoryPath: text(120)
      .optional()
      .describe(
        '诉求分类的名称路径（如「城乡建设/物业管理/电梯故障」，或能唯一确定的末级名称）；与 categoryId 二选一',
      ),
  });
export type CityOrderPayload = z.input<typeof cityOrderBody>;

/** What the city gets back for an order: enough to find it again and see where it is. */
export const cityOrderAnswer = z.object({
  id: z.number(),
  code: z.string().describe('县级工单编号'),
  cityOrderNo: z.string(),
  state: z.enum(ORDER_STATES),
  duplicate: z.boolean().describe('此市平台工单此前已登记（重复下发）'),
});
export type CityOrderAnswer = z.infer<typeof cityOrderAnswer>;

/** A change the city makes to an order it sent. */
export const cityUpdateBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('supplement'), content: filled(4000, 2, '请填写补充内容') }),
  z.object({ kind: z.literal('cancel'), reason: filled(1000, 2, '请填写撤单原因') }),
  z.object({ kind: z.literal('deadline'), cityDeadline: isoInstant, reason: text(1000).default('') }),
  z.object({ kind: z.literal('urge'), message: filled(1000, 2, '请填写催办内容') }),
]);
export type CityUpdatePayload = z.input<typeof cityUpdateBody>;

export const cityUpdateAnswer = z.object({
  orderId: z.number(),
  code: z.string(),
  cityOrderNo: z.string(),
  kind: z.enum(['supplement', 'cancel', 'deadline', 'urge']),
  recordedAt: z.string().describe('记入工单时间线的时刻'),
});
export type CityUpdateAnswer = z.infer<typeof cityUpdateAnswer>;

export const cityOrderNoParams = z.object({ cityOrderNo: text(40).min(1) });

/** The Idempotency-Key header: optional; printable, up to 200 characters. */
export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[\x21-\x7e]+$/, '幂等键只能由可见的 ASCII 字符组成')
    .optional(),
});
