import { z } from 'zod';
import { normalisePhone } from '../../domain/citizen-phone.js';
import { ORDER_TYPES } from '../../domain/workflow/index.js';
import { phoneText, text } from '../../server/schemas.js';

export const repeatProbeBody = z.object({
  phone: text(30, '电话号码不能超过 30 个字符')
    .overwrite((s) => normalisePhone(s))
    .default(''),
  address: text(200, '地址不能超过 200 个字').default(''),
  townshipUnitId: z.number('所属乡镇须为单位编号').int().positive().nullable().default(null),
  categoryId: z.number('诉求分类须为分类编号').int().positive().nullable().default(null),
  type: z.enum(ORDER_TYPES).default('complaint'),
  title: text(60, '标题不能超过 60 个字').default(''),
  content: text(4000, '诉求内容不能超过 4000 个字').default(''),
});

const unitRef = z.object({ id: z.number(), name: z.string() }).nullable();

/** An earlier order as the registration desk sees it beside the new one. */
const earlierOrder = z.object({
  id: z.number(),
  code: z.string(),
  title: z.string(),
  type: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  createdAt: z.string(),
  leadUnit: unitRef,
});

export const repeatsResponse = z.object({
  windowDays: z.number(),
  items: z.array(
    earlierOrder.extend({
      open: z.boolean(),
      reasons: z.array(z.enum(['phone', 'place', 'content'])),
      similarity: z.number(),
      sameMatter: z.boolean().describe('两者若都是投诉，后者计为重复投诉'),
    }),
  ),
  tookMs: z.number(),
});

export const callerHistoryQuery = z.object({
  phone: phoneText,
});

export const callerHistoryResponse = z.object({
  phone: z.string().describe('来电号码，按查看者的权限显示（承办单位看到遮盖后的号码）'),
  items: z.array(
    earlierOrder.extend({
      closedAt: z.string().nullable(),
      satisfaction: z.string().nullable(),
      satisfactionLabel: z.string().nullable(),
    }),
  ),
});
