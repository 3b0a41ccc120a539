/**
 * The shapes the server sends and accepts, as types only (the server's zod schemas and
 * domain modules are the source; nothing of the server is bundled into the app).
 */

import type { z } from 'zod';
import type { SecuritySettings } from '../../../src/domain/login-security';
import type {
  CitizenContact,
  ContactMethod,
  ReplyContent,
  ReplyProblem,
} from '../../../src/domain/reply-standard';
import type { Role, UnitKind } from '../../../src/domain/roles';
import type { TimeLimitSettings } from '../../../src/domain/time-limits';
import type {
  Action,
  CallbackResult,
  OrderState,
  OrderType,
  RedoReason,
  SourceChannel,
} from '../../../src/domain/workflow/index';
import type { EscalationRuleSettings } from '../../../src/domain/workflow/supervision';
import type { meSchema } from '../../../src/modules/auth/auth.routes';
import type {
  countsResponse,
  OrderDetail,
  OrderListItem,
} from '../../../src/modules/work-orders/work-order.responses';

export type {
  Action,
  CallbackResult,
  CitizenContact,
  ContactMethod,
  EscalationRuleSettings,
  OrderDetail,
  OrderListItem,
  OrderState,
  OrderType,
  RedoReason,
  ReplyContent,
  ReplyProblem,
  Role,
  SecuritySettings,
  SourceChannel,
  TimeLimitSettings,
  UnitKind,
};

export type Me = z.infer<typeof meSchema>;
/** How many orders each of several lists holds (`GET /api/work-orders/counts`). */
export type OrderCounts = z.infer<typeof countsResponse>;
export type { Capability } from '../../../src/domain/policy';
export type Urgency = 'normal' | 'urgent' | 'leader';
export type DeadlineStatus = 'ok' | 'due_soon' | 'overdue';
export type DeadlineReading = OrderDetail['deadlines']['handle'];
export type TimelineEvent = OrderDetail['timeline'][number];
export type Attachment = OrderDetail['attachments'][number];
export type Assignment = OrderDetail['assignments'][number];

export interface OrderList {
  items: OrderListItem[];
  /** For a keyword search, counted up to a cap: then `totalCapped` and `total` is the cap. */
  total: number;
  totalCapped?: boolean;
  /** Nothing held the search as typed: these are the orders holding each of these words. */
  relaxedTo?: string[];
  page: number;
  pageSize: number;
}

export interface DispatchPreview {
  signBy: string;
  returnBy: string;
  handleBy: string;
  coUnitBy: string;
  clippedByCity: string[];
  warning: string | null;
}

/** An extension waiting for the office, and a stored reply: typed by the API's schema. */
export type PendingExtension = NonNullable<OrderDetail['pendingExtension']>;
export type StoredReply = NonNullable<OrderDetail['reply']>;
/** A reply drafted for sign-off: the content, without who replied. */
export type DraftReply = NonNullable<OrderDetail['signOff']['draft']>['reply'];
/** What a reply card shows: a stored reply, or a draft with what is known of it. */
export type ShownReply = DraftReply & Partial<StoredReply>;

export interface RegistrationPerson {
  name: string;
  title: string;
  officePhone: string;
  mobile: string;
  fax: string;
}

export interface Registration {
  leaderInCharge: RegistrationPerson;
  liaisonA: RegistrationPerson;
  liaisonB: RegistrationPerson;
  remarks: string;
  filledBy: string;
  filledByPhone: string;
}

export type SignOffMode = 'leader' | 'typed';

export interface Unit {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  kindLabel: string;
  remit: string;
  active: boolean;
  registrationFiled: boolean;
  registration: Registration | null;
  registrationUpdatedAt: string | null;
  /** The stamped form's scan behind the latest filing. */
  registrationScanId: number | null;
  /** How the unit's replies are signed off, and its label (from the server). */
  signOffMode: SignOffMode;
  signOffModeLabel: string;
  /** The office's other words for the unit (「住建局」「房管」). */
  synonyms: string[];
  /** What unit pickers match typed text against (name, synonyms, their pinyin); see src/domain/search-match.ts. */
  searchText: string;
  /** Raised by every edit; an edit sends the version its form was opened on (409 when changed since). */
  version: number;
}

export type UnitInput = Pick<Unit, 'code' | 'name' | 'kind' | 'remit' | 'active'>;

export interface User {
  id: number;
  username: string;
  name: string;
  unitId: number;
  unitName: string;
  roles: Role[];
  roleLabels: string[];
  phone: string;
  email: string | null;
  active: boolean;
  liaisonSlot: 'A' | 'B' | null;
  awayFrom: string | null;
  awayUntil: string | null;
  awayNote: string | null;
  totpEnabled: boolean;
  /** Raised by every edit; an edit sends the version its form was opened on (409 when changed since). */
  version: number;
}

