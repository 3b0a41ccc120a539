import { maskNumbersInText } from './citizen-privacy.js';
import { formatDeadline } from './deadline-text.js';
import { OFFICE_REQUEST_LABELS } from './office-decision.js';
import type { EventType } from './workflow/decision.js';
import type { DecidedEvent, EventOf } from './workflow/event-payloads.js';
import { CALLBACK_LABELS } from './workflow/states.js';

/**
 * Who is told what when something happens to an order. The AB-role rule of the notice
 * (section 四): a unit's notices go to liaison A and the leader in charge; to liaison B as
 * well when A is away, or when the order was not signed for in time — both can then act.
 */
export type Audience =
  | { kind: 'unit'; unitId: number; includeB: boolean }
  /** A unit's leaders: both (签发) or only the main leader (阅批). */
  | { kind: 'unitLeaders'; unitId: number; mainOnly: boolean }
  | { kind: 'role'; role: 'dispatcher' | 'reviewer' | 'supervisor' | 'county_leader' };

export interface Notice {
  audience: Audience;
  kind: EventType | 'bulletin' | 'cluster';
  title: string;
  body: string;
}

export interface NoticeFacts {
  code: string;
  title: string;
  leadUnitId: number | null;
  coUnitIds: number[];
  /** The lead before the action, when the action took the order from it (an approved return). */
  previousLeadUnitId?: number | null;
}

const lead = (f: NoticeFacts, includeB = false): Audience[] =>
  f.leadUnitId ? [{ kind: 'unit', unitId: f.leadUnitId, includeB }] : [];
const leadLeaders = (f: NoticeFacts, mainOnly: boolean): Audience[] =>
  f.leadUnitId ? [{ kind: 'unitLeaders', unitId: f.leadUnitId, mainOnly }] : [];
const NEEDS_READING: Record<string, string> = { urgent: '急件', leader: '领导批示件' };

/**
 * The notices of events decided together. The deadline watcher records a warning or an overdue
 * mark with its automatic urge (系统催办); the unit is told once, in the mark's notice, that the
 * urge was counted, rather than twice in two notices that say the same thing. A co-unit whose
 * late opinion records its own lateness (协办超时) is not told it has "still not" given one: it
 * just has, and nothing is left for it to do (the timeline and the figures keep the lateness).
 */
export function noticesForAll(decided: DecidedEvent[], f: NoticeFacts): Notice[] {
  const opinions = decided.flatMap((e) => (e.type === 'co_opinion_given' ? [e.payload.unitId] : []));
  const events = decided.filter((e) => e.type !== 'co_unit_silent' || !opinions.includes(e.payload.unitId));
  const mark = events.some((e) => e.type === 'due_soon' || e.type === 'overdue');
  const autoUrge = events.find((e): e is EventOf<'urged'> => e.type === 'urged' && e.payload.auto);
  if (!mark || !autoUrge) return events.flatMap((e) => noticesFor(e, f));
  const counted = `已计系统催办第 ${autoUrge.payload.urgeNo} 次。`;
  return events.flatMap((e) => {
    if (e === autoUrge) return [];
    const notices = noticesFor(e, f);
    if (e.type !== 'due_soon' && e.type !== 'overdue') return notices;
    return notices.map((n) => ({ ...n, body: `${n.body}${counted}` }));
  });
}

