import { z } from 'zod';

import { ORDER_SORTS } from '../../db/repositories/work-order-list.repository.js';
import { URGENCIES } from '../../domain/deadlines.js';
import { RELATIVE_PERIODS } from '../../domain/relative-period.js';
import { CONTACT_METHODS } from '../../domain/reply-standard.js';
import {
  type ACTIONS,
  CALLBACK_RESULTS,
  ORDER_STATES,
  ORDER_TYPES,
  REDO_REASONS,
  SOURCE_CHANNELS,
} from '../../domain/workflow/index.js';
import { filled, isoInstant, phoneText, text } from '../../server/schemas.js';

// What the work-order API is asked: a registration, each action's body, a list's and a count's
// filters. What it answers is in work-order.responses.ts.

const urgency = z.enum(URGENCIES);

export const registerBody = z.object({
  channel: z.enum(SOURCE_CHANNELS),
  cityOrderNo: text(40).min(1).optional().nullable(),
  citizenName: filled(40, 1, '请填写来电人姓名（可填“匿名”）'),
  citizenPhone: phoneText,
  citizenAddress: text(200).default(''),
  townshipUnitId: z.number().int().positive().optional().nullable(),
  categoryId: z.number().int().positive().optional().nullable(),
  type: z.enum(ORDER_TYPES),
  title: filled(60, 4, '标题至少 4 个字'),
  content: filled(4000, 10, '诉求内容至少 10 个字'),
  urgency: urgency.default('normal'),
  leaderInstruction: text(1000).optional().nullable(),
  needsCitizenReply: z.boolean(),
  cityDeadline: isoInstant.optional().nullable(),
  confidential: z.boolean().default(false).describe('来电人要求保密：承办单位看不到其姓名、电话和地址'),
});
export type RegisterInput = z.infer<typeof registerBody>;

/** A registration's own key, so a request sent again after its answer was lost registers nothing twice. */
export const registerHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,100}$/, '请求编号（Idempotency-Key）须为 8–100 个字母、数字、- 或 _')
    .optional(),
});

const version = z.number().int().positive().describe('提交时看到的工单版本号，用于发现并发修改');
const categoryId = z.number({ message: '请选择诉求分类' }).int().positive({ message: '请选择诉求分类' });

const citizenContact = z.object({
  // An empty time is a time not filled in, said so, not a malformed one.
  // Kept as UTC like every other instant (the city reads them in one form), whatever offset was typed.
  contactedAt: z
    .string()
    .min(1, '请填写答复群众的时间')
    .pipe(isoInstant)
    .transform((s) => new Date(s).toISOString()),
  method: z.enum(CONTACT_METHODS),
  contactedBy: text(40),
  citizenResponse: text(1000),
});

export const replyContent = z.object({
  findings: text(4000),
  result: text(4000),
  basis: text(2000),
  unreasonableDemand: z.boolean().default(false),
  explanation: text(2000).optional().nullable(),
  issuer: text(40),
  handlerName: text(40),
  // Two numbers as people write them: 「13912345678(微信同号)、0972-8521050」.
  handlerPhone: text(60),
  citizenContact: citizenContact.optional().nullable(),
});

