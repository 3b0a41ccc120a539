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
