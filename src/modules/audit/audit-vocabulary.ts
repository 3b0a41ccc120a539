import type { z } from 'zod';
import { API_SCOPE_LABELS } from '../../domain/api-scopes.js';
import type { AuditVocabulary } from '../../domain/audit-changes.js';
import { KNOWLEDGE_KIND_LABELS } from '../../domain/knowledge/entries.js';
import { ORDER_SORT_LABELS } from '../../domain/order-sorts.js';
import { RELATIVE_PERIOD_LABELS } from '../../domain/relative-period.js';
import { ROLE_LABELS, UNIT_KIND_LABELS } from '../../domain/roles.js';
import { SIGN_OFF_MODE_LABELS } from '../../domain/workflow/sign-off-types.js';
import {
  ORDER_TYPE_LABELS,
  SOURCE_LABELS,
  STATE_LABELS,
  URGENCY_LABELS,
} from '../../domain/workflow/states.js';
import { cityLinkSettingsSchema } from '../city/city-link.settings.js';
import {
  assistantSettingsSchema,
  escalationRuleSchema,
  figureSettingsSchema,
  securitySettingsSchema,
  timeLimitSettingsSchema,
} from '../settings/settings.service.js';

/**
 * The words the audit log's entries are read in (src/domain/audit-changes.ts), by kind of entry
 * (the part of its action before the dot). Settings are named by their schemas' own descriptions,
 * the words their pages and the API document already use; the rest is named here.
 */
const LIST_FILTER_LABELS: Record<string, string> = {
  state: '状态',
  type: '类型',
  urgency: '紧急程度',
  channel: '来源',
  due: '时限',
  dispatch: '分发时限',
  progress: '进展报告',
  decision: '审批',
  redo: '重办',
  escalation: '督办',
  pendingExtension: '延期待批',
  toSign: '待签收',
  toRead: '待阅批',
  coPart: '协办',
  role: '本单位角色',
  unitId: '承办单位',
  townshipUnitId: '乡镇',
  categoryId: '诉求分类',
  level1: '一级分类',
  level2: '二级分类',
  period: '登记时间',
  from: '起始日',
  to: '截止日',
  q: '关键词',
  sort: '排序',
  page: '页码',
  pageSize: '每页条数',
};

/** The values of the list's filters, as the filter bar words them. */
const LIST_FILTER_VALUES: Record<string, Record<string, string>> = {
  state: STATE_LABELS,
  type: ORDER_TYPE_LABELS,
  urgency: URGENCY_LABELS,
  channel: SOURCE_LABELS,
  period: RELATIVE_PERIOD_LABELS,
  due: { overdue: '超期', due_soon: '预警' },
  dispatch: { overdue: '分发超时', due_soon: '分发即将超时' },
  progress: { missed: '进展未报' },
  decision: { waiting: '待审批', late: '审批超时' },
  escalation: { proposed: '建议督办', open: '督办中', reported: '已报县领导', concluded: '督办已办结' },
  role: { lead: '牵头', co: '协办' },
  redo: { '1': '是' },
  pendingExtension: { '1': '是' },
  toSign: { '1': '是' },
  toRead: { '1': '是' },
  coPart: { open: '待提意见' },
  sort: ORDER_SORT_LABELS,
};

const SHARED: Record<string, string> = {
  name: '名称',
  active: '启用',
  unitId: '所属单位',
  synonyms: '同义词',
  reason: '原因',
};

