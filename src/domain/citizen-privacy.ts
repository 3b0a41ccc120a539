import { can, type OrderSubject } from './policy.js';
import type { Actor } from './roles.js';
import { meaningfulLength } from './visible-text.js';

/**
 * A citizen's personal information as each viewer may see it (个人信息保护法, GB/T 35273 去标识化展示).
 *
 * - 'full': the office (it took the call and calls back) and the city platform for its own orders;
 * - 'masked': everyone else who may see the order — the handling unit, supervision, leaders.
 *   The unit gets the phone in full only by revealing it with a reason, recorded;
 * - 'hidden': an order marked 保密 at the citizen's request, for everyone but the office.
 */
export type ContactAccess = 'full' | 'masked' | 'hidden';

export function contactAccess(actor: Actor, subject: OrderSubject, confidential: boolean): ContactAccess {
  if (can(actor, 'workOrder.readCitizenContact', subject)) return 'full';
  return confidential ? 'hidden' : 'masked';
}

/** What stands in for every identity field of a 保密 order. */
export const CONFIDENTIAL_TEXT = '（保密）';

/** Why a unit is shown nothing of a 保密 order's caller (the refusal of a reveal or a history). */
export const CONFIDENTIAL_REFUSAL =
  '来电人要求保密，承办单位不能查看其姓名、电话和地址，也不能查看其历史工单。确需联系来电人的，请联系县热线办转达。';

