import { z } from 'zod';
import {
  EVENT_PAYLOAD_SCHEMAS,
  pendingExtensionSchema,
  replyContentSchema,
  storedReplySchema,
} from '../../db/event-payloads.js';
import { URGENCIES } from '../../domain/deadlines.js';
import { CAPABILITIES } from '../../domain/policy.js';
import {
  ACTIONS,
  CALLBACK_RESULTS,
  EVENT_TYPES,
  type EventType,
  ORDER_STATES,
  ORDER_TYPES,
  SIGN_OFF_MODES,
  SOURCE_CHANNELS,
} from '../../domain/workflow/index.js';

// What the work-order API answers: counts, a list's rows, an order's page. What it is asked
// (registrations, actions, a list's filters) is in work-order.schemas.ts.

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
  urgency: z.enum(URGENCIES),
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