const BY_KIND: Record<string, Record<string, string>> = {
  user: {
    username: '登录名',
    name: '姓名',
    roles: '角色',
    unitId: '所属单位',
    liaisonSlot: '联络员 A/B 角',
    phone: '手机号',
    email: '邮箱',
    awayFrom: '不在岗起',
    awayUntil: '不在岗止',
    awayNote: '不在岗说明',
    totpEnabled: '已启用两步验证',
  },
  unit: {
    code: '单位代码',
    name: '单位名称',
    kind: '单位类型',
    remit: '职责（三定）',
    signOffMode: '答复签发方式',
    updatedAt: '登记表更新时间',
    updatedBy: '登记表填报人',
  },
  category: { level1: '一级分类', level2: '二级分类', level3: '三级分类' },
  calendar: { '': '特殊日期', date: '日期', kind: '类型', name: '节日' },
  channel: {
    sms: '短信',
    'sms.enabled': '短信：启用',
    'sms.url': '短信网关地址',
    wecom: '企业微信',
    'wecom.enabled': '企业微信：启用',
    'wecom.url': '企业微信群机器人地址',
    dingtalk: '钉钉',
    'dingtalk.enabled': '钉钉：启用',
    'dingtalk.url': '钉钉群机器人地址',
    email: '邮件',
    'email.enabled': '邮件：启用',
    'email.smtpUrl': 'SMTP 地址',
    'email.from': '发件人',
    'autoUrge.onDueSoon': '临期自动提醒',
    'autoUrge.onOverdue': '超期自动催办',
  },
  weights: {
    'weights.onTimeReply': '考核权重：按时答复',
    'weights.signOnTime': '考核权重：按时签收',
    'weights.satisfaction': '考核权重：满意度',
    'weights.redo': '考核权重：重办',
    'weights.overdue': '考核权重：超期',
    basicallySatisfiedWeight: '基本满意计入满意的比例',
    minOrdersToRank: '参评最少件数',
  },
  api_client: {
    name: '客户端名称',
    scopes: '权限范围',
    unitId: '代表单位',
    allowedAddresses: '允许的来源地址',
    requireSignature: '须签名',
    rotated: '更换了密钥',
    oldKeysExpireAt: '旧密钥失效时间',
  },
  knowledge: {
    title: '标题',
    body: '正文',
    kind: '条目类型',
    categoryId: '诉求分类',
    keywords: '关键词',
    ownerUnitId: '维护单位',
    sourceDocument: '来源文件',
    sourceDate: '发文日期',
    validFrom: '有效期起',
    validUntil: '有效期止',
    versionNo: '版本号',
    currentVersionId: '现行版本',
  },
  cityBulletin: {
    number: '文号',
    title: '标题',
    issuer: '发文机关',
    issuedOn: '发文日期',
    matter: '通报事项',
    orderIds: '涉及工单',
    units: '被通报单位',
  },
  order: { confidential: '保密件' },
  data: { field: '查看的内容', unitId: '查看人单位' },
  // An export's or a print's conditions: the list's filters (src/modules/work-orders/work-order.schemas.ts, listQuery).
  export: LIST_FILTER_LABELS,
  print: LIST_FILTER_LABELS,
  audit: { action: '事件种类', person: '人员', from: '起始日', to: '截止日', ip: 'IP 地址', target: '对象' },
};

/** Fields that repeat another field or mean nothing to a reader. */
const HIDDEN = new Set(['id', 'version', 'searchText', 'roleLabels', 'unitName', 'kindLabel']);

const DAY_KIND_LABELS: Record<string, string> = {
  holiday: '放假',
  makeup: '调休上班',
  workday: '工作日',
  weekend: '休息日',
};

/** The settings pages' fields, named by their schemas' descriptions (`describe`). */
const SETTING_LABELS = new Map<string, string>([
  ...describedFields(timeLimitSettingsSchema),
  ...describedFields(securitySettingsSchema),
  ...describedFields(escalationRuleSchema),
  ...describedFields(figureSettingsSchema),
  ...describedFields(assistantSettingsSchema),
  ...describedFields(cityLinkSettingsSchema),
  ['resultsUrl', '市平台结果回传地址'],
  ['key', '接口密钥'],
  ['fieldMapping', '字段映射'],
  ...Object.entries(BY_KIND.weights ?? {}),
]);

/** Names that the vocabulary looks up in the database: units and people by id. */
export interface AuditNames {
  unit(id: number): string | undefined;
  user(id: number): string | undefined;
}

