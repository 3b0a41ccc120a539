import { jiebaSegmenter } from './assistant/segmenter.js';
import { EMPTY_WORDS, HANDED_TO_BODY, isBodyName, LONG_EMPTY_WORDS } from './reply-vocabulary.js';

/**
 * Whether one part of a reply (办理情况 or 处理结果) says anything about the matter
 * (「杜绝出现一句话答复」). A list of forbidden phrases cannot hold real text: replies transfer,
 * refer and acknowledge in endless wordings. So the rule works the other way round: it removes
 * everything that carries no substance — greetings, thanks, sign-offs, the restated topic,
 * transfers, referrals, acknowledgements, promises, bodies' names, dates — and asks whether
 * words about the matter remain (what was found, where, what was done or decided, on what).
 * A transfer clause therefore does not spoil a reply that goes on to say what was done.
 */

export type ClauseKind = 'courtesy' | 'referral' | 'formula' | 'substance';

export interface ClauseVerdict {
  clause: string;
  kind: ClauseKind;
  /** The words that carry substance (empty unless kind is `substance`). */
  content: string[];
}

export interface SubstanceVerdict {
  substantive: boolean;
  clauses: ClauseVerdict[];
}

/** Words about the matter needed across a part; one word ("已处理垃圾") is not a reply. */
export const MIN_CONTENT_WORDS = 2;

// The dictionary takes about half a second to load: at start-up (when this module is loaded),
// not inside the first user's reply check. The same jieba as the assistant's.
jiebaSegmenter('');
const words = jiebaSegmenter;

/**
 * One spelling for the same text: NFKC turns full-width letters, digits and punctuation
 * (，；！？：（）) into ASCII; the ideographic full stop and enumeration comma stay, quotes go,
 * and spaces inside a line (often typed between every character) are dropped.
 */
export function normaliseReplyText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\r\n?/g, '\n')
    .replace(/[“”‘’"'「」『』]/g, '')
    .replace(/[^\S\n]+/g, '');
}

/**
 * Clauses split on ，。；！？：,.;!?: and line breaks; a full stop or colon between digits
 * (2.4万元, 8:00) stays. List markers (一、 (1) 1. ①) are taken off each clause.
 */
export function splitReplyClauses(text: string): string[] {
  return normaliseReplyText(text)
    .split(/[,;!?\n。…]+|(?<!\d)[.:]|[.:](?!\d)/)
    .map((c) => c.replace(LIST_MARKER, ''))
    .filter((c) => c.length > 0);
}

const LIST_MARKER =
  /^(\(?[一二三四五六七八九十\d]{1,3}\)|[一二三四五六七八九十\d]{1,3}、|第[一二三四五六七八九十]{1,3}[,、]?)/;

/** Greetings, thanks, wishes, apologies and sign-offs: a clause of its own, never substance. */
const COURTESY = [
  /^(尊敬的|亲爱的)?.{0,8}(您好|你好)$/,
  /^(尊敬的|亲爱的)/,
  /^(非常|十分|衷心|再次)?(感谢|谢谢|多谢|祝|欢迎)/,
  /(谅解|理解和支持|理解与支持|关心和支持|关心与支持|支持和监督|支持与监督|关注和支持|监督和支持|带来的不便)$/,
  /^(敬请|请您?|望)(耐心)?(等待|理解|谅解|知悉|留意|关注)/,
  /^特此(回复|答复|说明|函告)$/,
  /保持(电话|手机|联系方式)畅通/,
  /^如(有|还有|对).{0,12}(疑问|问题|异议|不满|需要|意见)/,
];

/**
 * Pointing the citizen elsewhere instead of answering (建议您拨打…咨询, 请向…反映, 可登录…查询):
 * the clause is not substance whatever it names.
 */
const REFERRAL =
  /(建议|请|烦请|您可|(?<![许认不即均方宁也亦])可以?|如需|需要时)(您|来电人|市民|群众|家长)?(直接|自行|本人)?.{0,14}?(拨打|致电|联系|咨询|登录|登陆|关注|前往|到|向|通过|查询|查阅|反映|投诉|举报|报案|申请|携带|依法维权|走.{0,4}途径)/;

/** The topic restated (您反映的…问题, 关于…的情况): it tells nothing the citizen did not say. */
const RESTATED_TOPIC = [
  /(关于|针对|就|对于?)?(您|你|来电人|群众|市民|来信人)?(所)?(来电|来信|留言)?(反映|反应|咨询|投诉|举报|提出|来电反映|诉求|留言|建议)(的|之)?.{0,30}?(问题|情况|诉求|事项|事宜|建议|意见|事)/g,
  /(关于|针对|就)[^,]{0,30}?(问题|情况|诉求|事项|事宜|建议|意见)/g,
];

const NUMBER_OR_TIME =
  /^[\d.%℃×\-~/]+$|^[\d.]*(年|月|日|号|时|点|分|日前|日后|号前|前|底|初|中旬|上旬|下旬|万元|元)$/;

function contentWords(clause: string): string[] {
  let rest = clause;
  for (const topic of RESTATED_TOPIC) rest = rest.replace(topic, ',');
  rest = rest.replace(HANDED_TO_BODY, '$1,').replace(LONG_EMPTY_WORDS, ',');
  return rest
    .split(',')
    .flatMap((piece) => (piece ? words(piece) : []))
    .filter(
      (w) =>
        w.length >= 2 &&
        /\p{Script=Han}/u.test(w) &&
        !NUMBER_OR_TIME.test(w) &&
        !EMPTY_WORDS.has(w) &&
        !isBodyName(w),
    );
}

export function judgeClause(clause: string): ClauseVerdict {
  if (COURTESY.some((c) => c.test(clause))) return { clause, kind: 'courtesy', content: [] };
  if (REFERRAL.test(clause)) return { clause, kind: 'referral', content: [] };
  const content = contentWords(clause);
  return { clause, kind: content.length > 0 ? 'substance' : 'formula', content };
}

/** The verdict on one part of a reply, with each clause's kind (for tests and for the message). */
export function judgeReplySubstance(text: string): SubstanceVerdict {
  const clauses = splitReplyClauses(text).map(judgeClause);
  const content = clauses.reduce((n, c) => n + c.content.length, 0);
  return { substantive: content >= MIN_CONTENT_WORDS, clauses };
}
