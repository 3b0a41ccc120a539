import { judgeReplySubstance } from '../reply-substance.js';
import { invalid, requireText } from './effect.js';

/*
 * What a unit writes besides its reply: why it returns an order, a co-unit's opinion, why it needs
 * more time. Each must say something about this order, and a list of forbidden phrases cannot hold
 * real text (units write 「不属于我单位职责范围」 in endless wordings). So they are judged as a
 * reply's parts are (reply-substance.ts): the words that carry nothing are taken off — greetings,
 * transfers, bodies' names, officialese, and each kind's own stock — and words about the matter
 * must remain. Measured on test/corpus/unit-texts-*.jsonl, written by reviewers who never saw
 * these rules.
 */

const wordsOf = (list: string) => new Set(list.split(/\s+/).filter(Boolean));

/**
 * What every return says and which names no reason: duty, scope, powers, "the rules", and the
 * grounds that are none (difficulty, staff, an unreasonable demand, several departments).
 */
const RETURN_STOCK = wordsOf(`
  职责 职能 职权 范围 范畴 权限 管辖 受理 条件 主管 监管 对象 行业 领域 三定 方案 规定 文件 精神 分工
  相符 不符 符合 对口 不是 并非 属于 不属于 超出 具备 不具备 涉及 所涉 该项 此项 此事 这事 这件 多个 单独 不宜
  无法 无力 难以 难度 较大 很大 人手 人手不足 人员 不足 力量 紧张 繁重 历史 遗留 不合理 无理 无需 别人 他人
  其他 其它 另行 派单 贻误 恳请 予以 支持 研判 回退 退回 转办 建议 申请 管理 办理 处理 解决 负责 有关 相关
  清单 转有 专业 专业性 缺乏 技术人员`);

/** What every co-unit's opinion says when it says only that it will help. */
const CO_OPINION_STOCK = wordsOf(`
  协助 协办 配合 密切配合 全力 全力支持 全力以赴 支持 随时 联系 决不 推诿 扯皮 履职 积极履职 认真落实 落实
  当作 自己 妥善 妥善解决 妥善处理 召集 会后 派员 参加 派员参加 指定 联络员 对接 专人 安排 知晓 知悉 同意 意见
  如下 附件 按照 要求 职能 职责 分工 范围 依法依规 确保 满意 及时 反馈 跟进 有事 打电话 电话 联系人 如需 提供
  资料 认为 恰当 继续 引起 综合 施策 从根本上 解决问题 由来已久 共同努力 主管 调查核实 开展 调查 加大 加强 力度
  频次 相应 后续 需要 宣传 引导 思想 社会 稳定 充分认识 重要 意义 我队 我所 我站 我中心 我镇 我乡 我办 我委 我院`);

/** What every extension request says: that it asks, for how long, and that things take time. */
const EXTENSION_STOCK = wordsOf(`
  申请 延期 延长 工作日 请予 批准 按期 如期 办结 办完 难以 无法 短期内 妥善解决 时间 需要 特殊 复杂 较多
  繁重 紧张 任务 工作量 工作 人员 迎接 检查 牵涉面 涉及面 政策性 鉴于 确保 质量 满意 有序 推进 进一步
  调查核实 核实 协调 沟通 研究 请示 流程 处理 跟进 反馈 等待 难度 较大 遗留 历史 月底 五个 十个 诸多 综合 施策
  统筹 统筹考虑 省级 市级 县里 抽调 全部 本周 领导 出差 回来 外出 学习 培训 开会`);

/** Grounds that are no grounds for a return: they belong in the reply, or to the office. */
const NOT_RETURN_GROUNDS = new RegExp(
  [
    '难度|难以解决|无法解决|无力|历史遗留|专业性强|时间太短|时间不够|来不及',
    '人手|人员(不足|紧张|有限|太少)|仅\\d+人|力量(不足|薄弱)|缺乏|缺少[^，。,.]{0,8}人员',
    // Powers it lacks (无执法权, 无权查处), not a property without title (无产权).
    '(无|没有)[^，。,.]{0,6}(执法|管理|审批|处罚|处置|审核|行政)权|无权(处理|办理|查处|处罚|认定|拆除|管理|审批)',
    '不合理|于法无据|无理',
    '多个部门|多部门|几个部门|诸多部门|部门联合|联合处理|不宜',
    '不属实|与事实不符|未发现',
    '已答复|答复过|重复投诉|重复来电|缠访|闹访|信访程序',
    '法律途径|司法途径|通过诉讼',
  ].join('|'),
  'u',
);

