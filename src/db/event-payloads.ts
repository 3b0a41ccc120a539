import { z } from 'zod';
import { CONTACT_METHODS } from '../domain/citizen-contact.js';
import { URGENCIES } from '../domain/deadlines.js';
import { OFFICE_REQUESTS } from '../domain/office-decision.js';
import {
  CALLBACK_RESULTS,
  type EventPayloads,
  type EventType,
  REDO_REASONS,
  SOURCE_CHANNELS,
} from '../domain/workflow/index.js';

/**
 * The one checked reading of a timeline event's payload (work_order_events.payload, JSON):
 * a zod schema per event type, also the API's description of the timeline. Fields that older
 * rows lack are optional here though the rules always write them now; unknown fields are
 * dropped.
 */

const instant = z.string();
const optionalInstant = instant.nullable().optional();

/** A reply's content (domain ReplyContent). */
export const replyContentSchema = z.object({
  findings: z.string(),
  result: z.string(),
  basis: z.string(),
  unreasonableDemand: z.boolean(),
  explanation: z.string().nullable().optional(),
  issuer: z.string(),
  handlerName: z.string(),
  handlerPhone: z.string(),
  citizenContact: z
    .object({
      contactedAt: z.string(),
      method: z.enum(CONTACT_METHODS),
      contactedBy: z.string(),
      citizenResponse: z.string(),
    })
    .nullable()
    .optional(),
});

/** A reply as stored and shown (domain StoredReply): the content, and who replied how and when. */
export const storedReplySchema = replyContentSchema.extend({
  repliedAt: z.string(),
  replyingUnitId: z.number(),
  viaFax: z.boolean(),
  scanAttachmentId: z.number().optional().describe('传真代录：传真件扫描件'),
  issuerUserId: z.number().optional().describe('在系统中签发的领导账号'),
  signedOffAt: z.string().optional(),
  draftedBy: z.string().optional().describe('领导签发时，起草答复的联络员'),
  issuerScanAttachmentId: z.number().optional().describe('手填签发人时的签发件扫描件'),
});

/** An extension the lead unit asked for (domain PendingExtension). */
export const pendingExtensionSchema = z.object({
  requestedAt: instant,
  requestedBy: z.string(),
  requestedDeadline: instant,
  reason: z.string(),
  mainLeaderName: z.string(),
  scanAttachmentId: z.number(),
});

/** The watcher's marks: the deadline passed or near (older rows named it handleBy or signBy). */
const deadlineMark = z.object({
  deadline: instant.optional(),
  handleBy: instant.optional(),
  signBy: instant.optional(),
});
const opinion = z.object({ opinion: z.string() });
const optionalOpinion = z.object({ opinion: z.string().nullable().optional() });
const unit = z.object({ unitId: z.number() });
const late = z.boolean().describe('是否逾期');
/** A request category as named when the event happened. */
const categoryNamed = z.object({
  id: z.number(),
  level1: z.string(),
  level2: z.string(),
  level3: z.string(),
});