export function noticesFor(event: DecidedEvent, f: NoticeFacts): Notice[] {
  const { type } = event;
  // Notices reach units, their leaders' phones and the WeCom/DingTalk groups: never a caller's
  // number typed into the title (an Open311 title is the citizen's own first words).
  const about = `工单 ${f.code}「${maskNumbersInText(f.title)}」`;
  const to = (audiences: Audience[], title: string, body: string): Notice[] =>
    audiences.map((audience) => ({ audience, kind: type, title, body }));
  switch (event.type) {
    case 'dispatched': {
      const reading = NEEDS_READING[event.payload.urgency];
      return [
        ...to(lead(f), '新工单待签收', `${about}已派发给本单位牵头办理，请及时签收。`),
        ...(reading
          ? to(
              leadLeaders(f, true),
              `${reading}待阅批`,
              `${about}是${reading}，请主要负责人亲自阅批；阅批后本单位才能提交答复。`,
            )
          : []),
        ...to(
          f.coUnitIds.map((unitId) => ({ kind: 'unit', unitId, includeB: false })),
          '新协办工单',
          `${about}需本单位协办，请签收并按时向牵头单位提交协办意见。`,
        ),
      ];
    }
    case 'sign_off_requested':
      return to(
        leadLeaders(f, false),
        '答复待签发',
        `${about}的答复已由 ${event.payload.draftedBy} 起草，请审核后签发，或写明意见退回修改。`,
      );
    case 'sign_off_sent_back':
      return to(lead(f), '答复被退回修改', `${about}的答复被单位领导退回修改：${event.payload.comment}`);
    case 'dispatch_overdue':
      return to(
        [{ kind: 'role', role: 'dispatcher' }],
        '工单分发超时',
        `${about}已过分发时限仍未派发，请立即派发。`,
      );
    case 'decision_overdue': {
      const request = event.payload.request;
      const what = request ? OFFICE_REQUEST_LABELS[request] : '单位申请（延期或回退）';
      return to(
        [{ kind: 'role', role: 'dispatcher' }],
        request ? `${what}审批超时` : '单位申请审批超时',
        `${about}的${what}已过审批时限（${formatDeadline(event.payload.deadline)}）仍未审批，请立即审批。`,
      );
    }
    case 'progress_missed':
      return to(
        lead(f, true),
        '延期工单进展未报',
        `${about}已延期，本单位未按时报告办理进展。请在工单页面「报告进展」中报告目前的办理进展。`,
      );
    case 'merge_received':
      return to(
        lead(f),
        '合并来电',
        `${about}合并了反映同一事项的来电 ${event.payload.fromCode}：请在工单页面「合并的来电」中查看该来电人的诉求，一并办理答复。`,
      );
    case 'sign_overdue':
      return to(lead(f, true), '工单超时未签收', `${about}已超过签收时限仍未签收，请 A、B 角立即签收办理。`);
    case 'due_soon':
      // The deadline itself, not "less than a day": the lead is a setting, and an urgent order's is hours.
      return to(
        lead(f),
        '工单即将到期（预警）',
        `${about}将于 ${formatDeadline(event.payload.deadline)} 到期，请抓紧办理并按时反馈。`,
      );
    case 'overdue':
      return to(
        lead(f, true),
        '工单已超期',
        `${about}已于 ${formatDeadline(event.payload.deadline)} 超过办理期限，请立即办结反馈。`,
      );
    case 'urged':
      return to(
        lead(f),
        event.payload.auto ? '系统催办' : '县热线办催办',
        `${about}：${event.payload.message}`,
      );
    case 'redo_ordered':
      return to(
        lead(f),
        '工单退回重办',
        `${about}被退回重办，须在 ${formatDeadline(event.payload.handleBy)} 前办结：${event.payload.opinion}`,
      );
    case 'return_approved':
      // The returning unit no longer sees the order: told it is taken back, so its old notice
      // (新工单待签收) is not the last word it has.
      return f.previousLeadUnitId && f.previousLeadUnitId !== f.leadUnitId
        ? to(
            [{ kind: 'unit', unitId: f.previousLeadUnitId, includeB: false }],
            '回退申请已同意',
            `${about}的回退申请已同意，工单已由县热线办收回另行派发，贵单位无须再办理。`,
          )
        : [];
    case 'return_rejected':
      return to(
        lead(f),
        '回退申请未获同意',
        `${about}的回退申请未获同意，请继续办理：${event.payload.opinion}`,
      );
    case 'extension_approved':
      return to(
        lead(f),
        '延期申请已同意',
        `${about}的延期申请已同意，办理期限延至 ${formatDeadline(event.payload.newDeadline)}${
          event.payload.progressDueAt
            ? `；请在 ${formatDeadline(event.payload.progressDueAt)} 前报告办理进展`
            : ''
        }。`,
      );
    case 'extension_rejected':
      return to(lead(f), '延期申请未获同意', `${about}的延期申请未获同意：${event.payload.opinion}`);
    case 'extension_withdrawn':
      // The office's 延期待批 list drops it by itself; nobody has anything to do.
      return [];
    case 'co_unit_silent':
      return typeof event.payload.unitId === 'number'
        ? to(
            [{ kind: 'unit', unitId: event.payload.unitId, includeB: true }],
            '协办意见已逾期',
            `${about}已过本单位的协办意见期限，仍未提交协办意见，已记为逾期。`,
          )
        : [];
    case 'co_unit_due_soon':
      // The co-unit's own deadline, as the lead's 预警 names the lead's (A, or B when A is away).
      return to(
        [{ kind: 'unit', unitId: event.payload.unitId, includeB: false }],
        '协办意见即将到期（预警）',
        `${about}的协办意见将于 ${formatDeadline(event.payload.deadline)} 到期，请及时向牵头单位提交协办意见。`,
      );
    case 'co_unit_added':
      return typeof event.payload.unitId === 'number'
        ? to(
            [{ kind: 'unit', unitId: event.payload.unitId, includeB: false }],
            '新协办工单',
            `${about}需本单位协办，请签收并按时向牵头单位提交协办意见。`,
          )
        : [];
    case 'co_returned':
      return to(
        [{ kind: 'role', role: 'dispatcher' }, ...lead(f)],
        '协办单位回退',
        `${about}的协办单位退回了协办部分：${event.payload.reason}；建议协办单位：${event.payload.suggestedUnit}`,
      );
    case 'return_requested':
      return to(
        [{ kind: 'role', role: 'dispatcher' }],
        '回退申请待审批',
        `${about}申请回退：${event.payload.reason}`,
      );
    case 'extension_requested':
      return to(
        [{ kind: 'role', role: 'dispatcher' }],
        '延期申请待审批',
        `${about}申请延期至 ${formatDeadline(event.payload.requestedDeadline)}：${event.payload.reason}`,
      );
    case 'replied':
    case 'fax_reply_recorded':
      return to([{ kind: 'role', role: 'reviewer' }], '答复待审核', `${about}已办结反馈，请审核。`);
    case 'callback_recorded':
      return event.payload.result === 'unsatisfied'
        ? to(lead(f), '回访群众不满意', `${about}回访结果：${CALLBACK_LABELS[event.payload.result]}。`)
        : [];
    case 'escalated':
      return [
        ...to(
          [{ kind: 'role', role: 'supervisor' }],
          '新的专项督办件',
          `${about}已报县委县政府督查室专项督办：${event.payload.reason}`,
        ),
        ...to(
          lead(f, true),
          '工单已报专项督办',
          `${about}因催办、电话督办后仍未办结，已报县委县政府督查室专项督办。`,
        ),
      ];
    case 'supervision_concluded':
      // Everyone the escalation told hears how it ended: the unit, the office, the county's leaders.
      return [
        ...to(
          lead(f, true),
          '专项督办已办结',
          `${about}的专项督办已由督查室办结：${event.payload.conclusion}`,
        ),
        ...to(
          [
            { kind: 'role', role: 'dispatcher' },
            { kind: 'role', role: 'county_leader' },
          ],
          '专项督办已办结',
          `${about}的专项督办已由督查室办结：${event.payload.conclusion}`,
        ),
      ];
    case 'reported_to_leaders':
      return to(
        [{ kind: 'role', role: 'county_leader' }],
        '专项督办情况报告',
        `${about}:${event.payload.summary}`,
      );
    case 'city_supplemented':
    case 'city_cancel_requested':
    case 'city_deadline_changed':
    case 'city_urged': {
      // The office always hears of what the city changes; the unit too once it has the order.
      const [title, detail] = cityNotice(event);
      const body = `${about}:${detail}`;
      return [...to(lead(f), title, body), ...to([{ kind: 'role', role: 'dispatcher' }], title, body)];
    }
    default:
      return [];
  }
}

type CityEvent = EventOf<
  'city_supplemented' | 'city_cancel_requested' | 'city_deadline_changed' | 'city_urged'
>;

function cityNotice(event: CityEvent): [string, string] {
  switch (event.type) {
    case 'city_supplemented':
      return ['市平台补充诉求', `群众补充：${event.payload.content}`];
    case 'city_cancel_requested':
      return ['市平台撤单', `市平台已撤销此工单：${event.payload.reason}。请热线办核实后作废。`];
    case 'city_deadline_changed':
      return [
        '市平台变更期限',
        `市平台办理期限改为 ${event.payload.cityDeadlineText}。${
          event.payload.countyDeadline
            ? `本工单的办理期限随之提前到 ${formatDeadline(event.payload.countyDeadline)}，请按新期限办结反馈。`
            : ''
        }`,
      ];
    default:
      return ['市平台催办', event.payload.message];
  }
}