/**
 * Whom a reason says the matter belongs to: 由县水利局负责, 归县公路段管, 属县医保局管理.
 * Naming the responsible body is a reason; only suggesting one (建议转办县水利局) is not, nor is
 * saying whose it is not (不属于我单位管理). Units often name the duty between the body and the
 * word (属县市场监督管理局价格监督检查职责): a few characters may stand there.
 */
const RESPONSIBLE_BODY =
  /(?<![不非])(由|归|属于?|系|在)(?![我本该其贵])([\p{Script=Han}\d()]{1,30}?(?:局|所|站|院|中心|公司|政府|办|办公室|委员会|委|队|段|处|科|会|部门|机关|企业|社区|村|镇|乡|街道|集团|厂|场)\)?)(的)?[\p{Script=Han}]{0,8}?(负责|主管|管理|管辖|监管|查处|处置|处理|办理|养护|管护|维护|审批|核发|受理|管|职责|职能|权限)/gu;

/**
 * Suggested units that name no unit (相关部门, 属地政府, 上级主管部门, 辖区派出所, 专业部门), or
 * the hotline office itself, to which a return goes anyway.
 */
const VAGUE_WORDS =
  /相关|有关|对口|属地|辖区|上级|其他|其它|主管部门|职能部门|所在地|当地|有职能|热线|不详|不清楚|未知|^(专业|业务|执法|行业|责任|有权|相应|对应)(部门|单位|机关)$/u;
/**
 * Kinds a county has many of: without its own name (城关镇, 川口镇中心学校) the office cannot
 * send the order anywhere. A county has one 水利局, one 供电公司; it has many 镇政府 and 派出所.
 */
const ONE_OF_MANY =
  /^(县|本县|我县|该|本)?(乡镇|镇|乡|街道|村|社区|小区|村委会|村民委员会|居委会|居民委员会|社区居委会|业委会|业主委员会|物业|物业公司|物业服务企业|物业企业|开发商|开发企业|建设单位|施工单位|用人单位|企业|公司|商户|学校|医院|卫生院|派出所|供电所|司法所|财政所|国土所|林业站|兽医站)(人民)?(政府|办事处|办)?$/u;

/**
 * Whether a reason names whose the matter is: a kind of body the county has one of (交通运输主管部门,
 * 县住建局), not 相关部门 or 属地乡镇. Looser than a suggested unit, which the office dispatches to.
 */
function namesBodyInReason(name: string): boolean {
  return !/相关|有关|其他|其它|对口|上级|别的|属地|辖区|当地/u.test(name) && !ONE_OF_MANY.test(name);
}

/** The two-character names people give bodies a county has one of (「城管」, not 「供水」). */
const SHORT_NAMES = new Set(
  '城管 交警 公安 税务 民政 医保 人社 住建 水务 水利 环保 生态 交通 教育 卫健 市监 工信 商务 信访 残联 妇联 消防 应急 司法 统计 审计 林业 农业 文旅 气象 邮政 电信 移动 联通 国网'.split(
    ' ',
  ),
);

/** Whether a unit's name lets the office send the order there. */
export function namesOneUnit(name: string): boolean {
  const n = name.normalize('NFKC').replace(/\s/gu, '');
  const length = (n.match(/[\p{L}\p{N}]/gu) ?? []).length;
  if (length < 3 && !SHORT_NAMES.has(n)) return false;
  return !VAGUE_WORDS.test(n) && !ONE_OF_MANY.test(n) && !/^(部门|单位|机构|科室)/u.test(n);
}

/** Whether words about the matter remain once the stock is off (two at least, as in a reply). */
const substance = (text: string, alsoEmpty: ReadonlySet<string>, thinness = true) =>
  judgeReplySubstance(text, { alsoEmpty, thinness }).substantive;

