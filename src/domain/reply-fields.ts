/**
 * The short parts of a reply, each checked for what the notice asks of it ("详细注明签发人、答复
 * 单位和具体承办人姓名", "有据可依"): a person's name, a number that reaches the handler, a policy
 * named. People type these as they please (full-width digits, 0972－8521050, 电话:139…, two
 * numbers); what is refused is what names nobody and nothing: 办公室, 同上, 相关规定, 12345678.
 */

import { asciiForms } from './visible-text.js';

// ---- the handler's phone ----------------------------------------------------------------------

const MOBILE = /^1[3-9]\d{9}$/;
/**
 * Area code and number (09728521050), or the number alone within the county (8521050). Area
 * codes have three digits for Beijing and the 02x cities (010, 021), four everywhere else.
 */
const LANDLINE = /^(0(10|2\d|[3-9]\d\d))?[2-9]\d{6,7}$/;

/** 12345678, 0000000, 87654321: what a form is filled with to get past it. */
function placeholder(digits: string): boolean {
  if (/^(\d)\1+$/.test(digits)) return true;
  const steps = new Set([...digits].slice(1).map((d, i) => (Number(d) - Number(digits[i]) + 10) % 10));
  return steps.size === 1 && (steps.has(1) || steps.has(9));
}

/** One number as typed: spaces, hyphens, brackets round the area code, +86 and an extension allowed. */
function oneNumberReaches(raw: string): boolean {
  let text = raw.replace(/[((][^()()\d]*[))]$/, ''); // (微信同号)
  text = text.replace(/^\s*(联系)?(电话|手机|座机|办公电话|号码)\s*:?\s*/, '');
  const extension = /(转|分机|ext\.?|-)\s*(\d{1,5})$/i;
  const candidates = [text];
  if (extension.test(text)) candidates.push(text.replace(extension, ''));
  return candidates.some((candidate) => {
    if (/[^\d\s\-+()()]/.test(candidate)) return false;
    let digits = candidate.replace(/\D/g, '');
    if (candidate.trim().startsWith('+') || /^(0086|86)1[3-9]\d{9}$/.test(digits)) {
      digits = digits.replace(/^(00)?86/, '');
    }
    if (placeholder(digits)) return false;
    return MOBILE.test(digits) || LANDLINE.test(digits);
  });
}

/** Whether the handler can be reached on it: one number, or several (8521050、13912345678) of which one is good. */
export function reachesHandler(raw: string): boolean {
  const text = asciiForms(raw).trim();
  if (text === '') return false;
  return text.split(/[、,;/]|或/).some((part) => oneNumberReaches(part.trim()));
}

// ---- names ------------------------------------------------------------------------------------

/** What is written where a name should be, but is none. */
const NOT_A_NAME =
  /^(暂无|无|没有|同上|见上|如上|不详|未知|待定|本人|领导|负责人|主要负责人|分管负责人|单位负责人|主要领导|分管领导|工作人员|经办人|承办人|签发人|联系人|办公室|[\p{Script=Han}]{2,8}(局|委|办|中心|公司|大队))$/u;
/** A title alone, or a surname and a title (局长, 张局长): the notice asks for the person's name. */
const TITLE =
  /^[\p{Script=Han}]?(副)?(局长|主任|科长|股长|镇长|乡长|书记|站长|所长|队长|处长|经理|主席|委员)$/u;

/** Whether it names a person: two letters at least, not a placeholder, a title or a body. */
export function namesPerson(raw: string): boolean {
  const name = asciiForms(raw).replace(/\s+/g, '');
  if ((name.match(/\p{L}/gu) ?? []).length < 2) return false;
  return !NOT_A_NAME.test(name) && !TITLE.test(name);
}

// ---- the policy ------------------------------------------------------------------------------