/** The vocabulary for entries of one action (`user.updated`, `setting.changed`, …). */
export function auditVocabulary(action: string, names: AuditNames): AuditVocabulary {
  const kind = action.slice(0, action.indexOf('.'));
  const own = kind === 'setting' ? Object.fromEntries(SETTING_LABELS) : (BY_KIND[kind] ?? {});
  const last = (field: string) => field.slice(field.lastIndexOf('.') + 1);
  return {
    label: (field) => own[field] ?? own[last(field)] ?? SHARED[last(field)],
    hidden: (field) => HIDDEN.has(last(field)),
    value: (field, value) => {
      const key = last(field);
      if (typeof value === 'number' && /^(unitId|\w*UnitId)$/.test(key)) {
        return names.unit(value) ?? `单位 #${value}`;
      }
      if (typeof value === 'number' && key === 'updatedBy') return names.user(value) ?? `用户 #${value}`;
      if (typeof value !== 'string') return undefined;
      if (kind === 'export' || kind === 'print') {
        // A filter of several values comes as one comma-separated string (state=handling,pending_sign).
        const words = LIST_FILTER_VALUES[key];
        if (words)
          return value
            .split(',')
            .map((v) => words[v] ?? v)
            .join('、');
      }
      // A year's special days are kept as 「2027-01-01 holiday 元旦」.
      const day = kind === 'calendar' ? /^(\d{4}-\d{2}-\d{2}) (\w+)(.*)$/.exec(value) : null;
      if (day) return `${day[1]} ${DAY_KIND_LABELS[day[2] ?? ''] ?? day[2]}${day[3]}`;
      if (key === 'roles') return ROLE_LABELS[value as keyof typeof ROLE_LABELS];
      if (key === 'scopes') return API_SCOPE_LABELS[value as keyof typeof API_SCOPE_LABELS];
      if (key === 'signOffMode') return SIGN_OFF_MODE_LABELS[value as keyof typeof SIGN_OFF_MODE_LABELS];
      if (key === 'liaisonSlot') return `${value} 角`;
      if (key === 'kind') {
        const labels: Record<string, string> =
          kind === 'unit' ? UNIT_KIND_LABELS : kind === 'knowledge' ? KNOWLEDGE_KIND_LABELS : DAY_KIND_LABELS;
        return labels[value];
      }
      return undefined;
    },
  };
}

/** The ids of units and people an entry's snapshots mention, to look their names up at once. */
export function idsMentioned(snapshots: unknown[]): { units: Set<number>; users: Set<number> } {
  const units = new Set<number>();
  const users = new Set<number>();
  const walk = (value: unknown, key: string) => {
    if (Array.isArray(value)) for (const item of value) walk(item, key);
    else if (typeof value === 'object' && value !== null)
      for (const [k, inner] of Object.entries(value)) walk(inner, k);
    else if (typeof value === 'number' && /^(unitId|\w*UnitId)$/.test(key)) units.add(value);
    else if (typeof value === 'number' && key === 'updatedBy') users.add(value);
  };
  for (const snapshot of snapshots) walk(snapshot, '');
  return { units, users };
}

/** A schema's described fields by path, through defaults, nullables and nested objects. */
function describedFields(schema: z.ZodType, prefix = ''): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let inner: z.ZodType = schema;
  for (;;) {
    if (prefix && inner.description && !out.some(([path]) => path === prefix))
      out.push([prefix, inner.description]);
    const wrapped = (inner as unknown as { _zod: { def: { innerType?: z.ZodType } } })._zod.def.innerType;
    if (!wrapped) break;
    inner = wrapped;
  }
  const shape = (inner as unknown as { shape?: Record<string, z.ZodType> }).shape;
  if (shape) {
    for (const [key, field] of Object.entries(shape))
      out.push(...describedFields(field, prefix ? `${prefix}.${key}` : key));
  }
  return out;
}