/** The body of each workflow action; every one carries the version the user saw. */
export const ACTION_BODIES = {
  dispatch: z.object({
    version,
    leadUnitId: z.number().int().positive(),
    coUnitIds: z.array(z.number().int().positive()).max(20).default([]),
    urgency: urgency.optional(),
    leaderDeadline: isoInstant.optional().nullable(),
    note: text(500).optional(),
    categoryId: categoryId
      .optional()
      .nullable()
      .describe('诉求分类：工单登记时未分类的，派发时可一并选择（记入派发记录）；已有分类的须用改分类更正'),
  }),
  sign: z.object({ version }),
  requestReturn: z.object({ version, reason: text(1000), suggestedUnit: text(100) }),
  approveReturn: z.object({ version, opinion: text(1000).optional() }),
  rejectReturn: z.object({ version, opinion: text(1000) }),
  requestExtension: z.object({
    version,
    reason: text(2000),
    requestedDeadline: isoInstant,
    mainLeaderName: text(40),
    scanAttachmentId: z.number().int().positive({ message: '请上传主要负责人签字的延期申请扫描件' }),
  }),
  approveExtension: z.object({
    version,
    newDeadline: isoInstant.optional().nullable(),
    opinion: text(1000).optional(),
  }),
  rejectExtension: z.object({ version, opinion: text(1000) }),
  reportProgress: z.object({ version, content: text(4000) }),
  coSign: z.object({ version }),
  coOpinion: z.object({ version, content: text(4000) }),
  coReturn: z.object({ version, reason: text(1000), suggestedUnit: text(100) }),
  addCoUnit: z.object({ version, unitId: z.number().int().positive(), note: text(500).optional() }),
  reply: z.object({
    version,
    reply: replyContent,
    issuerScanAttachmentId: z
      .number()
      .int()
      .positive()
      .optional()
      .nullable()
      .describe('手填签发人的单位：作为「签发件扫描件」（signed_reply）上传的签发人签字答复件'),
  }),
  submitForSignOff: z.object({
    version,
    reply: replyContent.extend({
      issuer: text(40).default('').describe('不用填：签发人是签发领导本人的账号'),
    }),
  }),
  signOff: z.object({ version }),
  sendBackSignOff: z.object({ version, comment: text(1000) }),
  leaderRead: z.object({ version, instruction: text(1000).optional().nullable() }),
  recordFaxReply: z.object({
    version,
    reply: replyContent,
    scanAttachmentId: z.number().int().positive(),
    faxReceivedAt: isoInstant,
    backdateReason: text(500)
      .optional()
      .nullable()
      .describe('补录说明：传真收到 24 小时后才录入，或收到在办理期限前、录入在期限后时必填'),
  }),
  acceptReview: z.object({ version, opinion: text(1000).optional() }),
  orderRedo: z.object({ version, reasons: z.array(z.enum(REDO_REASONS)).max(5), opinion: text(2000) }),
  callback: z.object({ version, result: z.enum(CALLBACK_RESULTS), note: text(2000).default('') }),
  close: z.object({
    version,
    explanation: text(2000).optional(),
    beyondPolicy: z
      .boolean()
      .optional()
      .describe('回访不满意时须为 true：热线办认定诉求超出政策规定或不合理，才能直接办结'),
  }),
  void: z.object({ version, reason: text(1000) }),
  merge: z.object({ version, intoCode: text(40).min(1, '请填写要合并到的工单编号'), reason: text(1000) }),
  linkRepeat: z.object({ version, repeatOfCode: text(40).min(1, '请填写所重复的工单编号') }),
  reclassify: z.object({
    version,
    categoryId: categoryId.describe('改为的诉求分类（三级分类的 id，须在用）'),
    reason: text(500).optional().nullable().describe('修改原因（可不填），记入流转记录'),
  }),
  answerOnSpot: z.object({
    version,
    knowledgeVersionId: z.number().int().positive({ message: '请选择所引用的知识条目' }),
    answer: text(4000),
  }),
  urge: z.object({ version, message: text(1000) }),
  recordPhoneSupervision: z.object({
    version,
    calledAt: isoInstant,
    calleeName: text(40),
    calleeUnitId: z.number().int().positive(),
    summary: text(2000),
    promise: text(1000),
  }),
  escalate: z.object({ version, reason: text(2000) }),
  recordSupervisionFinding: z.object({ version, findings: text(4000), measures: text(2000) }),
  reportToLeaders: z.object({ version, summary: text(4000) }),
  concludeSupervision: z.object({ version, conclusion: text(4000) }),
} satisfies Record<(typeof ACTIONS)[number], z.ZodType>;

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)));