export const EVENT_PAYLOAD_SCHEMAS = {
  registered: z.object({
    channel: z.enum(SOURCE_CHANNELS).optional(),
    code: z.string().optional(),
    importedFrom: z.string().optional().describe('由市平台导出表导入：文件名'),
    importedRow: z.number().optional().describe('由市平台导出表导入：行号'),
  }),
  updated: z.object({}),
  attachment_added: z.object({
    attachmentId: z.number().optional(),
    fileName: z.string(),
    purpose: z.string(),
  }),
  dispatched: z.object({
    leadUnitId: z.number(),
    coUnitIds: z.array(z.number()),
    urgency: z.enum(URGENCIES),
    signBy: instant.nullable(),
    returnBy: optionalInstant,
    handleBy: instant.nullable(),
    coUnitBy: optionalInstant,
    clippedByCity: z.array(z.enum(['handle', 'sign', 'coUnit'])).optional(),
    note: z.string().nullable().optional(),
    category: categoryNamed.nullable().optional().describe('派发时为尚未分类的工单选择的诉求分类'),
  }),
  signed: z.object({ late }),
  return_requested: z.object({ reason: z.string(), suggestedUnit: z.string().optional() }),
  return_approved: optionalOpinion.extend({ dispatchBy: optionalInstant }),
  return_rejected: opinion,
  extension_requested: pendingExtensionSchema.partial({ scanAttachmentId: true, requestedAt: true }),
  extension_approved: optionalOpinion.extend({
    previousDeadline: optionalInstant,
    newDeadline: instant.optional(),
    /** Older rows: the new deadline under this name. */
    handleBy: instant.optional(),
    progressDueAt: optionalInstant,
  }),
  extension_rejected: opinion,
  extension_withdrawn: z.object({ reason: z.string() }),
  progress_reported: z.object({ content: z.string(), nextDueAt: optionalInstant }),
  co_signed: unit,
  co_opinion_given: unit.extend({ content: z.string(), late: late.optional() }),
  co_unit_silent: unit.extend({ deadline: optionalInstant }),
  co_unit_due_soon: unit.extend({ deadline: instant }),
  co_returned: unit.extend({ reason: z.string(), suggestedUnit: z.string().optional() }),
  co_unit_added: unit.extend({ coUnitBy: optionalInstant, note: z.string().nullable().optional() }),
  replied: z.object({ reply: storedReplySchema, late: late.optional() }),
  sign_off_requested: z.object({ reply: replyContentSchema, draftedBy: z.string() }),
  signed_off: z.object({ issuer: z.string(), draftedBy: z.string().optional() }),
  sign_off_sent_back: z.object({ comment: z.string(), draftedBy: z.string().optional() }),
  leader_read: z.object({ instruction: z.string().nullable().optional() }),
  fax_reply_recorded: z.object({
    reply: storedReplySchema,
    late: late.optional(),
    backdated: z
      .object({ recordedAt: instant, reason: z.string() })
      .nullable()
      .optional()
      .describe('补录：录入时刻与补录说明'),
  }),
  merge_received: z.object({ fromOrderId: z.number(), fromCode: z.string(), reason: z.string() }),
  review_accepted: optionalOpinion,
  redo_ordered: opinion.extend({ reasons: z.array(z.enum(REDO_REASONS)), handleBy: instant.optional() }),
  callback_recorded: z.object({ result: z.enum(CALLBACK_RESULTS), note: z.string().optional() }),
  closed: z.object({
    satisfaction: z.enum(CALLBACK_RESULTS).nullable().optional(),
    explanation: z.string().nullable().optional(),
  }),
  voided: z.object({ reason: z.string() }),
  merged: z.object({
    intoOrderId: z.number(),
    intoCode: z.string().optional().describe('并入的工单编号（2026-12-07 前的记录没有）'),
    reason: z.string(),
  }),
  linked_repeat: z.object({ repeatOfId: z.number(), repeatOfCode: z.string() }),
  reclassified: z.object({
    from: categoryNamed.nullable().describe('原来的诉求分类；null 为原来未分类'),
    to: categoryNamed.describe('改为的诉求分类'),
    reason: z.string().nullable().describe('修改原因（可不填）'),
  }),
  answered_on_spot: z.object({
    entryId: z.number(),
    versionId: z.number(),
    versionNo: z.number(),
    title: z.string(),
    sourceDocument: z.string(),
    answer: z.string(),
  }),
  cluster_raised: z.object({ clusterId: z.number(), place: z.string(), orderIds: z.array(z.number()) }),
  due_soon: deadlineMark,
  overdue: deadlineMark,
  sign_overdue: deadlineMark,
  dispatch_overdue: deadlineMark,
  decision_overdue: deadlineMark.extend({
    request: z
      .enum(OFFICE_REQUESTS)
      .optional()
      .describe('超时未审批的是哪项申请：extension 延期，return 回退（2026-12-07 前的记录没有）'),
  }),
  progress_missed: deadlineMark,
  urged: z.object({
    message: z.string(),
    auto: z.boolean(),
    urgeNo: z.number().optional(),
    unitId: z.number().nullable().optional(),
  }),
  urge_read: z.object({ urgeId: z.number() }),
  phone_supervised: z.object({
    calledAt: instant,
    callerName: z.string(),
    calleeName: z.string(),
    calleeUnitId: z.number(),
    summary: z.string(),
    promise: z.string(),
  }),
  escalated: z.object({ reason: z.string() }),
  supervision_finding: z.object({ findings: z.string(), measures: z.string() }),
  reported_to_leaders: z.object({ summary: z.string() }),
  supervision_concluded: z.object({ conclusion: z.string() }),
  on_site_supervised: unit.extend({
    visitId: z.number(),
    visitedAt: instant,
    place: z.string(),
    requirements: z.string(),
    dueOn: z.string().nullable(),
  }),
  tracking_started: unit.extend({
    trackingId: z.number(),
    reason: z.string(),
    checkpoints: z.array(z.string()),
  }),
  tracking_followed_up: unit.extend({
    trackingId: z.number(),
    followUpId: z.number(),
    checkpoint: z.string().nullable(),
    progress: z.string(),
  }),
  tracking_ended: unit.extend({ trackingId: z.number(), conclusion: z.string() }),
  city_supplemented: z.object({ content: z.string() }),
  city_cancel_requested: z.object({ reason: z.string() }),
  city_deadline_changed: z.object({
    previous: instant.nullable(),
    cityDeadline: instant,
    cityDeadlineText: z.string().optional(),
    reason: z.string().nullable().optional(),
  }),
  city_urged: z.object({ message: z.string() }),
  contact_revealed: z.object({ reason: z.string() }),
  confidential_changed: z.object({ confidential: z.boolean(), reason: z.string() }),
} satisfies Record<EventType, z.ZodType>;

