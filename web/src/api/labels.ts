/**
 * Chinese names for the server's codes. The workflow's and roles' names come from the domain
 * modules themselves (pure data, bundled into the app), so the two can never disagree; the
 * rest are names only the app shows.
 */

export { CONTACT_METHOD_LABELS } from '../../../src/domain/citizen-contact';
export { CITY_STATUS_LABELS } from '../../../src/domain/city-link';
export { OFFICE_REQUEST_LABELS } from '../../../src/domain/office-decision';
export { RELATIVE_PERIOD_LABELS as PERIOD_LABELS } from '../../../src/domain/relative-period';
export { ROLE_LABELS } from '../../../src/domain/roles';
/** 「城乡建设 / 市政设施 / 路灯」: a request category as every screen and message names it. */
export { categoryPath } from '../../../src/domain/workflow/classification';
export { EVENT_LABELS } from '../../../src/domain/workflow/decision';
export {
  CALLBACK_LABELS,
  ORDER_TYPE_LABELS as TYPE_LABELS,
  REDO_REASON_LABELS,
  SOURCE_LABELS as CHANNEL_LABELS,
  STATE_LABELS,
  URGENCY_LABELS,
} from '../../../src/domain/workflow/states';
export { ACTION_LABELS } from '../../../src/domain/workflow/transitions';

export { STATE_COLORS } from '../features/orders/badges';

export const ATTACHMENT_PURPOSE_LABELS: Record<string, string> = {
  material: '工单材料',
  extension_scan: '延期申请扫描件',
  fax_reply: '传真答复件',
  signed_reply: '签发件扫描件',
  registration_scan: '登记表扫描件',
  photo: '现场照片',
  other: '其他',
};

export const DAY_KIND_LABELS = {
  workday: '工作日',
  weekend: '周末',
  holiday: '节假日',
  makeup: '调休上班',
} as const;

export const options = <K extends string>(labels: Record<K, string>) =>
  (Object.entries(labels) as Array<[K, string]>).map(([value, label]) => ({ value, label }));
