/**
 * The notice's 规范回复 (二(三)): a reply is "事实清楚、结果明确、有据可依", names the issuer,
 * the replying unit, the handler and the reply time, and is never a one-sentence reply. When
 * the citizen must be answered, the unit answers the citizen first and records it.
 */
import type { CitizenContact } from './citizen-contact.js';
import {
  citesOnlyHotlineRules,
  holdsIdNumber,
  namesPerson,
  namesPolicy,
  reachesHandler,
} from './reply-fields.js';
import { unnamedFinding } from './reply-findings.js';
import { judgeReplySubstance, normaliseReplyText, statesOutcome } from './reply-substance.js';
import { meaningfulLength } from './visible-text.js';

export {
  type CitizenContact,
  CONTACT_METHOD_LABELS,
  CONTACT_METHODS,
  type ContactMethod,
} from './citizen-contact.js';

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
  /**
   * Which rule the part breaks, stable across wordings of the message (FINDINGS_CAUSE_UNNAMED,
   * BASIS_ONLY_HOTLINE_RULES…): a part can fall short in more than one way.
   */
  code: string;
  message: string;
}

/**
 * Minimum lengths (in letters and digits; punctuation does not count): a floor only; whether a
 * part says anything is judged on its substance (reply-substance.ts), not on its length.
 */
export const REPLY_MIN_LENGTH = {
  findings: 8,
  result: 6,
  basis: 3,
  explanation: 10,
  citizenResponse: 2,
} as const;

const stripped = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, '');
/** A part as its words alone: the same text with other punctuation is the same text. */
const sameWords = (s: string) => normaliseReplyText(s).replace(/[^\p{L}\p{N}]/gu, '');

export interface ReplyCheckContext {
  needsCitizenReply: boolean;
  now: Date;
  /** The order reached the unit then; a contact before it is impossible. */
  dispatchedAt: Date | null;
  /** A leader signs it off in Huiyin (签发): the issuer is their account, not typed by the drafter. */
  issuerSignsOff?: boolean;
}

