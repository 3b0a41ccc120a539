import type { ReplyContent } from '../../api/types';

export interface ReplyPart {
  key: string;
  label: string;
  ok: boolean;
  hint: string;
}

const bare = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, '');
const FORMULA =
  /(已(转交|转至|转)?(相关|有关)?(部门|单位)(处理|办理)|^已收悉|^(正在|已在|已经)(处理|办理|核实)中?$|^(已处理|已办理|已解决|已答复|情况属实)$)/;
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{7,8})$/;

/**
 * A checklist of the reply's parts as the user types, so what is missing shows before
 * sending. The server checks the reply again and its answer is the one that counts.
 */
export function replyParts(
  reply: Partial<ReplyContent> | undefined,
  needsCitizenReply: boolean,
): ReplyPart[] {
  const r = reply ?? {};
  const findings = bare(r.findings);
  const result = bare(r.result);
  const formula = (t: string) => t.length < 30 && FORMULA.test(t.replace(/[。.!!]+$/, ''));
  const parts: ReplyPart[] = [
    {
      key: 'findings',
      label: '办理情况',
      ok: findings.length >= 20 && !formula(findings),
      hint: '写明查明的事实,至少 20 字,不能是套话',
    },
    {
      key: 'result',
      label: '处理结果',
      ok: result.length >= 10 && !formula(result) && result !== findings,
      hint: '写明如何处理、结果如何,至少 10 字',
    },
    { key: 'basis', label: '政策依据', ok: bare(r.basis).length >= 4, hint: '写明依据的政策或法规条款' },
  ];
  if (r.unreasonableDemand)
    parts.push({
      key: 'explanation',
      label: '说服疏导',
      ok: bare(r.explanation).length >= 10,
      hint: '诉求超出政策时,写明向群众解释疏导的情况',
    });
  parts.push(
    { key: 'issuer', label: '签发人', ok: bare(r.issuer).length >= 2, hint: '签发人姓名' },
    { key: 'handlerName', label: '承办人', ok: bare(r.handlerName).length >= 2, hint: '承办人姓名' },
    {
      key: 'handlerPhone',
      label: '承办人电话',
      ok: PHONE.test(bare(r.handlerPhone)),
      hint: '手机或座机号码',
    },
  );
  if (needsCitizenReply) {
    const c = r.citizenContact;
    parts.push({
      key: 'citizenContact',
      label: '答复群众记录',
      ok:
        !!c?.contactedAt &&
        bare(c.contactedBy).length >= 2 &&
        bare(c.citizenResponse).length >= 2 &&
        !!c.method,
      hint: '本工单需答复群众:先答复群众,记录时间、方式、答复人和群众意见',
    });
  }
  return parts;
}