/** Words that say there is a rule without saying which (相关规定, 依法依规, 国家政策, 详见附件). */
const GENERIC_BASIS =
  /相关|有关|上级|国家|法律法规|法律|法规|规定|政策|文件|要求|依据|根据|按照|依照|遵照|依法|依规|详见|见附件|附件|暂无|没有|不涉及|无|等|的|及|和|与|条款|规章|制度|本单位|我局|单位|部门|职责|职能|答复|如下|现|精神|参照|参考|执行|办理|处理|标准|相应|对应|指示|批示|会议/g;

/**
 * Whether a 政策依据 names a policy: a title in 《》, an article (第三十五条), or a name left once
 * the generic words are taken off (劳动法, 城市道路管理条例, 县政府关于…的通知).
 */
export function namesPolicy(raw: string): boolean {
  const text = asciiForms(raw);
  if (/《[^》]{2,}》/.test(text) || /第[一二三四五六七八九十百千零〇两\d]+条/.test(text)) return true;
  const left = text.replace(GENERIC_BASIS, '');
  return (left.match(/\p{Script=Han}/gu) ?? []).length >= 2;
}

/** An article or several (第八条, 第三十条、第五十六条, 第二款). */
const ARTICLES =
  '(第[一二三四五六七八九十百千零〇两\\d]+[条款项])([、,和及]?第[一二三四五六七八九十百千零〇两\\d]+[条款项])*';
/** A document number after a title: (河政办〔2018〕45号). */
const DOCUMENT_NUMBER = '(\\(?[\\p{Script=Han}]{1,8}[〔\\[(]\\d{4}[〕\\])]\\d+号\\)?)?';
/** What the hotline's own rules are called: 12345, 热线, 工单, 承办工作, 接诉即办. */
const HOTLINE = '(12345|热线|工单|承办工作|接诉即办)';
/**
 * The hotline's own working rules cited (《河湾县12345市民服务热线承办工作管理办法》第八条, 县政府
 * 办公室关于做好市民服务热线承办工作的通知, with its number): how an order is handled, not what the
 * decision rests on. Without 《》 the name runs to the next separator or 和/及/与.
 */
const HOTLINE_RULES = [
  new RegExp(`《[^》]*${HOTLINE}[^》]*》(${ARTICLES})?${DOCUMENT_NUMBER}`, 'gu'),
  new RegExp(`[^,;、。\\s《》和及与]*${HOTLINE}[^,;、。\\s《》和及与]*`, 'gu'),
];

/**
 * Whether a 政策依据 that names something names only the hotline's own rules, alone or with
 * 相关法律法规 (「依据《…12345…承办工作管理办法》及相关法律法规规定办理」): the rule on the matter
 * (《劳动合同法》, 《食品安全法》第五十五条, 《物业管理条例》) is not named. A basis that names one
 * besides the hotline's rules names it.
 */
export function citesOnlyHotlineRules(raw: string): boolean {
  const text = asciiForms(raw);
  if (!namesPolicy(text)) return false;
  let rest = text;
  for (const rules of HOTLINE_RULES) rest = rest.replace(rules, ',');
  return rest !== text && !namesPolicy(rest);
}

// ---- personal data -----------------------------------------------------------------------------

/** A resident ID number (18 characters, the last a digit or X), full-width digits too. */
const ID_NUMBER = /^[1-9]\d{5}(19|20)\d{2}(0[1-9]|1[0-2])\d{2}\d{3}[\dXx]$/;
/** 18 characters, maybe typed in groups (620102 19800101 123X, 620-102-1980…). */
const EIGHTEEN = /(?<![\dA-Za-z])\d(?:[ -]{0,2}\d){16}[ -]{0,2}[\dXx](?![\dA-Za-z])/g;

/**
 * Whether a part of the reply holds a whole resident ID number. The reply goes to the city's
 * platform and back to the citizen, and may be shown to others (个人信息保护法): a person is
 * named by their last four digits at most.
 */
export function holdsIdNumber(text: string): boolean {
  return (asciiForms(text).match(EIGHTEEN) ?? []).some((n) => ID_NUMBER.test(n.replace(/[ -]/g, '')));
}