type Schemas = typeof EVENT_PAYLOAD_SCHEMAS;

/** A payload as read back: what the rules write, less what older rows may lack. */
export type StoredEventPayloads = { [K in EventType]: z.output<Schemas[K]> };

/** An event as read back, keyed by its type. */
export type StoredEvent = { [K in EventType]: { type: K; payload: StoredEventPayloads[K] } }[EventType];

/** Every payload the rules write reads back through its schema (checked when compiling). */
type Unreadable = { [K in EventType]: EventPayloads[K] extends z.input<Schemas[K]> ? never : K }[EventType];
const everyWrittenPayloadReads: [Unreadable] extends [never] ? true : Unreadable = true;
void everyWrittenPayloadReads;

const isEventType = (type: string): type is EventType => Object.hasOwn(EVENT_PAYLOAD_SCHEMAS, type);

/**
 * Reads the payload of an event whose type the caller knows (e.g. it selected by type): it must
 * fit the type's schema (older shapes included); anything else is a corrupt row, refused loudly.
 */
export function readPayload<T extends EventType>(type: T, payload: string): StoredEventPayloads[T] {
  const parsed = EVENT_PAYLOAD_SCHEMAS[type].safeParse(JSON.parse(payload));
  if (!parsed.success) throw new Error(`工单事件「${type}」的内容无法读取：${parsed.error.message}`);
  // The schema for `type` produced this value; zod cannot carry that pairing through an index
  // by a generic key, so it is restated here, once.
  return parsed.data as StoredEventPayloads[T];
}

/** Reads one stored event, keyed by its type (which must be known). */
export function readEvent(type: string, payload: string): StoredEvent {
  if (!isEventType(type)) throw new Error(`未知的工单事件类型：${type}`);
  return storedEvent(type, readPayload(type, payload));
}

function storedEvent<T extends EventType>(type: T, payload: StoredEventPayloads[T]): StoredEvent {
  // As in the domain's eventOf: for any one T this is exactly that member of the union.
  return { type, payload } as StoredEvent;
}
