/**
 * The names people know the fields by, for a refusal's message: 「承办人电话:不能超过 60 个字」,
 * not 「reply.handlerPhone:…」. A field not listed keeps its path (the API's callers read it;
 * `details.fields` always carries the path).
 */
const FIELD_LABELS: Record<string, string> = {
  findings: '核查情况',
  result: '处理结果',
  basis: '政策依据',
  explanation: '说服疏导',
  issuer: '签发人',
  handlerName: '承办人',
  handlerPhone: '承办人电话',
  contactedAt: '答复群众的时间',
  method: '答复方式',
  contactedBy: '答复人',
  citizenResponse: '群众意见',
  title: '标题',
  content: '内容',
  citizenName: '来电人姓名',
  citizenPhone: '来电人电话',
  citizenAddress: '地址',
  categoryId: '诉求分类',
  channel: '来源渠道',
  type: '诉求类型',
  urgency: '紧急程度',
  reason: '原因',
  opinion: '意见',
  message: '催办内容',
  comment: '意见',
  suggestedUnit: '建议转办单位',
  requestedDeadline: '申请的新期限',
  newDeadline: '新期限',
  mainLeaderName: '主要负责人签字',
  leadUnitId: '牵头单位',
  coUnitIds: '协办单位',
  leaderDeadline: '领导批示期限',
  summary: '情况摘要',
  calleeName: '接听人',
  calledAt: '通话时间',
  promise: '承诺',
  password: '密码',
  username: '用户名',
  name: '姓名',
  phone: '电话',
  email: '电子邮件',
  remit: '职责',
  code: '代码',
  from: '开始日期',
  to: '结束日期',
  body: '正文',
  version: '版本号',
  totpRequired: '登录须两步验证',
  totpRequiredForUnits: '承办单位人员登录须两步验证',
  idleMinutes: '会话闲置时长',
  absoluteHours: '会话最长时间',
  unitUploadQuotaMb: '单位附件存储配额',
  passwordMaxAgeDays: '密码最长使用期限',
  passwordHistory: '不能重复使用的密码个数',
  resultsUrl: '结果回传地址',
  ordersUrl: '工单列表地址',
  statusesUrl: '工单状态地址',
};

/** The label of a field path (`reply.handlerPhone` → 承办人电话), or the path itself. */
export function fieldLabel(path: string): string {
  const last =
    path
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .pop() ?? path;
  return FIELD_LABELS[last] ?? path;
}

/**
 * The message of a refused form: each field by the name people know it by, with its problem, once
 * (a union's branches can report the same one twice). `field` is the path, `body.` first.
 */
const NAMES_ITS_FIELD = /^[\p{Script=Han}（）]{2,12}(不能|至少|须|只能|格式|不是|请)/u;

export function invalidFieldsMessage(fields: readonly { field: string; message: string }[]): string {
  const said = (f: { field: string; message: string }) => {
    const label = fieldLabel(f.field.replace(/^body\./, ''));
    // A schema's own message may already name its field (「标题不能超过 60 个字」, 「单位名称不能超过
    // 60 个字」 where the shared label of `name` would say 姓名).
    return f.message.includes(label) || NAMES_ITS_FIELD.test(f.message)
      ? f.message
      : `${label}：${f.message}`;
  };
  return `提交的内容不符合要求：${[...new Set(fields.map(said))].join('；')}`;
}
