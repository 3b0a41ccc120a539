import { z } from 'zod';

import { KNOWLEDGE_KINDS, VERSION_STATUSES } from '../../domain/knowledge/entries.js';
import { isoDate, text as plainText } from '../../server/schemas.js';

const text = (max: number) => plainText(max, `不能超过 ${max} 个字`);
const entryVersion = z.number().int().positive().describe('看到的条目版本号（并发修改时返回 409）');

export const knowledgeContent = z.object({
  kind: z.enum(KNOWLEDGE_KINDS, { message: '请选择条目类型：政策文件、常见问题解答或标准解释口径' }),
  title: text(100),
  body: text(8000),
  keywords: z
    .array(z.string().trim().max(40, '关键词太长'))
    .max(100)
    .default([])
    .describe('群众常用、但标题和内容里没有的说法（如「吃低保」），按标题一样参与检索'),
  categoryId: z.number().int().positive().nullable().default(null),
  sourceDocument: text(200),
  sourceDate: isoDate,
  validFrom: isoDate,
  validUntil: isoDate.nullable().default(null),
});

export const proposeEntryBody = knowledgeContent.extend({
  ownerUnitId: z
    .number()
    .int()
    .positive()
    .nullable()
    .default(null)
    .describe('所属单位；单位提出时只能是本单位（省略即本单位）'),
});
export const proposeVersionBody = knowledgeContent.extend({ version: entryVersion });
export const approveBody = z.object({ version: entryVersion });
export const sendBackBody = z.object({ version: entryVersion, comment: text(1000) });

export const searchBody = z.object({
  text: text(8000).describe('工单的标题与诉求内容（登记时边输入边查）'),
  limit: z.number().int().min(1).max(20).default(5),
  relevant: z
    .boolean()
    .default(false)
    .describe(
      '只要相关的：文字须说到条目的事项（条目的群众说法之一，或标题中足够少见的事项词），且得分不低于其中最高分的一半（登记页面板；一件工单的长文本与几乎每个条目都有共同的常用词）',
    ),
});

export const listQuery = z.object({
  status: z.enum(VERSION_STATUSES).optional(),
  ownerUnitId: z.coerce.number().int().positive().optional(),
});

export const versionSchema = z.object({
  entryId: z.number(),
  versionId: z.number(),
  versionNo: z.number(),
  status: z.enum(VERSION_STATUSES),
  statusLabel: z.string(),
  isCurrent: z.boolean(),
  kind: z.enum(KNOWLEDGE_KINDS),
  kindLabel: z.string(),
  title: z.string(),
  body: z.string(),
  keywords: z.array(z.string()),
  categoryId: z.number().nullable(),
  sourceDocument: z.string(),
  sourceDate: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  ownerUnitId: z.number(),
  ownerUnitName: z.string(),
  proposedByName: z.string(),
  proposedAt: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionComment: z.string().nullable(),
  entryVersion: z.number(),
});

export const searchResponse = z.object({
  items: z.array(versionSchema.extend({ score: z.number().describe('BM25 相关度') })),
});
export const listResponse = z.object({ items: z.array(versionSchema), today: z.string() });
export const entryResponse = z.object({
  entryId: z.number(),
  versions: z.array(versionSchema),
  today: z.string(),
});
export const versionParams = z.object({ versionId: z.coerce.number().int().positive() });
