import { judgeClause, normaliseReplyText } from './reply-substance.js';
import { NAMED_BODY } from './reply-vocabulary.js';

/**
 * 「事实清楚」: findings that say the cause, the responsible party or the facts were found
 * (已查明原因和责任方, 找到了问题所在, 责任方已明确, 相关问题已核实) without saying what or who are
 * an assertion, not a fact. Such a claim is accepted only when the findings go on to state it: a
 * cause (原因是…, 系…所致, 因…, 由于…, …导致…), a party (责任方为…, a company, a shop, a person),
 * or, right after the claim, what was found (已查明原因,楼内暖气管道积气). The complaint restated
 * (来电人反映的"…"情况属实) is the citizen's words and names nothing the unit found.
 */

const CAUSE_OBJECT = '(问题所在|问题根源|问题症结|问题原因|故障原因|原因|起因|成因|缘由|原由|根源|症结)';
const PARTY_OBJECT =
  '(责任方|责任人|责任单位|责任主体|责任归属|相关责任|责任(?!心|感|制|分工|书|区|田|险|范围|清单|意识|落实|追究))';
const FACT_OBJECT =
  '(相关情况|有关情况|具体情况|基本情况|事实情况|相关问题|有关问题|情况|问题|事实|来龙去脉)';
const VERB = '(查明|查清|查实|查出|找到|找出|明确|核实|核清|确认|确定|弄清楚|弄清|摸清|厘清|理清|掌握|锁定)';
const OBJECT = `(${CAUSE_OBJECT}|${PARTY_OBJECT})`;
const SEVERAL = `${OBJECT}([和及与、]${OBJECT})*`;
/** Not a document's name (责任确认书, 原因说明函). */
const NOT_DOCUMENT = '(?![书函单表])';

/** 已查明原因和责任方, 找到了问题所在, 查明了暖气不热的原因; 原因和责任方已查明, 责任方已明确. */
const CAUSE_CLAIM = [
  new RegExp(`${VERB}(了)?(清楚)?([^,;:。!?\\n]{0,12}?的)?(相关|有关|具体|主要)?${SEVERAL}${NOT_DOCUMENT}`),
  new RegExp(`${SEVERAL}(均|都|也)?(已经|已被|业已|已|基本|初步|全部)?(均)?${VERB}${NOT_DOCUMENT}`),
];
/** 相关问题已核实, 已查明相关情况: only a claim when the clause says nothing besides. */
const FACT_CLAIM = [
  new RegExp(`(已经|已|均已|现已|基本|全部|业已)${VERB}(了)?(清楚)?${FACT_OBJECT}`),
  new RegExp(`${FACT_OBJECT}(均|都)?(已经|已|业已|基本|全部|均已)${VERB}(清楚|清晰|明白|完毕)?`),
];

/**
 * The complaint restated and confirmed (来电人反映的"…"情况属实, 幸福家园暖气不热属实): taken off
 * before looking for a cause or a party, so a party named in the citizen's title is not one found.
 */
const RESTATED = [
  /(来电人|来电者|来信人|您|你|群众|市民|反映人|投诉人|举报人|诉求人)?所?(来电)?(反映|反应|投诉|举报|咨询|提出|诉求|所述|所说|称)(的|之)?[^,;。!?\n]{0,40}?(情况|问题|事项|事宜|现象|诉求)((基本|部分)?属实|不属实)?/g,
  /[^,;。!?\n:]*?(基本|部分|不)?属实/g,
];

/** Sentence and clause ends, as normaliseReplyText leaves them. */
const END = /[,;:。!?\n…]/;
const SENTENCE_END = /[;。!?\n…]/;

/** A cause introduced: 原因是…, 原因为…, 问题出在…, 原因: … (the rest of the sentence). */
const CAUSE_INTRO =
  /(原因|起因|成因|缘由|原由|根源|症结)(主要|初步|经查|经核实)?(是|为|系|在于|出在|出于|:)|问题(主要)?(出在|在于)/g;
/** 因…, 由于…, 因为… (not 原因, 起因, 因此, 因素). */
const CAUSE_CONJ = /(?<![原成诱病基起])(因为|由于|因)(?![此而素地])/g;
/** …所致, …造成, …导致, …引起: the cause is what comes before. */
const CAUSE_EFFECT = /(所致|造成|导致|引起|引发|致使)/g;
/** Words that fill a cause's place and say nothing (原因是多方面的, 系客观原因造成). */
const VAGUE_CAUSE =
  /多方面|多种|诸多|种种|各种|客观|主观|一些|某些|个别|特殊|其他|其它|复杂|历史|方面|原因|因素|问题|情况|相关|有关|上述|该|此|其|的|等/g;

/** A party introduced: 责任方为…, 责任人是…. */
const PARTY_INTRO =
  /(责任方|责任人|责任单位|责任主体|当事人|施工方|建设方|开发方|经营者|用人单位|承包方|出租方|承租方)(是|为|系|:)|责任(在于|在|属于|归)/g;
/** Words that fill a party's place and name nobody (责任方为相关单位, 责任人为有关人员). */
const VAGUE_PARTY =
  /相关|有关|上述|涉事|该|此|其|各|多方|双方|一方|方面|单位|部门|人员|个人|责任|主体|等|的|已|明确|查明/g;
