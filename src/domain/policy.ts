import type { Actor, Role } from './roles.js';

/**
 * The one answer to "may this actor do this (to this subject)". Every route declares the
 * capability it needs, services ask `can(actor, capability, subject)` for subject-level rules,
 * and the actor's abilities travel with `/api/auth/me` and the order detail so the web app
 * never keeps a role list of its own.
 *
 * A grant says, for each role, how far the capability reaches:
 * - 'all': any subject;
 * - 'ownUnit': only subjects of the actor's own unit (a unit's orders, registration, figures).
 *
 * Machines (the city platform, Open311 clients) are not actors here: they call their own routes
 * with an API client's key and scopes (`src/domain/api-scopes.ts`), never a user's login.
 */
export type Reach = 'all' | 'ownUnit';

export const CAPABILITY_LABELS = {
  'workOrder.register': '登记工单',
  'workOrder.read': '查看工单',
  'workOrder.readCitizenContact': '查看市民完整电话和地址',
  'workOrder.revealPhone': '说明理由后查看被遮盖的市民电话',
  'workOrder.setConfidential': '标记或取消保密件（来电人要求对承办单位保密身份）',
  'workOrder.dispatchPreview': '派发前预览时限',
  'workOrder.callerHistory': '查看本工单来电人的其他工单（单位只看到本单位办理的）',
  'workOrder.checkReply': '检查答复草稿',
  'workOrder.attach': '上传附件',
  'workOrder.print': '打印工单办理单',
  'workOrder.export': '导出工单列表',
  'savedView.use': '保存、共享工单列表的视图（筛选条件），设置打开列表时的视图',
  'workflow.dispatch': '派单员的流转操作（派发、审批、督办）',
  'workflow.review': '审核员的流转操作（审核、回访、办结）',
  'workflow.unit': '承办单位的流转操作（签收、答复、协办）',
  'workflow.signOff': '签发本单位的答复，或退回联络员修改',
  'workflow.leaderRead': '阅批本单位的领导批示件、急件',
  'workflow.supervise': '督查室的督办操作',
  'workflow.reclassify': '改分类：设置或更正工单的诉求分类，办结后也可以',
  'urge.acknowledge': '阅知催办',
  'supervision.record': '记录现场督办、跟踪督办（跟进、结束）',
  'supervision.readRecords': '查看工单的现场督办、跟踪督办记录（单位只看涉及本单位的）',
  'cityBulletin.read': '查看市政府通报及追究责任（单位只看点到本单位的）',
  'cityBulletin.manage': '登记市政府通报我县的情况及对各单位的责任追究',
  'bulletin.read': '查看已发布通报',
  'bulletin.manage': '起草、修改、发布通报',
  'statistics.units': '单位指标与排名',
  'statistics.county': '全县统计',
  'statistics.settings': '修改统计口径',
  'unit.manage': '新增、修改单位',
  'unit.editSynonyms': '维护单位的同义词（来电人、派单员常说的叫法）',
  'unit.editRegistration': '填报单位登记表',
  'unit.setSignOffMode': '设置单位答复的签发方式（领导在系统中签发，或手填签发人附扫描件）',
  'unit.readRegistration': '查看、打印单位登记表',
  'unit.readStaffMobiles': '查看登记表中的手机号码',
  'user.read': '查看用户',
  'user.edit': '修改用户资料（AB 角、不在岗）',
  'user.grantRole': '新增用户、授予或撤销角色、停用账号',
  'user.resetPassword': '重置用户密码或两步验证',
  'settings.timeLimits': '时限设置',
  'settings.escalation': '督办升级规则设置（催办、电话督办几次后建议专项督办）',
  'calendar.manage': '维护工作日历',
  'category.manage': '维护诉求分类',
  'category.editSynonyms': '维护诉求分类的同义词（来电人常说的叫法）',
  'apiClient.manage': '管理接口客户端（密钥、权限范围）',
  'assistant.use': '派单助手（建议承办单位和分类、重新训练）',
  'assistant.settings': '派单助手设置（重复件查找范围、聚集性诉求提醒阈值）',
  'knowledge.read': '查阅知识库（政策、常见问题解答、标准解释口径）',
  'knowledge.propose': '提出知识条目或其新版本（单位只为本单位）',
  'knowledge.approve': '审核知识条目（通过或退回）',
  'channel.manage': '通知渠道设置',
  'delivery.read': '查看外发通知记录',
  'cityLink.settings': '市平台对接设置',
  'cityLink.outbox': '市平台结果回传队列与对账',
  'cityLink.import': '从市平台导出的表格导入工单（预览、列对应、确认）',
  'audit.read': '查看审计日志',
  'security.manage': '安全设置',
} as const;
export type Capability = keyof typeof CAPABILITY_LABELS;
export const CAPABILITIES = Object.keys(CAPABILITY_LABELS) as Capability[];