const FULL_WIDTH = /[\uff01-\uff5e]/g;
/** Full-width digits and punctuation (１３８－…) as their ASCII forms: people type both. */
export function toHalfWidth(text: string): string {
  return text
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

const stars = (n: number) => '*'.repeat(Math.max(n, 0));

/**
 * A phone number with its middle hidden:
 * - a mobile keeps its first 3 and last 4 digits (「138****1234」, a +86 prefix kept);
 * - a landline keeps its area code and last 4 digits (「0931-****4567」);
 * - anything else keeps at most its last 4 digits and never more than half of them
 *   (a 5-digit number: 「***45」), so a short number is not shown whole.
 * Text without a digit is hidden entirely.
 */
export function maskPhone(raw: string): string {
  const text = toHalfWidth(raw).trim();
  if (text === '') return '';
  const plus = text.startsWith('+');
  const digits = text.replace(/\D/g, '');
  if (digits === '') return '****';
  const mobile = /^(86)?(1[3-9]\d)\d{4}(\d{4})$/.exec(digits);
  if (mobile) {
    const prefix = mobile[1] ? `${plus ? '+' : ''}86 ` : '';
    return `${prefix}${mobile[2]}****${mobile[3]}`;
  }
  if (/^0\d{9,11}$/.test(digits)) {
    // Beijing (010) and the 02x cities have 3-digit area codes; every other area code has 4.
    const areaLength = /^0[12]/.test(digits) ? 3 : 4;
    const local = digits.slice(areaLength);
    if (local.length >= 7 && local.length <= 8) {
      return `${digits.slice(0, areaLength)}-${stars(local.length - 4)}${local.slice(-4)}`;
    }
  }
  const keep = Math.min(4, Math.floor(digits.length / 2));
  return `${stars(digits.length - keep)}${digits.slice(digits.length - keep)}`;
}

/*
 * An address cut to where the matter is, without the house: the administrative levels
 * (省/市/县/乡镇/街道), then the village or community (村/社区), then the road (路/街/大道/巷),
 * each at most once and in that order; house and building numbers, compounds and 社/组 are cut.
 * 「小区」 is a compound, not a district, so it never ends the kept part.
 */
const NAME = '[^\\d\\s,，;；]{1,12}?';
const KEPT = new RegExp(
  `^(?:${NAME}(?:省|自治区))?(?:${NAME}(?:市|州|盟))?(?:${NAME}(?:县|(?<!小)区|旗))?` +
    `(?:${NAME}(?:乡|镇|街道))?(?:${NAME}(?:村|社区))?(?:${NAME}(?:大道|路|街|巷|胡同))?`,
);

/** The masked form of an address: its kept part and 「***」 where the rest was (「***」 when nothing is kept). */
export function maskAddress(raw: string): string {
  const text = toHalfWidth(raw).trim();
  if (text === '') return '';
  const kept = KEPT.exec(text)?.[0] ?? '';
  if (kept === text) return text;
  return `${kept}***`;
}

export interface CitizenIdentity {
  name: string;
  phone: string;
  address: string;
}

/** The identity as the viewer may see it. */
export function presentIdentity(access: ContactAccess, who: CitizenIdentity): CitizenIdentity {
  switch (access) {
    case 'full':
      return who;
    case 'masked':
      return { name: who.name, phone: maskPhone(who.phone), address: maskAddress(who.address) };
    case 'hidden':
      return { name: CONFIDENTIAL_TEXT, phone: CONFIDENTIAL_TEXT, address: CONFIDENTIAL_TEXT };
  }
}

export const REVEAL_REASON_MIN = 4;

/** Why a reveal reason is refused, or null when it will do. Punctuation and spaces do not count. */
export function revealReasonProblem(reason: string): string | null {
  if (meaningfulLength(reason) < REVEAL_REASON_MIN) {
    return `请说明查看完整号码的理由（至少 ${REVEAL_REASON_MIN} 个字，如「电话联系来电人核实情况」）。`;
  }
  return null;
}

/*
 * Phones, ID numbers and bank cards typed into free text, in half- or full-width digits, with the
 * spaces and dashes people put anywhere in them (138 1234 5678, 15 9081 62734, 0816—4710852,
 * 510726 19851106 1058, 6228 3483 9548 6205 798): a mobile (11, a +86 before), a landline with
 * its area code (in brackets too), a resident ID card (18, the last maybe X; or 15), a bank or
 * social security card (16–19), or a bare 7–8 digit local number right after a word that says it
 * is one (电话、手机、号码……). Never digits joined to letters or other digits: an order's code
 * (HY202612060001), a city number (SZ2026…), an amount or a date stays as typed; nor a number a
 * word names as a business's or a document's (发票代码、注册号、订单号……), which is no one's contact.
 * The mobile and the landline are tried first, so a phone typed before other figures
 * (13812345678 20260305) is not taken with them as one card.
 */
const D = '[0-9０-９]';
/** Between two digits: nothing, or up to two spaces or dashes (not a line break). */
const SEP = '[ \\t\\u3000\\-－—–]{0,2}';
const digits = (n: string) => `${D}(?:${SEP}${D})${n}`;
/** A digit said in characters, as a call-taker writes a number read out (一三九一零…). */
const SAID = '[零〇一二三四五六七八九幺]';
const NUMBER_KINDS = [
  `(?:[+＋]?[8８][6６]${SEP})?[1１]${SEP}[3-9３-９](?:${SEP}${D}){9}`,
  // read out in groups, with the commas of dictation or dots (130，5974，1680, 158.3004.5898); not
  // every dot, or a date range (2026.02.25-2026.03.10) would be taken for a card
  `[1１][3-9３-９]${D}[,，.．]${D}{4}[,，.．]${D}{4}`,
  `(?<!${SAID})一[三四五六七八九]${SAID}{9}(?!${SAID})`,
  `[(（]?[0０]${D}{2,3}[)）]?${SEP}[2-9２-９](?:${SEP}${D}){6,7}`,
  `${digits('{16}')}${SEP}[0-9０-９XxＸｘ]`,
  digits('{14}'),
  digits('{15,18}'),
  `(?<=(?:电话|手机|号码|联系|回电|致电|拨打|座机|固话|宅电|[Tt][Ee][Ll]|[Qq][Qq])[^0-9０-９]{0,4})[2-9２-９]${D}{6,7}`,
];
/** Words before a number that say it is a business's or a document's, not a person's. */
const NOT_PERSONAL =
  '(?:发票代码|发票号码|票据号码|票据号|票号|税号|注册号|信用代码|执照号|许可证号|订单号|单号|编号|编码|' +
  '受理号|合同号|批号|条码|流水号|交易号|序列号|备案号|案号)(?:是|为)?[:：\\s]{0,2}';
/** After the number: a unit says it is an amount or a quantity (13600000000元). */
const NOT_AFTER = '(?![0-9０-９A-Za-z])(?!\\s?(?:元|万|亿|块|平|米|吨|亩|公斤|斤|人|户|次|个|件))';
const NUMBER_IN_TEXT = new RegExp(
  `(?<![A-Za-zＡ-Ｚａ-ｚ0-9０-９])(?<!${D}[\\-－—–])(?<!${NOT_PERSONAL})(?:${NUMBER_KINDS.join('|')})${NOT_AFTER}`,
  'g',
);

/**
 * An ID card number joined to letters (学籍号 G510725201004216420 is the pupil's ID with a G):
 * taken when it is a real one, a birth date and the check character right (GB 11643).
 */
const ID_IN_CODE = /(?<![0-9０-９])[1-9１-９][0-9０-９]{16}[0-9０-９XxＸｘ](?![0-9０-９])/g;
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function isIdNumber(raw: string): boolean {
  const id = toHalfWidth(raw).toUpperCase();
  const born = /^\d{6}((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/.exec(id);
  if (!born) return false;
  const sum = ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17];
}

/**
 * A citizen's own words made fit for a page anyone may read (the public Open311 view): the
 * numbers in it masked as phones are, and the caller's name, wherever it was typed, cut to its
 * first character (「陈小明」→「陈**」). Other names it may hold are not known, so a public
 * view shows no order the citizen asked to keep confidential at all.
 */
export function maskForPublic(text: string, citizenNames: readonly string[] = []): string {
  let masked = maskNumbersInText(text);
  for (const name of citizenNames.map((n) => n.trim()).filter((n) => n.length >= 2)) {
    masked = masked.split(name).join(`${name[0]}${stars(name.length - 1)}`);
  }
  return masked;
}

/** Phones, ID and card numbers typed into free text, masked as phones are (「13912340000」→「139****0000」). */
export function maskNumbersInText(text: string): string {
  return text
    .replace(NUMBER_IN_TEXT, (n) => maskPhone(n))
    .replace(ID_IN_CODE, (n) => (isIdNumber(n) ? maskPhone(n) : n));
}

/**
 * A citizen's words (an order's title and content) as the viewer may see them: the office in full;
 * others with the phones and ID numbers in them masked as the phone field is, and on a 保密 order
 * the caller's name too — a confidential order's identity fields say 「(保密)」, and its content
 * must not then say who called and on what number.
 */
export function presentCitizenText(access: ContactAccess, text: string, citizenName: string): string {
  if (access === 'full') return text;
  return access === 'hidden' ? maskForPublic(text, [citizenName]) : maskNumbersInText(text);
}

const CONTACT_NUMBER = /^(?:\+?86[\s-]?)?\d(?:[\s-]?\d){6,}[Xx]?$/;

/**
 * Whether a search is for a phone or ID number (7 digits or more): those who see such numbers
 * masked may not find an order by them, or a guess could be tried until one matches.
 */
export function looksLikeContactNumber(q: string): boolean {
  return CONTACT_NUMBER.test(toHalfWidth(q).trim());
}