export type UserInput = Omit<User, 'id' | 'unitName' | 'roleLabels' | 'totpEnabled' | 'version'>;
/** A system-made initial password, in the one answer that gives it. */
export interface InitialPasswordAnswer {
  initialPassword: { password: string; expiresAt: string };
}

export interface Category {
  id: number;
  level1: string;
  level2: string;
  level3: string;
  active: boolean;
  /** The office's words for the category (「排水」 for 基础设施). */
  synonyms: string[];
  /** What pickers match typed text against (levels, synonyms, their pinyin); see src/domain/search-match.ts. */
  searchText: string;
  /** Raised by every edit; an edit sends the version its form was opened on (409 when changed since). */
  version: number;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup';
export interface CalendarDay {
  date: string;
  kind: DayKind;
  name: string | null;
  working: boolean;
}

export interface CalendarYears {
  years: Array<{ year: number; source: string; updatedAt: string }>;
  missing: number[];
  provisional: number[];
  warning: string | null;
}

export interface NamedDate {
  date: string;
  name: string;
}

export interface AuditEntry {
  id: number;
  seq: number | null;
  at: string;
  userId: number | null;
  username: string | null;
  action: string;
  actionLabel: string;
  target: string | null;
  detail: string;
  /** The account as it is named now; null for a failed sign-in with no such account. */
  account: { username: string; name: string } | null;
  before: unknown;
  after: unknown;
  /** What changed, field by field, in words (src/domain/audit-changes.ts). */
  changes: Array<{ field: string; label: string; before: string | null; after: string | null }>;
  ip: string | null;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  headSeq: number;
  firstBroken: { id: number; seq: number | null; at: string; reason: string } | null;
}

export interface UploadedAttachment {
  id: number;
  fileName: string;
  mimeType: string;
  size: number;
  purpose: string;
}

export interface Notification {
  id: number;
  orderId: number | null;
  kind: string;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export type Urge = OrderDetail['urges'][number];

export type AttachmentPurpose =
  | 'material'
  | 'extension_scan'
  | 'fax_reply'
  | 'signed_reply'
  | 'registration_scan'
  | 'photo'
  | 'other';

/** Filters of GET /api/work-orders, as they appear in the address bar. */
export interface OrderQuery {
  state?: string;
  unitId?: string;
  role?: 'lead' | 'co';
  /** The unit's own part not yet signed for, as lead or co-unit (待签收). */
  toSign?: '1';
  /** Leader-instructed and urgent orders the unit leads and holds, not yet read by its main leader (待阅批). */
  toRead?: '1';
  coPart?: 'open';
  due?: 'due_soon' | 'overdue';
  type?: string;
  urgency?: string;
  channel?: string;
  redo?: '1';
  escalation?: 'proposed' | 'open' | 'reported' | 'concluded';
  pendingExtension?: '1';
  /** The office's dispatch clock of undispatched orders (第一时间分发). */
  dispatch?: 'due_soon' | 'overdue';
  /** 进展未报: an extended order's progress report is overdue. */
  progress?: 'missed';
  /** A unit's request awaiting the office: all, or past the office's limit to decide (审批超时). */
  decision?: 'waiting' | 'late';
  level1?: string;
  level2?: string;
  categoryId?: string;
  townshipUnitId?: string;
  from?: string;
  to?: string;
  /** Registered in a period relative to today (本周, 近 7 天…): a saved view keeps the name, not dates. */
  period?: string;
  q?: string;
  sort?: 'newest' | 'oldest' | 'deadline' | 'sign_deadline';
  page?: string;
  pageSize?: string;
}

export interface UnitFigures {
  unitId: number;
  unitName: string;
  received: number;
  overdue: number;
  /** Absent in bulletins drafted before these were counted. */
  stillOverdue?: number;
  signLate?: number;
  coSilent?: number;
  redone: number;
  poorReplies: number;
  repeatedComplaints: number;
}

export interface Bulletin {
  id: number;
  number: string;
  title: string;
  periodFrom: string;
  periodTo: string;
  body: string;
  figures: { received?: number; closed?: number; overdue?: number; redone?: number; units?: UnitFigures[] };
  status: 'draft' | 'published';
  version: number;
  createdAt: string;
  publishedAt: string | null;
  /** Why the draft cannot be published yet (its period is not over, or it was drafted before it was). */
  publishProblem: string | null;
}
