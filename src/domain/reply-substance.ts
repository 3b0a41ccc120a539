import { jiebaSegmenter } from './assistant/segmenter.js';
import { EMPTY_WORDS, HANDED_TO_BODY, isBodyName, LONG_EMPTY_WORDS, NAMED_BODY } from './reply-vocabulary.js';

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
    .replace(CONTACT_LINE, ',')
    .split(/[,;!?\n。…]+|(?<!\d)[.:]|[.:](?!\d)/)
    .map((c) => c.replace(LIST_MARKER, ''))
    .filter((c) => c.length > 0);
}

/**
 * Who to call, and their number (联系人:李明,联系电话:0972-8521234): the reply's own signature,
 * not its substance; a person's name would otherwise count as a word about the matter.
 */
const CONTACT_LINE =
  /(联系人|承办人|经办人|办理人|负责人|签发人|审核人|核稿人):[\p{Script=Han}·]{2,4}(?=[,;。\n电手联签审答]|$)|(联系电话|办公电话|电话|手机|联系方式):?[\d\-()+转]{5,}|(答复单位|承办单位|办理单位|回复单位):[^,;。\n]*/gu;

const LIST_MARKER =
  /^(\(?[一二三四五六七八九十\d]{1,3}\)|[一二三四五六七八九十\d]{1,3}、|第[一二三四五六七八九十]{1,3}[,、])/;