/** Every way the reply falls short of the standard; empty when it meets it. */
export function checkReply(reply: ReplyContent, ctx: ReplyCheckContext): ReplyProblem[] {
  const problems: ReplyProblem[] = [];
  const need = (field: string, ok: boolean, code: string, message: string) => {
    if (!ok) problems.push({ field, code, message });
  };
  const findings = stripped(reply.findings);
  const result = stripped(reply.result);
  const resultVerdict = judgeReplySubstance(reply.result);

  const findingsSay =
    meaningfulLength(findings) >= REPLY_MIN_LENGTH.findings &&
    judgeReplySubstance(reply.findings).substantive;
  need(
    'findings',
    findingsSay,
    'FINDINGS_MISSING',
    `缺少办理情况：须写明查明的事实，如查明了什么、在哪里、依据什么（去掉问候、致谢和转交、建议咨询、“已收悉”之类的套话后，须仍有实际内容）`,
  );
  // 「已查明原因和责任方」 is said of the facts, not the facts: the findings must state them.
  if (findingsSay && unnamedFinding(reply.findings) !== null) {
    need(
      'findings',
      false,
      'FINDINGS_CAUSE_UNNAMED',
      '办理情况只说查明了原因、责任方或情况，没有写出是什么：须写明查明的具体原因和责任单位或责任人（如“系5号楼换热站循环泵故障所致，责任方为小区物业公司”），“已查明原因和责任方”“相关问题已核实”之类不算',
    );
  }
  need(
    'result',
    meaningfulLength(result) >= REPLY_MIN_LENGTH.result &&
      resultVerdict.substantive &&
      statesOutcome(resultVerdict) &&
      sameWords(result) !== sameWords(findings),
    'RESULT_MISSING',
    `缺少处理结果：须写明做了什么、何时完成或何时办结（只写查明的情况、转交其他单位、建议咨询、“已处理”“正在处理中”之类的套话不算），且不能与办理情况重复`,
  );
  need(
    'basis',
    meaningfulLength(reply.basis) >= REPLY_MIN_LENGTH.basis && namesPolicy(reply.basis),
    'BASIS_MISSING',
    '缺少政策依据：须写明处理所依据的政策或法规的名称和条款（如《物业管理条例》第三十五条），“相关规定”“依法依规”之类不算',
  );
  // The hotline's own rules say how an order is handled, not what the decision rests on.
  if (citesOnlyHotlineRules(reply.basis)) {
    need(
      'basis',
      false,
      'BASIS_ONLY_HOTLINE_RULES',
      '政策依据只写了热线自身的办理规定（如《12345市民服务热线承办工作管理办法》）或“相关法律法规”：须写明处理这件事所依据的法律、法规或政策的名称和条款（如《保障农民工工资支付条例》第三十条、《食品安全法》第五十五条）',
    );
  }
  if (reply.unreasonableDemand) {
    const explanation = reply.explanation ?? '';
    need(
      'explanation',
      meaningfulLength(explanation) >= REPLY_MIN_LENGTH.explanation &&
        judgeReplySubstance(explanation).substantive,
      'EXPLANATION_MISSING',
      '诉求超出政策规定或不合理时，须写明向群众说服疏导、讲明的原因（如不符合哪项条件），“已做好解释工作”之类不算',
    );
  }
  if (!ctx.issuerSignsOff)
    need('issuer', namesPerson(reply.issuer), 'ISSUER_MISSING', '缺少签发人姓名（写姓名，不写职务或“同上”）');
  need(
    'handlerName',
    namesPerson(reply.handlerName),
    'HANDLER_NAME_MISSING',
    '缺少承办人姓名（写姓名，不写科室或职务）',
  );
  need(
    'handlerPhone',
    reachesHandler(reply.handlerPhone),
    'HANDLER_PHONE_MISSING',
    '缺少承办人联系电话，或号码不对：写承办人的手机或座机（如 13912345678、0972-8521050）',
  );

  for (const field of ['findings', 'result', 'basis', 'explanation'] as const) {
    if (holdsIdNumber(reply[field] ?? '')) {
      problems.push({
        field,
        code: 'ID_NUMBER_IN_REPLY',
        message: '答复中不得出现完整的身份证号码，确需指明的只写后四位',
      });
    }
  }
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
        code: 'CITIZEN_NOT_ANSWERED',
        message:
          '本工单需答复群众：须先向群众答复，并记录答复时间、方式、答复人和群众意见，严禁未经反馈群众直接向热线办答复',
      },
    ];
  }
  const problems: ReplyProblem[] = [];
  const at = Date.parse(contact.contactedAt);
  if (Number.isNaN(at)) {
    problems.push({
      field: 'citizenContact.contactedAt',
      code: 'CONTACT_TIME_INVALID',
      message: '答复群众的时间格式不正确',
    });
  } else if (at > ctx.now.getTime()) {
    problems.push({
      field: 'citizenContact.contactedAt',
      code: 'CONTACT_TIME_FUTURE',
      message: '答复群众的时间不能晚于现在',
    });
  } else if (ctx.dispatchedAt && at < ctx.dispatchedAt.getTime() - (ctx.dispatchedAt.getTime() % 60_000)) {
    // Compared to the minute: forms give the time to the minute, so a citizen answered in the
    // minute of dispatch (an urgent call) reads as 09:40 against a dispatch at 09:40:37.
    problems.push({
      field: 'citizenContact.contactedAt',
      code: 'CONTACT_TIME_BEFORE_DISPATCH',
      message: '答复群众的时间不能早于工单派发时间',
    });
  }
  if (stripped(contact.contactedBy).length < 2) {
    problems.push({
      field: 'citizenContact.contactedBy',
      code: 'CONTACT_BY_MISSING',
      message: '缺少答复群众的人员姓名',
    });
  }
  if (stripped(contact.citizenResponse).length < REPLY_MIN_LENGTH.citizenResponse) {
    problems.push({
      field: 'citizenContact.citizenResponse',
      code: 'CITIZEN_RESPONSE_MISSING',
      message: '缺少群众对答复的意见',
    });
  }
  return problems;
}

/** One Chinese sentence that lists what is missing, for the refusal message. */
export function describeReplyProblems(problems: ReplyProblem[]): string {
  return `答复不符合规范回复要求：${problems.map((p) => p.message).join('；')}。`;
}