type Grant = Partial<Record<Role, Reach>>;
const UNIT: Grant = { unit_liaison: 'ownUnit', unit_leader: 'ownUnit', unit_main_leader: 'ownUnit' };
const OFFICE: Grant = { dispatcher: 'all', reviewer: 'all' };
const OVERSIGHT: Grant = { supervisor: 'all', county_leader: 'all' };

/**
 * Who holds what. Administrators (系统管理员、安全管理员、审计管理员) hold no business capability:
 * they never read citizens' orders (三员分立, 最小权限).
 */
export const GRANTS: Record<Capability, Grant> = {
  'workOrder.register': { dispatcher: 'all' },
  'workOrder.read': { ...OFFICE, ...OVERSIGHT, ...UNIT },
  // The office registers the order and calls the citizen back; the city platform sent the data itself.
  'workOrder.readCitizenContact': { ...OFFICE },
  'workOrder.revealPhone': UNIT,
  'workOrder.setConfidential': OFFICE,
  'workOrder.dispatchPreview': { dispatcher: 'all' },
  'workOrder.callerHistory': { ...OFFICE, ...OVERSIGHT, ...UNIT },
  'workOrder.checkReply': { dispatcher: 'all', ...UNIT },
  'workOrder.attach': { ...OFFICE, ...UNIT },
  'workOrder.print': { ...OFFICE, ...OVERSIGHT, ...UNIT },
  'workOrder.export': { ...OFFICE, ...OVERSIGHT, ...UNIT },
  'savedView.use': { ...OFFICE, ...OVERSIGHT, ...UNIT },
  'workflow.dispatch': { dispatcher: 'all' },
  'workflow.review': { reviewer: 'all' },
  'workflow.unit': UNIT,
  'workflow.signOff': { unit_leader: 'ownUnit', unit_main_leader: 'ownUnit' },
  'workflow.leaderRead': { unit_main_leader: 'ownUnit' },
  'workflow.supervise': { supervisor: 'all' },
  // The office classifies what it registers, and its quality checks correct it after closing.
  'workflow.reclassify': OFFICE,
  'urge.acknowledge': UNIT,
  // 现场督办、跟踪督办 (notice 三): the supervision office on the orders it supervises, and the
  // hotline office, which dispatched the order and follows it up; never the unit supervised.
  'supervision.record': { supervisor: 'all', dispatcher: 'all' },
  'supervision.readRecords': { ...OFFICE, ...OVERSIGHT, ...UNIT },
  'cityBulletin.read': { ...OFFICE, ...OVERSIGHT, ...UNIT },
  // The office receives the city's bulletins; the supervision office records the accountability decided.
  'cityBulletin.manage': { ...OFFICE, supervisor: 'all' },
  'bulletin.read': { ...OFFICE, ...OVERSIGHT, ...UNIT },
  'bulletin.manage': OFFICE,
  'statistics.units': { ...OFFICE, ...OVERSIGHT, ...UNIT },
  'statistics.county': { ...OFFICE, ...OVERSIGHT },
  'statistics.settings': { admin: 'all', ...OFFICE },
  'unit.manage': { admin: 'all' },
  // As for categories: the office hears what callers call a unit; the administrator keeps the units.
  'unit.editSynonyms': { admin: 'all', ...OFFICE },
  'unit.editRegistration': { admin: 'all', ...UNIT },
  // The office: it reviews the replies and knows from the registration forms whose leaders have no
  // accounts; a business rule, so not the administrators' (三员分立).
  'unit.setSignOffMode': { dispatcher: 'all' },
  'unit.readRegistration': { admin: 'all', security_admin: 'all', ...OFFICE, ...UNIT },
  'unit.readStaffMobiles': { admin: 'all', security_admin: 'all', ...OFFICE, ...UNIT },
  'user.read': { admin: 'all', security_admin: 'all' },
  'user.edit': { admin: 'all', security_admin: 'all' },
  'user.grantRole': { security_admin: 'all' },
  'user.resetPassword': { security_admin: 'all' },
  'settings.timeLimits': { admin: 'all' },
  'settings.escalation': { admin: 'all' },
  'calendar.manage': { admin: 'all' },
  'category.manage': { admin: 'all' },
  'category.editSynonyms': { admin: 'all', ...OFFICE },
  'apiClient.manage': { admin: 'all' },
  'assistant.use': OFFICE,
  'assistant.settings': { admin: 'all', ...OFFICE },
  'knowledge.read': { ...OFFICE, ...OVERSIGHT, ...UNIT },
  'knowledge.propose': { ...OFFICE, ...UNIT },
  'knowledge.approve': OFFICE,
  'channel.manage': { admin: 'all' },
  'delivery.read': { admin: 'all', auditor: 'all' },
  'cityLink.settings': { admin: 'all' },
  'cityLink.outbox': OFFICE,
  'cityLink.import': OFFICE,
  'audit.read': { auditor: 'all' },
  'security.manage': { security_admin: 'all' },
};

