/**
 * The notice's 规范回复 (二(三)): a reply is "事实清楚、结果明确、有据可依", names the issuer,
 * the replying unit, the handler and the reply time, and is never a one-sentence reply. When
 * the citizen must be answered, the unit answers the citizen first and records it.
 */
export const CONTACT_METHODS = ['phone', 'visit', 'sms', 'other'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];
export const CONTACT_METHOD_LABELS: Record<ContactMethod, string> = {
  phone: '电话',
  visit: '上门/当面',
  sms: '短信',
  other: '其他',
};

export interface CitizenContact {
  /** ISO 8601 instant. */
  contactedAt: string;
  method: ContactMethod;
  contactedBy: string;
  /** What the citizen said when told the result. */
  citizenResponse: string;
}

export interface ReplyContent {
  /** 办理情况: what the unit found. */
  findings: string;
  /** 处理结果: what was done and the outcome. */
  result: string;
  /** 政策依据: the policy or law the result rests on. */
  basis: string;
  /** Whether the citizen's demand is beyond policy or unreasonable. */
  unreasonableDemand: boolean;
  /** 说服疏导: the explanation given to the citizen, required for unreasonable demands. */
  explanation?: string | null;
  /** 签发人 */
  issuer: string;
  /** 承办人 */
  handlerName: string;
  handlerPhone: string;
  citizenContact?: CitizenContact | null;
}

export interface ReplyProblem {
  field: string;
  message: string;
}

/** Minimum lengths (in characters) that separate a statement of facts from a formula. */
export const REPLY_MIN_LENGTH = {
  findings: 20,
  result: 10,
  basis: 4,
  explanation: 10,
  citizenResponse: 2,
} as const;

/**
 * Formulas that say nothing about the matter itself (一句话答复). A part is a formula when every
 * clause of it, once polite lead-ins and filler are taken off, is a formula: a real finding
 * that merely starts with "已经核实," is not one, a formula padded with "请耐心等待" still is.
 */
const LEAD_IN =
  /^(您好|你好)|^(您|你)?(所)?(反映|反应|来电反映|咨询)的(问题|情况|诉求|事项)?|^(我们|我单位|我局|我镇|我乡|我办)/g;
const FILLER = /^(请(您)?(耐心)?等待.*|谢谢.*|感谢.*|特此答复|请知悉)$/;
const FORMULAS = [
  /^(已|已经)?(转交|转至|转|交由|移交)(给)?(相关|有关)?(职能)?(部门|单位)(处理|办理|核实)?$/,
  /^(已|已经)?收悉$/,
  /^(正在|已在|已经|已)?(处理|办理|核实|调查|研究)(中)?$/,
  /^(已处理|已办理|已解决|已答复|情况属实|已督促整改|已整改)$/,
];

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{7,8})$/;

const stripped = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, '');

function isFormula(text: string): boolean {
  const clauses = stripped(text)
    .split(/[,,。;;!!.]+/)
    .map((c) => {
      let rest = c;
      for (let before = ''; before !== rest; ) {
        before = rest;
        rest = rest.replace(LEAD_IN, '');
      }
      return rest;
    })
    .filter((c) => c.length > 0 && !FILLER.test(c));
  return clauses.length > 0 && clauses.every((c) => FORMULAS.some((f) => f.test(c)));
}

export interface ReplyCheckContext {
  needsCitizenReply: boolean;
  now: Date;
  /** The order reached the unit then; a contact before it is impossible. */
  dispatchedAt: Date | null;
}

/** Every way the reply falls short of the standard; empty when it meets it. */
export function checkReply(reply: ReplyContent, ctx: ReplyCheckContext): ReplyProblem[] {
  const problems: ReplyProblem[] = [];
  const need = (field: string, ok: boolean, message: string) => {
    if (!ok) problems.push({ field, message });
  };
  const findings = stripped(reply.findings);
  const result = stripped(reply.result);

  need(
    'findings',
    findings.length >= REPLY_MIN_LENGTH.findings && !isFormula(findings),
    `缺少办理情况:须写明查明的事实(至少 ${REPLY_MIN_LENGTH.findings} 字,不能是"已转交相关部门处理""已收悉"之类的套话)`,
  );
  need(
    'result',
    result.length >= REPLY_MIN_LENGTH.result && !isFormula(result) && result !== findings,
    `缺少处理结果:须写明如何处理、结果如何(至少 ${REPLY_MIN_LENGTH.result} 字,且不能与办理情况重复)`,
  );
  need(
    'basis',
    stripped(reply.basis).length >= REPLY_MIN_LENGTH.basis,
    '缺少政策依据:须写明处理所依据的政策或法规条款',
  );
  if (reply.unreasonableDemand) {
    need(
      'explanation',
      stripped(reply.explanation).length >= REPLY_MIN_LENGTH.explanation,
      '诉求超出政策规定或不合理时,须写明向群众说服疏导、讲明原因的情况',
    );
  }
  need('issuer', stripped(reply.issuer).length >= 2, '缺少签发人姓名');
  need('handlerName', stripped(reply.handlerName).length >= 2, '缺少承办人姓名');
  need('handlerPhone', PHONE.test(stripped(reply.handlerPhone)), '缺少承办人联系电话,或电话号码格式不正确');

  if (ctx.needsCitizenReply) problems.push(...checkCitizenContact(reply.citizenContact, ctx));
  return problems;
}

function checkCitizenContact(
  contact: CitizenContact | null | undefined,
  ctx: ReplyCheckContext,
): ReplyProblem[] {
  if (!contact) {
    return [
      {
        field: 'citizenContact',
        message:
          '本工单需答复群众:须先向群众答复,并记录答复时间、方式、答复人和群众意见,严禁未经反馈群众直接向热线办答复',
      },
    ];
  }
  const problems: ReplyProblem[] = [];
  const at = Date.parse(contact.contactedAt);
  if (Number.isNaN(at)) {
    problems.push({ field: 'citizenContact.contactedAt', message: '答复群众的时间格式不正确' });
  } else if (at > ctx.now.getTime()) {
    problems.push({ field: 'citizenContact.contactedAt', message: '答复群众的时间不能晚于现在' });
  } else if (ctx.dispatchedAt && at < ctx.dispatchedAt.getTime()) {
    problems.push({ field: 'citizenContact.contactedAt', message: '答复群众的时间不能早于工单派发时间' });
  }
  if (stripped(contact.contactedBy).length < 2) {
    problems.push({ field: 'citizenContact.contactedBy', message: '缺少答复群众的人员姓名' });
  }
  if (stripped(contact.citizenResponse).length < REPLY_MIN_LENGTH.citizenResponse) {
    problems.push({ field: 'citizenContact.citizenResponse', message: '缺少群众对答复的意见' });
  }
  return problems;
}

/** One Chinese sentence that lists what is missing, for the refusal message. */
export function describeReplyProblems(problems: ReplyProblem[]): string {
  return `答复不符合规范回复要求:${problems.map((p) => p.message).join(';')}。`;
}