/**
 * Someone named anywhere: a company, a shop, a farm, a project office, a person (马某, 李某某),
 * or the roles a finding blames (开发商, 物业, 房东). Not the replying body (我公司, 本公司).
 */
const PARTY_NAMED =
  /(?<![我本贵])(公司|集团|物业(?!费|管理费|服务费|用房)|开发商|项目部|施工队|工程队|劳务队|包工头|合作社|养殖场|养殖户|厂(?![房区址内外家])|商店|超市|餐馆|面馆|饭店|饭馆|餐厅|酒店|宾馆|旅馆|诊所|药店|药房|商行|门市部|培训机构|驾校|房东|店主|老板|业委会|业主委员会|施工单位|建设单位|用人单位|承包人|承包商|分包商)|[\p{Script=Han}]某{1,2}(?![\p{Script=Han}]{0,1}(公司|单位))|某某/u;

/** A clause that opens with what the unit did or will do, or with a formula, states no finding. */
const ACTION_LEAD =
  /^(已|将|并|现|目前|正在|立即|马上|随即|及时|督促|要求|责令|安排|组织|协调|联系|对|向|经|于|我|本|请|待|拟|计划|下一步|同时|特此|感谢|谢谢|如|若|属|接到|派)/;

/**
 * The clause right after a claim, stating what was found in plain words (楼内暖气管道积气): not
 * an action, not another claim, not a cause in words (系客观原因造成: statesCause judges those).
 */
function saysWhatWasFound(clause: string): boolean {
  if (ACTION_LEAD.test(clause) || claimIn(clause) !== null) return false;
  if (/原因|所致|造成|导致|引起|因/.test(clause)) return false;
  return hasContent(clause, 2) && named(clause, VAGUE_CAUSE);
}

function hasContent(span: string, min = 1): boolean {
  return judgeClause(span).content.length >= min;
}

function named(span: string, vague: RegExp): boolean {
  return (span.replace(vague, '').match(/[\p{Script=Han}A-Za-z\d]/gu) ?? []).length >= 2;
}

function statesCause(text: string): boolean {
  for (const m of text.matchAll(CAUSE_INTRO)) {
    const after = text.slice((m.index ?? 0) + m[0].length).split(SENTENCE_END)[0] ?? '';
    if (hasContent(after) && named(after, VAGUE_CAUSE)) return true;
  }
  for (const m of text.matchAll(CAUSE_CONJ)) {
    const after = text.slice((m.index ?? 0) + m[0].length).split(END)[0] ?? '';
    if (hasContent(after) && named(after, VAGUE_CAUSE)) return true;
  }
  for (const m of text.matchAll(CAUSE_EFFECT)) {
    const before = text.slice(0, m.index ?? 0);
    const pieces = before.split(END);
    let cause = (pieces.at(-1) ?? '').replace(/^.*?(?<![联关体维派])(系|是)/, '');
    // 「…循环泵烧毁,导致5号楼供暖中断」: the cause is the clause before.
    if (cause === '' && pieces.length > 1) cause = pieces.at(-2) ?? '';
    if (hasContent(cause) && named(cause, VAGUE_CAUSE)) return true;
  }
  return false;
}

function statesParty(text: string): boolean {
  for (const m of text.matchAll(PARTY_INTRO)) {
    const after = text.slice((m.index ?? 0) + m[0].length).split(END)[0] ?? '';
    if (named(after, VAGUE_PARTY)) return true;
  }
  return PARTY_NAMED.test(text.replace(NAMED_BODY, ',').replace(CHECKED_BY, ','));
}

/** Who checked or helped (经县供热公司技术人员入户检查, 会同供电公司): not the party found. */
const CHECKED_BY = /(经|由|据|会同|联合|协调|联系|邀请|委托|派|请)[^,;:。!?\n]{0,14}?(公司|集团)/g;

/** The findings' clauses, so a claim's next clause can be found. */
function clauses(text: string): string[] {
  return text.split(END).filter((c) => c.length > 0);
}

function claimIn(clause: string): string | null {
  for (const claim of CAUSE_CLAIM) {
    const m = clause.match(claim);
    if (m) return m[0];
  }
  for (const claim of FACT_CLAIM) {
    const m = clause.match(claim);
    // 「经核实,东门3盏路灯损坏的问题已确认」 states the fact itself.
    if (m && !hasContent(clause.replace(m[0], ','))) return m[0];
  }
  return null;
}

/**
 * The claim that the findings make without stating it (「已查明原因和责任方」), or null when they
 * make none, or state what they claim to have found.
 */
export function unnamedFinding(findings: string): string | null {
  const text = normaliseReplyText(findings);
  let own = text;
  for (const restated of RESTATED) own = own.replace(restated, ',');
  const parts = clauses(own);
  let first: string | null = null;
  for (const [i, clause] of parts.entries()) {
    const claim = claimIn(clause);
    if (!claim) continue;
    // 「已查明原因,楼内暖气管道积气」: what was found, said right after the claim.
    const next = parts[i + 1];
    if (next && saysWhatWasFound(next)) continue;
    first ??= claim;
  }
  if (first === null) return null;
  // A claim is no cause by itself: 原因 alone is not 原因是…, and 因 inside 原因 is not 因….
  if (statesCause(own) || statesParty(own)) return null;
  return first;
}