export const listQuery = z.object({
  state: csv(ORDER_STATES).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  role: z.enum(['lead', 'co']).optional(),
  toSign: z
    .enum(['1'])
    .optional()
    .describe('本单位尚未签收的工单：牵头待签收的，以及协办单位尚未协办签收的部分'),
  coPart: z
    .enum(['open'])
    .optional()
    .describe('本单位作为协办单位、已协办签收、尚未提出协办意见的工单（单位的「协办」队列）'),
  toRead: z
    .enum(['1'])
    .optional()
    .describe('待阅批：本单位牵头、仍在本单位办理的领导批示件和急件中，主要负责人尚未阅批的'),
  due: z.enum(['due_soon', 'overdue']).optional(),
  type: csv(ORDER_TYPES).optional(),
  urgency: csv(URGENCIES).optional(),
  channel: csv(SOURCE_CHANNELS).optional(),
  redo: z.enum(['1']).optional(),
  escalation: z
    .enum(['proposed', 'open', 'reported', 'concluded'])
    .optional()
    .describe('proposed：规则建议报专项督办；open：督办中；reported：已报告县领导；concluded：督办已办结'),
  pendingExtension: z.enum(['1']).optional().describe('有待审批的延期申请'),
  dispatch: z
    .enum(['due_soon', 'overdue'])
    .optional()
    .describe('待派发工单的分发时限：due_soon 即将超时，overdue 已超时（第一时间分发）'),
  progress: z.enum(['missed']).optional().describe('missed：延期后未按时报告办理进展（进展未报）'),
  decision: z
    .enum(['waiting', 'late'])
    .optional()
    .describe('单位的延期、回退申请待县热线办审批：waiting 全部待审批，late 已过审批时限（审批超时）'),
  townshipUnitId: z.coerce.number().int().positive().optional(),
  categoryId: z.coerce.number().int().positive().optional(),
  level1: z.string().trim().max(30).optional().describe('一级分类名称'),
  level2: z.string().trim().max(30).optional().describe('二级分类名称'),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  period: z
    .enum(RELATIVE_PERIODS)
    .optional()
    .describe(
      '登记时间，相对今天：today 今天、this_week 本周（周一起）、last_7_days 近 7 天、this_month 本月、last_30_days 近 30 天；与 from/to 同时给出时两者都须满足',
    ),
  // Full-width letters and digits as typed on a phone (５号楼, ＳＺ２０２６…) are the same as half-width
  // (only those: stored text keeps its full-width punctuation, which a search may quote).
  q: z
    .string()
    .trim()
    .max(50)
    .transform((s) => s.replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
    .optional(),
  sort: z
    .enum(ORDER_SORTS)
    .default('newest')
    .describe(
      'newest 最新登记在前；oldest 最早登记在前；deadline 办理期限最近在前；sign_deadline 签收期限最近在前（待签收）',
    ),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListQuery = z.infer<typeof listQuery>;

/** What a count may filter by: a list's filters without its order and page. */
const countFilter = listQuery.omit({ sort: true, page: true, pageSize: true });
export type CountFilter = z.infer<typeof countFilter>;

/** The most lists one request counts (a queue has up to ten tabs; the overview, a dozen figures). */
export const MAX_COUNTED_LISTS = 20;

export const countsQuery = z.object({
  queries: z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'queries 须为 JSON 数组，每项是一个列表的筛选条件' });
        return z.NEVER;
      }
    })
    .pipe(z.array(countFilter).min(1).max(MAX_COUNTED_LISTS))
    .describe(
      `JSON 数组，每项是一个列表的筛选条件（与工单列表的查询参数相同；sort、page、pageSize 不影响件数，给出也被忽略），最多 ${MAX_COUNTED_LISTS} 项；例如 [{"state":"pending_sign"},{"due":"overdue"}]`,
    ),
});