/** Greetings, thanks, wishes, apologies and sign-offs: a clause of its own, never substance. */
const COURTESY = [
  /^(尊敬的|亲爱的)?.{0,8}(您好|你好)$/,
  /^[\p{Script=Han}X*]{0,4}(先生|女士|同志|师傅|老师|市民|朋友|网友|老乡)(们)?$/u,
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
 * the clause is not substance whatever it names. The lead must address the citizen: 请 inside
 * 申请 or 邀请, or after 已 (已请施工单位…, the unit asking someone to act), is not a referral,
 * and 可 is one only with the step right after it (可拨打, 可到…办理), not 可于12月底完工.
 */
const PERSON = '(您|你|来电人|市民|群众|家长|当事人|其|本人)';
const GO_TO =
  '(到|去|前往)[^,]{0,14}?(办理|申请|咨询|反映|投诉|查询|了解|领取|报名|登记|就诊|维权|起诉|解决)';
const THROUGH = '通过[^,]{0,12}?(申请|反映|投诉|举报|查询|咨询|维权|途径|渠道|诉讼|仲裁|调解|起诉|协商|解决)';
const STEP = `((与|和|同|找)[^,]{0,10}?(协商|沟通|商量)|自行协商|自行解决|拨打|致电|联系|咨询|登录|登陆|关注|去找|另寻|另找|向|查询|查阅|反映|投诉|举报|报案|申请|携带|依法维权|起诉|走.{0,4}途径|${GO_TO}|${THROUGH})`;
const REFERRAL = [
  // 建议您…, 建议来电人通过…, 建议直接拨打… (not 您的建议, 提出的建议已…)
  new RegExp(`(?<![的出条项])建议${PERSON}?(直接|自行|及时|尽快)?[^,]{0,14}?${STEP}`),
  // 请您…, 烦请来电人…; a clause opening with 请 (请到…办理)
  new RegExp(
    `(烦请|请${PERSON}|^[^,]{0,4}?(?<![已并即再均现申邀聘提报敬恳宴])请|(详情|具体情况|具体)请)[^,]{0,14}?${STEP}`,
  ),
  // 您可…, 如需…, 需要时…
  new RegExp(`(您可以?|你可以?|(您|你)(自己|自行)|如需|如有需要|需要时)[^,]{0,14}?${STEP}`),
  // 可拨打, 可直接到…办理, 可向…反映 (the step right after 可)
  new RegExp(`(?<![许认不即均方宁也亦])可以?(直接|自行|本人|持[^,]{0,8}?)?${STEP}`),
  // 可与其直接联系, 可和物业协商: someone to turn to, a few words after 可
  /(?<![许认不即均方宁也亦])可以?(与|和|同|向)[^,]{0,8}?(联系|咨询|反映|协商|沟通)/,
];

/** The topic restated (您反映的…问题, 关于…的情况): it tells nothing the citizen did not say. */
const RESTATED_TOPIC = [
  /(关于|针对|就|对于?)?(您|你|来电人|群众|市民|来信人)?(所)?(来电|来信|留言)?(反映|反应|咨询|投诉|举报|提出|来电反映|诉求|留言|建议)(的|之)?.{0,30}?(问题|情况|诉求|事项|事宜|建议|意见|事|的投诉|的举报|的来电|的来信)(?!(基本|部分|不)?属实)/g,
  /(关于|针对|就)[^,]{0,30}?(问题|情况|诉求|事项|事宜|建议|意见|一事|的事)(?!(基本|部分|不)?属实)/g,
];

/** A law or document cited (《道路交通安全法》第九十条): where the rule is, not what was found or done. */
const CITATION = /《[^》]*》|第[一二三四五六七八九十百千零〇两\d]+[条款项]/g;

const NUMBER_OR_TIME =
  /^[\d.%℃×\-~/]+$|^[\d.]*(年|月|日|号|时|点|分|日前|日后|号前|前|底|初|中旬|上旬|下旬|万元|元)$|^[一二两三四五六七八九十几半]+个?(天|日|周|月|年|小时)$/;

function contentWords(clause: string): string[] {
  let rest = clause;
  for (const topic of RESTATED_TOPIC) rest = rest.replace(topic, ',');
  rest = rest
    .replace(CITATION, ',')
    .replace(HANDED_TO_BODY, '$1,')
    .replace(NAMED_BODY, ',')
    .replace(LONG_EMPTY_WORDS, ',');
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
  if (REFERRAL.some((r) => r.test(clause))) return { clause, kind: 'referral', content: [] };
  const content = contentWords(clause);
  return { clause, kind: content.length > 0 ? 'substance' : 'formula', content };
}

/**
 * A long part whose words are nearly all formula (高度重视…成立工作专班…压实责任…确保妥善解决):
 * officialese, a few words of which no list will ever hold, so it is judged by how thin its
 * substance is. Measured on the corpora (2026-12-06): such letters had at most 0.20 of their
 * words (greetings and thanks aside) about the matter, real replies of that length at least 0.29.
 * A part with a figure in what it says is not judged so: a padded letter may still hold the facts.
 * Short parts are judged by their words alone.
 */
export const OFFICIALESE = { minWords: 30, minShare: 0.25 };
/** Dates, times, a document's number and the hotline's: every letter has them, facts or not. */
const NOT_A_FIGURE =
  /\d+(年|月|日|号|时|点|分)|\d+:\d+|[〔[(]\d{4}[〕\])]\d*号?|《[^》]*》|12345|\d+路(公交)?(?=车)/g;

function wordCount(clauses: ClauseVerdict[]): number {
  return clauses
    .filter((c) => c.kind !== 'courtesy')
    .flatMap((c) => words(c.clause))
    .filter((w) => w.length >= 2 && /\p{Script=Han}/u.test(w)).length;
}

/**
 * The verdict on one part of a reply, with each clause's kind (for tests and for the message).
 * Words are counted once each: saying 条件 twice says no more than saying it once. The units' other
 * texts (a return's reason, a co-unit's opinion, an extension's reason) are judged the same way
 * with their own stock words (workflow/text-grounds.ts).
 */
export function judgeReplySubstance(
  text: string,
  { alsoEmpty, thinness = true }: { alsoEmpty?: ReadonlySet<string>; thinness?: boolean } = {},
): SubstanceVerdict {
  // `alsoEmpty`: the stock words of another kind of text (a return's 职能, an extension's 申请延期).
  // `thinness`: whether a long text is judged by how thin it is (not a return: what it restates,
  // 来电人反映的…问题, is what its reason is about).
  const judged = splitReplyClauses(text).map(judgeClause);
  const clauses = judged.map((c) => {
    if (!alsoEmpty) return c;
    const content = c.content.filter((w) => !alsoEmpty.has(w));
    return { ...c, content, kind: c.kind === 'substance' && content.length === 0 ? 'formula' : c.kind };
  });
  if (new Set(clauses.flatMap((c) => c.content)).size < MIN_CONTENT_WORDS)
    return { substantive: false, clauses };
  // How thin a long text is, by the words of any text's formula only: a return's 职责 and 管理 are
  // the words its reason is about, not padding.
  const content = new Set(judged.flatMap((c) => c.content)).size;
  const said = wordCount(clauses);
  // A figure in what it says (3月5日到现场, 积水约30厘米) is a fact, however much formula is round it.
  const figures = clauses.some(
    (c) => c.kind === 'substance' && /[0-9０-９]/.test(c.clause.replace(NOT_A_FIGURE, ',')),
  );
  const thin = thinness && said >= OFFICIALESE.minWords && content / said < OFFICIALESE.minShare && !figures;
  return { substantive: !thin, clauses };
}

/**
 * Whether a 处理结果 says what was done or decided, or what will be and when: its words of
 * outcome (已…, 将…, 予以/不予, 完成, 恢复, 责令, 罚款, 暂不…), or a determination that settles
 * the matter (符合标准, 不属于C、D级危房, 调整为…自12月1日起执行). A finding alone (「经查,积水是管道
 * 堵塞所致」, 「情况属实」) is what was found, not what was done about it.
 */
const OUTCOME =
  /已(?!经?(有|达|近|超过|连续|持续|使用|损坏|严重|老化|锈蚀|开裂|渗|失联|变形|满载|伸入|过期|失效|倒塌|破损|脱落|堵塞|停用|离职|去世|欠|拖欠|被|出现|发生|形成|造成|导致|三|两|\d|[一二三四五六七八九十几多数半]+[个年月天日周次]))|将|予以|不予|可以|可于|可在|符合|合法|合规|齐全|正常|达标|无误|未发现|完毕|结案|竣工|验收|修好|不属于|不存在|不涉及|调整|执行|生效|完成|恢复|修复|解决|办结|正在|目前|现在|同意|承诺|决定|安排|暂不|暂时|不能|不再|计划|预计|拟|责令|要求|处罚|罚款|立案|告知|退还|退款|支付|发放|补发|拆除|清理|清除|更换|安装|维修|整改|关停|取缔|下架|没收|吊销|撤销|约谈|调解|达成|签订|确认|批准|受理|办理|落实|协调|督促|答复|回复|不在|不得|无需|不需要|不用|报销/;

/**
 * What a village or a community writes when it has done the thing (砌好了, 商量好了, 新装了12个充电口,
 * 派医生来坐诊, 4月底前把羊圈挪到…): the plain words of a deed or of a dated promise.
 */
const DONE_PLAINLY = new RegExp(
  [
    '(?<![很更最较太不还就也都快没])[\\p{Script=Han}](好|完|掉)了',
    '(装|换|修|拆|清|挪|搬|补|退|赔|铺|填|砌|焊|刷|疏通|种|栽|移|封|堵|停|改|建|推|劝|罚|扣|撤|贴|立|设|接|签|抓)了',
    '派(?!出所)[^,]{0,4}?(医生|人员|专人|车|人|队)',
    '(底|初|中旬|日|号|周|天|年)(之前|以前|前|以内|内)[^,]{0,6}?(把|将|完成|修|建|装|挪|搬|拆|发|退|办)',
  ].join('|'),
  'u',
);
/** A promise or a state of work with no date: in a formula clause (将依法依规处理) it is no result. */
const UNDATED_PROMISE = /将|正在|目前|现在|计划|预计|拟|可以|可于|可在/g;
/** What was never approved or done is a finding (未经任何部门批准, 津贴未发放), not an outcome. */
const NEVER_APPROVED =
  /(未经[^,]{0,10}?|(尚未|未能|从未|没有|未|没)(及时|按时|按期|按规定)?)(批准|同意|许可|审批|备案|验收|发放|支付|退还|退款|补发|办理|完成|安装|维修|整改|清理|更换|答复|回复|落实|签订|确认|受理|告知|执行|调整|恢复|修复|解决|办结)/g;

/**
 * An urging with no result, date or deadline (已督促物业尽快维修, 已要求施工单位及时整改): the unit
 * passed the matter on with a word of haste, and nothing says what happened or by when. 责令 is
 * an order with legal force and stays an outcome; a date, a deadline or a completion makes it one.
 */
const URGED_ONLY = /(督促|要求|敦促|催促|提醒|协调)[^,;。]{0,24}?(尽快|及时|抓紧|尽早|加快|认真|积极)/;
const WHEN_OR_DONE =
  /\d|[一二三四五六七八九十两]+[个]?(月|日|天|周|小时|个工作日)|日前|日内|天内|周内|月底|年底|本周|本月|完毕|完成|修好|已修|已清|恢复|办结|到位/;

export function statesOutcome(verdict: SubstanceVerdict): boolean {
  // What the citizen is pointed to do (建议…通过司法途径解决) is not what the unit did.
  return verdict.clauses.some((c) => {
    if (c.kind !== 'substance' && c.kind !== 'formula') return false;
    const dated = WHEN_OR_DONE.test(c.clause);
    let said = c.clause.replace(NEVER_APPROVED, ',');
    if (c.kind === 'formula' && !dated) said = said.replace(UNDATED_PROMISE, ',');
    if (DONE_PLAINLY.test(said)) return true;
    return OUTCOME.test(said) && !(URGED_ONLY.test(said) && !dated);
  });
}