/** What a capability is asked about: an order, or something belonging to a unit. */
export type Subject =
  | { kind: 'order'; channel: string; activeUnitIds: readonly number[] }
  | { kind: 'unit'; unitId: number };
export type OrderSubject = Extract<Subject, { kind: 'order' }>;

function reaches(actor: Actor, reach: Reach, subject: Subject): boolean {
  switch (reach) {
    case 'all':
      return true;
    case 'ownUnit':
      return subject.kind === 'unit'
        ? subject.unitId === actor.unitId
        : subject.activeUnitIds.includes(actor.unitId);
  }
}

/**
 * May the actor do this? Without a subject: may they do it to anything at all (what a route
 * checks). With one: may they do it to this order or this unit's record.
 */
export function can(actor: Actor | null, capability: Capability, subject?: Subject): boolean {
  if (!actor) return false;
  const grant = GRANTS[capability];
  return actor.roles.some((role) => {
    const reach = grant[role];
    return reach !== undefined && (subject === undefined || reaches(actor, reach, subject));
  });
}

/** Everything the actor may do to something: what `/api/auth/me` carries. */
export function abilitiesOf(actor: Actor): Capability[] {
  return CAPABILITIES.filter((c) => can(actor, c));
}

/** Capabilities that are about one work order (what the order detail reports). */
export const ORDER_CAPABILITIES = CAPABILITIES.filter((c) =>
  /^(workOrder|workflow|urge|supervision)\./.test(c),
);

/** What the actor may do to this order: what the order detail carries. */
export function abilitiesOnOrder(actor: Actor, subject: OrderSubject): Capability[] {
  return ORDER_CAPABILITIES.filter((c) => can(actor, c, subject));
}

/** How far a role reaches with a capability (for the generated permissions table). */
export function reachOf(role: Role, capability: Capability): Reach | null {
  return GRANTS[capability][role] ?? null;
}

export const REACH_LABELS: Record<Reach, string> = {
  all: '全部',
  ownUnit: '本单位',
};

/**
 * Which work orders an actor may see, as a query filter: the same grant as `workOrder.read`.
 * Administrators and auditors see none (separation of duties).
 */
export type OrderScope = { kind: 'all' } | { kind: 'unit'; unitId: number } | { kind: 'none' };

export function orderScope(actor: Actor): OrderScope {
  const reachesOf = actor.roles.map((r) => GRANTS['workOrder.read'][r]);
  if (reachesOf.includes('all')) return { kind: 'all' };
  if (reachesOf.includes('ownUnit')) return { kind: 'unit', unitId: actor.unitId };
  return { kind: 'none' };
}

export interface OrderVisibilityFacts {
  channel: string;
  /** Units with an active assignment on the order. */
  activeUnitIds: number[];
}

export function canSeeOrder(actor: Actor, facts: OrderVisibilityFacts): boolean {
  return can(actor, 'workOrder.read', { kind: 'order', ...facts });
}

/** Which home page the web app opens for the actor; the first that applies wins. */
export const HOME_KINDS = [
  'dispatcher',
  'reviewer',
  'unit',
  'supervision',
  'overview',
  'admin',
  'audit',
  'none',
] as const;
export type HomeKind = (typeof HOME_KINDS)[number];

export function homeOf(actor: Actor): HomeKind {
  if (can(actor, 'workflow.dispatch')) return 'dispatcher';
  if (can(actor, 'workflow.review')) return 'reviewer';
  if (can(actor, 'workflow.unit')) return 'unit';
  if (can(actor, 'workflow.supervise')) return 'supervision';
  if (can(actor, 'statistics.county')) return 'overview';
  if (can(actor, 'unit.manage') || can(actor, 'user.read')) return 'admin';
  if (can(actor, 'audit.read')) return 'audit';
  return 'none';
}