/** What every return (the lead's or a co-unit's) must say: why, and which unit should have it. */
export function returnGrounds(command: {
  reason: string;
  suggestedUnit: string;
  ownUnitNames?: readonly string[];
}) {
  const reason = requireText(
    command.reason,
    5,
    'RETURN_REASON_REQUIRED',
    '申请回退须说明回退原因（至少 5 个字）。',
  );
  const namesBody = [...reason.normalize('NFKC').matchAll(RESPONSIBLE_BODY)].some((m) =>
    namesBodyInReason(m[2] as string),
  );
  // A reason that gives no grounds (too hard, untrue, unreasonable) is refused unless it also says
  // whose the matter is.
  const noGrounds = NOT_RETURN_GROUNDS.test(reason.normalize('NFKC'));
  if (!namesBody && (noGrounds || !substance(reason, RETURN_STOCK, false))) {
    invalid(
      'RETURN_REASON_REQUIRED',
      noGrounds
        ? `「${reason}」不是回退的理由：处理难度、人手、诉求不合理、情况不属实或涉及多个部门，都应在答复中说明或报热线办协调；回退只用于不属于本单位职责的事项，须写明该事项由哪个单位负责、依据哪项规定或分工。`
        : `「${reason}」没有说明原因：请写明为什么不属于本单位，例如该事项是什么、由哪个单位负责、依据哪项规定或分工。`,
    );
  }
  const suggestedUnit = requireText(
    command.suggestedUnit,
    2,
    'RETURN_SUGGESTION_REQUIRED',
    '申请回退须写明建议转办的单位。',
  );
  if (/[、,，;；/]/u.test(suggestedUnit.normalize('NFKC').replace(/[,，;；、/\s]+$/u, '')))
    invalid(
      'RETURN_SUGGESTION_REQUIRED',
      `「${suggestedUnit}」写了不止一个单位：请只写一个建议转办的单位（牵头单位），其他单位可在回退原因中说明，由县热线办派为协办单位。`,
    );
  if (!namesOneUnit(suggestedUnit))
    invalid(
      'RETURN_SUGGESTION_REQUIRED',
      `「${suggestedUnit}」不是具体的单位：请写明建议转办单位的名称（如「县水务局」「川口镇人民政府」「某某社区居委会」）。`,
    );
  if (namesItself(suggestedUnit, command.ownUnitNames ?? []))
    invalid(
      'RETURN_SUGGESTION_SELF',
      `建议承办单位「${suggestedUnit}」是本单位：回退是把不属于本单位职责的工单交回县热线办另行派发，请写明应由哪个其他单位办理。`,
    );
  return { reason, suggestedUnit };
}

/** A unit name as compared: full-width folded, without spaces and the county's 县 before it. */
const unitKey = (name: string) =>
  name
    .normalize('NFKC')
    .replace(/[\s\p{P}]/gu, '')
    .replace(/^(本县|县)/u, '');

/**
 * Whether a suggested unit is the unit itself: its name or a synonym (县 or not), or a piece of its
 * name of three characters or more (「市场监督」 picked half-typed from the list).
 */
function namesItself(suggested: string, ownNames: readonly string[]): boolean {
  const key = unitKey(suggested);
  if (Array.from(key).length < 2) return false;
  return ownNames.some((name) => {
    const own = unitKey(name);
    return own === key || (Array.from(key).length >= 3 && own.includes(key));
  });
}

/** A co-unit's opinion to the lead: what it did, found or thinks of this matter, not that it will help. */
export function coOpinionGrounds(text: string): string {
  const content = requireText(text, 4, 'OPINION_TOO_SHORT', '协办意见须写明本单位的办理意见。');
  if (!substance(content, CO_OPINION_STOCK))
    invalid(
      'OPINION_TOO_SHORT',
      '协办意见须写明本单位就本事项做了什么、查明了什么或对处理的意见，「已收悉，将积极配合做好相关工作」之类的套话不算。',
    );
  return content;
}

/** Why a unit needs more time: what it waits for, or what stands in the way, not that it asks. */
export function extensionReason(text: string): string {
  const reason = requireText(text, 5, 'EXTENSION_REASON_REQUIRED', '申请延期须说明延期原因（至少 5 个字）。');
  if (!substance(reason, EXTENSION_STOCK))
    invalid(
      'EXTENSION_REASON_REQUIRED',
      `「${reason}」没有说明具体原因：请写明在等什么（检测报告、审批、资金、配件、会议……）或遇到了什么障碍（当事人联系不上、外出未归、正在诉讼……），以及预计何时能办结。`,
    );
  return reason;
}
