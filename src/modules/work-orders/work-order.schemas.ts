import { z } from 'zod';

import {
  EVENT_PAYLOAD_SCHEMAS,
  pendingExtensionSchema,
  replyContentSchema,
  storedReplySchema,
} from '../../db/event-payloads.js';
import { ORDER_SORTS } from '../../db/repositories/work-order-list.repository.js';
import { CAPABILITIES } from '../../domain/policy.js';
import { RELATIVE_PERIODS } from '../../domain/relative-period.js';
import { CONTACT_METHODS } from '../../domain/reply-standard.js';
import {
  ACTIONS,
  CALLBACK_RESULTS,
  EVENT_TYPES,
  type EventType,
  ORDER_STATES,
  ORDER_TYPES,
  REDO_REASONS,
  SIGN_OFF_MODES,
  SOURCE_CHANNELS,
} from '../../domain/workflow/index.js';
import { filled, isoInstant, phoneText, text } from '../../server/schemas.js';

const urgency = z.enum(['normal', 'urgent', 'leader']);

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
  urgency: csv(['normal', 'urgent', 'leader'] as const).optional(),
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

export const countsResponse = z.object({
  counts: z
    .array(z.object({ total: z.number(), totalCapped: z.boolean() }))
    .describe('与 queries 一一对应的件数；关键词查询最多数到上限，totalCapped 为 true 时 total 是上限'),
});

/** A clock's reading: running comfortably, due soon (预警 / 即将超时), or past; null when it does not run. */
const clockStatus = z.enum(['ok', 'due_soon', 'overdue']).nullable();

const deadlineReading = z.object({
  at: z.string().nullable(),
  status: clockStatus,
  workingHoursLeft: z.number().nullable(),
  /** The clock counts natural hours (an urgent order's 24 hours), not working time. */
  naturalHours: z.boolean(),
});

export const listItem = z.object({
  id: z.number(),
  code: z.string(),
  title: z.string(),
  state: z.enum(ORDER_STATES),
  stateLabel: z.string(),
  type: z.enum(ORDER_TYPES),
  urgency: urgency,
  channel: z.enum(SOURCE_CHANNELS),
  citizenName: z.string().describe('来电人姓名；保密件对热线办以外显示「（保密）」'),
  confidential: z.boolean().describe('来电人要求保密'),
  leadUnit: z.object({ id: z.number(), name: z.string() }).nullable(),
  createdAt: z.string(),
  dispatchedAt: z.string().nullable(),
  signBy: z.string().nullable().describe('牵头单位的签收期限（派发时计算）'),
  signStatus: clockStatus.describe(
    '待签收时签收期限的状态：due_soon 即将超时，overdue 已超时；已签收或未派发时为 null',
  ),
  handleBy: z.string().nullable(),
  coUnitBy: z.string().nullable().describe('协办单位提出协办意见的期限'),
  coUnitStatus: clockStatus.describe('查看者本单位作为协办单位、尚未提意见时其协办意见期限的状态；否则 null'),
  deadlineStatus: clockStatus,
  dispatchBy: z
    .string()
    .nullable()
    .describe('县热线办的分发时限（自收到工单起；null 为本功能上线前登记的工单）'),
  dispatchStatus: clockStatus.describe('待派发时对分发时限的状态；已派发则为 null'),
  progressDueAt: z.string().nullable().describe('延期后下一次报告办理进展的期限（仍在单位办理时）'),
  progressMissed: z.boolean().describe('进展未报：已过报告进展的期限'),
  decision: z
    .object({
      requestedAt: z.string().describe('单位提出申请的时间'),
      decideBy: z.string().describe('县热线办的审批时限'),
      waitingHours: z.number().describe('已等待审批的小时数（自然小时，取整）'),
      late: z.boolean().describe('审批超时：已过县热线办的审批时限'),
    })
    .nullable()
    .describe('单位的延期或回退申请待县热线办审批时；期间办理期限届满不计单位超期'),
  redoCount: z.number(),
  returnCount: z.number().describe('承办单位回退、经县热线办同意的次数'),
  version: z.number(),
});

export const listResponse = z.object({
  items: z.array(listItem),
  total: z.number().describe('列表的件数；关键词查询最多数到上限（SEARCH_COUNT_CAP，默认 1000）'),
  totalCapped: z
    .boolean()
    .optional()
    .describe('关键词查询的结果多于上限：total 是上限而不是件数（显示为「1000 件以上」）'),
  relaxedTo: z
    .array(z.string())
    .optional()
    .describe(
      '一个词（如「拖欠工资」）没有找到时，按它拆成的词（「拖欠」「工资」）都含有的工单重查；给出这些词',
    ),
  page: z.number(),
  pageSize: z.number(),
});

/** A reply drafted for sign-off: the content without who replied (the issuer is empty until signed). */
const draftReply = replyContentSchema;
const storedReply = storedReplySchema;
const pendingExtension = pendingExtensionSchema;

const timelineEntry = <T extends EventType>(type: T) =>
  z.object({
    id: z.number(),
    type: z.literal(type),
    label: z.string(),
    at: z.string(),
    actorName: z.string(),
    actorUnitName: z.string().nullable(),
    fromState: z.string().nullable(),
    toState: z.string().nullable(),
    payload: EVENT_PAYLOAD_SCHEMAS[type],
  });
type TimelineEntrySchema = { [K in EventType]: ReturnType<typeof timelineEntry<K>> }[EventType];

/**
 * One timeline event: its payload's fields are described per event type (the web app reads
 * them typed, narrowing on `type`).
 */
const timelineEvent = z.discriminatedUnion(
  'type',
  // For each type the entry is the union's member of that type; `map` over the closed list
  // cannot say so per element.
  EVENT_TYPES.map((type) => timelineEntry(type)) as [TimelineEntrySchema, ...TimelineEntrySchema[]],
);

export const detailResponse = listItem.extend({
  cityOrderNo: z.string().nullable(),
  citizenPhone: z.string().describe('热线办看到完整号码；其他角色看到遮盖后的号码（138****1234）'),
  citizenAddress: z.string().describe('热线办看到完整地址；其他角色只看到乡镇、村或道路'),
  contactAccess: z
    .enum(['full', 'masked', 'hidden'])
    .describe('full：完整；masked：已遮盖（承办单位可说明理由后查看完整号码）；hidden：保密件，不显示身份'),
  township: z.object({ id: z.number(), name: z.string() }).nullable(),
  category: z
    .object({ id: z.number(), level1: z.string(), level2: z.string(), level3: z.string() })
    .nullable(),
  content: z.string(),
  leaderInstruction: z.string().nullable(),
  leaderDeadline: z.string().nullable(),
  needsCitizenReply: z.boolean(),
  cityDeadline: z.string().nullable(),
  deadlines: z.object({
    sign: deadlineReading,
    return: deadlineReading,
    handle: deadlineReading,
    coUnit: deadlineReading,
    dispatch: deadlineReading.describe('县热线办的分发时限（待派发时计时）'),
    progressReport: deadlineReading.describe('延期后下一次报告办理进展的期限'),
  }),
  counts: z.object({
    returns: z.number(),
    extensions: z.number(),
    redos: z.number(),
    callbacks: z.number(),
    urges: z.number(),
    phoneSupervisions: z.number(),
  }),
  supervision: z.object({
    escalatedAt: z.string().nullable(),
    reportedAt: z.string().nullable(),
    concludedAt: z.string().nullable(),
    /** Why the rules propose escalating this order now; empty when they do not. */
    proposedBecause: z.array(z.string()),
  }),
  urges: z.array(
    z.object({
      id: z.number(),
      unitId: z.number(),
      message: z.string(),
      auto: z.boolean(),
      createdAt: z.string(),
      readAt: z.string().nullable(),
    }),
  ),
  lastCallbackResult: z.enum(CALLBACK_RESULTS).nullable(),
  pendingExtension: pendingExtension.nullable(),
  reply: storedReply.nullable(),
  /** 签发: how the lead unit signs its replies off, and the draft waiting for a leader or sent back. */
  signOff: z.object({
    mode: z.enum(SIGN_OFF_MODES),
    draft: z
      .object({
        reply: draftReply,
        submittedAt: z.string(),
        submittedByName: z.string(),
        sentBack: z.object({ at: z.string(), byName: z.string(), comment: z.string() }).nullable(),
      })
      .nullable(),
  }),
  /** 阅批: whether the main leader must read the order before the reply, and who read it when. */
  leaderRead: z.object({
    required: z.boolean(),
    at: z.string().nullable(),
    byName: z.string().nullable(),
    instruction: z.string().nullable(),
  }),
  closedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
  mergedInto: z.object({ id: z.number(), code: z.string() }).nullable(),
  mergedOrders: z
    .array(
      z.object({
        id: z.number(),
        code: z.string(),
        cityOrderNo: z.string().nullable(),
        createdAt: z.string(),
        citizenName: z.string(),
        citizenPhone: z.string(),
        title: z.string(),
        content: z.string(),
      }),
    )
    .describe('合并到本工单的来电：其诉求由本工单一并办理答复（电话按查看者遮盖）'),
  assignments: z.array(
    z.object({
      unitId: z.number(),
      unitName: z.string(),
      role: z.enum(['lead', 'co']),
      active: z.boolean(),
      dispatchedAt: z.string(),
      signedAt: z.string().nullable(),
      opinionAt: z.string().nullable(),
      silent: z.boolean(),
    }),
  ),
  timeline: z.array(timelineEvent),
  attachments: z.array(
    z.object({
      id: z.number(),
      purpose: z.string(),
      fileName: z.string(),
      mimeType: z.string(),
      size: z.number(),
      uploadedAt: z.string(),
      uploadedByUnit: z.string().nullable(),
    }),
  ),
  allowedActions: z.array(z.enum(ACTIONS)),
  callbackShortfall: z
    .string()
    .nullable()
    .describe(
      '回访联系不上、回访次数还不够以「联系不上」办结时，为什么还不能办结（审核员看到）；否则为 null',
    ),
  /** What the user may do to this order besides workflow steps (attach, print, reveal the phone…). */
  abilities: z.array(z.enum(CAPABILITIES)),
});
export type OrderDetail = z.infer<typeof detailResponse>;
export type StoredReplyView = z.infer<typeof storedReply>;
export type PendingExtensionView = z.infer<typeof pendingExtension>;
export type OrderListItem = z.infer<typeof listItem>;
