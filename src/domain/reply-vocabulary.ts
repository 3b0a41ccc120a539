/**
 * The words a reply may be made of without saying anything about the matter: who speaks and
 * to whom, bodies, handing on, promising, acknowledging, generic handling verbs and vague
 * qualities. What is left once they are removed is the substance of the reply. The lists are
 * word classes, not sentences, so new wordings of a formula are still recognised.
 */
const GROUPS: Record<string, string> = {
  people:
    '您 你 您们 我们 我局 我委 我办 我镇 我乡 我单位 我中心 我所 我院 我校 本局 本单位 本部门 本人 ' +
    '来电人 来电者 来信人 群众 市民 居民 本件 该件 此件 工单 诉求人 当事人 投诉人 举报人 ' +
    '领导 局领导 主要领导 分管领导 专人 人员 工作人员 干部 同志 相关人员 有关人员 责任人 负责人 相关负责人 ' +
    '企业 先生 女士',
  pronouns:
    '该 此 其 这 那 此事 该事 此类 这类 该问题 此问题 这个 那个 有关 相关 以上 上述 如下 下列 ' +
    '其中 各 各位 各项 对此 为此 因此 对其 由其 由于 现在 目前 现已 已经 已于 现将 立即 随即 ' +
    '马上 第一时间 当即 后续 下一步 今后 以后 届时 近期 近日 日前 同时 并且 而且 以及 或者 ' +
    '及时 尽快 尽早 积极 认真 切实 全力 努力 持续 继续 进一步 高度 非常 十分 已将 将会 将于',
  subjects:
    '问题 情况 事项 事宜 诉求 意见 建议 反映 来电 来信 留言 内容 材料 工作 事情 事件 情形 ' +
    '方面 范围 职责 职能 职责范围 管辖 管辖范围 属地 辖区 权限 环节 渠道 途径 方式 程序 流程 ' +
    '政策 法律 法规 规定 要求 有关规定 相关规定 按规定 按照 依照 依据 根据 依法 依规 依法依规 ' +
    '不属于 属于 不属 归口 分工',
  bodies:
    '部门 单位 职能部门 主管部门 有关部门 相关部门 有关单位 相关单位 责任单位 承办单位 上级 ' +
    '上级部门 属地政府 政府 科室 机构 组织 平台 热线 窗口 网站 公众号 电话 服务热线 联系电话',
  handing:
    '转交 转给 转至 转到 转办 转派 转请 转送 转去 转过去 批转 交由 交给 交办 移交 移送 推送 函告 函转 ' +
    '派发 下发 分派 分流 报送 呈报 上报 报请 提交 反馈 反馈给 告知 转达 通知 指派 安排 责成 ' +
    '联系 对接 沟通 协调 会同 联合 配合 负责 承办 牵头 协办 督办 交 转',
  handling:
    '处理 办理 处置 核查 核实 调查 了解 查看 研究 解决 答复 回复 回应 落实 跟进 跟踪 关注 ' +
    '督促 督导 监督 监管 管理 加强 加大 力度 重视 高度重视 非常重视 妥善 妥善处理 认真研究 ' +
    '处理完毕 办理完毕 已处理 已办理 已解决 已答复 已办结 办结 完毕 完成 结束 整改 整治 ' +
    '检查 巡查 排查 核准 审核 审查 研判 分析 论证 商议 商讨 讨论 部署 推进 推动 开展 展开 ' +
    '进行 实施 采取 措施 做好 搞好 做到 确保 保障 提升 提高 改进 改善 规范 完善 服务 水平 ' +
    '质量 效率 效能 能力 意识 责任 防止 避免 杜绝 再次 发生 稳妥 合理 合法 依法处理 依规处理 ' +
    '等待 耐心 理解 谅解 支持 感谢 谢谢 满意 不满意 表示 认可 同意 接受 属实 不属实 情况属实 ' +
    '收到 收悉 已收悉 看到 知悉 知道 记录 登记 受理 已阅 阅 收 重复 此前 之前 原件 原答复 ' +
    '多次 已经看到 记录在案 在案 进展 结果 处理结果 办理结果 情况说明 说明 解释 答复如下 ' +
    '回复如下 现答复 现将 经查 经核实 经研究 经调查 经了解 经 核 正在 积极协调 协调解决 ' +
    '进一步提升 进一步加强 及时处理 尽快处理 尽快解决 尽快答复 予以 给予 作出 做出 拿出 ' +
    '前往 到达 赶赴 派员 派人 上门 电话联系 沟通联系 联系来电人 取得联系 有进展 将及时 ' +
    '按规定办理 按规定处理 依职责 职责分工 不再 不再重复 已转 第一时间 下一步 工作力度 来电人 来电者 ' +
    '按规定 按要求 依据职责 涉及 历史遗留 遗留问题 历史遗留问题 需多 多部门 争取 积极争取 上级支持 ' +
    '城管 队员 城管队员 执法人员 执法队员 网格员 网格 民警 现场 已派 派 纳入议事日程 议事日程 日程 ' +
    '请于 已为 所说 得知 考虑 予以考虑 采纳 参考 市里 县里 乡里 镇里 已交 需要 时间 一定时间 其于 答复后 再回复',
  // Receipt, reference and sign-off words: a reply that only points at another text.
  pointing:
    '签收 另行 另行答复 另行告知 详见 见附件 附件 具体 口径 答复口径 前次 上次 同前 同上 赘述 不再赘述 ' +
    '联系人 联系方式 承办人 经办人 回退 改派 申请回退 退回 重复件 派单 重新 重新派单',
  // The officialese of a reply that promises and praises but reports nothing done or found.
  officialese:
    '条件 解决条件 具备 暂不具备 暂不 成熟 条件成熟 统筹 统筹考虑 统筹推进 纳入 计划 工作计划 强化 优化 ' +
    '营商环境 满意度 群众满意度 知晓 择机 专班 工作专班 压实 压实责任 合力 形成合力 亲自 过问 亲自过问 ' +
    '靠前 指挥 靠前指挥 妥善处置 安抚 安抚工作 情绪 稳定 情绪稳定 日常 日常监管 较为 复杂 较为复杂 ' +
    '早日 争取早日 批评教育 改正 立即改正 责令 限期 限期整改 不归 基本 基本属实 得到 原因 历史原因 造成 ' +
    '解释 解释工作 做好解释 说服 疏导 说服疏导 取得 取得理解 群众理解 无理取闹 缠访 不予理会 理会 ' +
    '接到 接件 当日 今日 召开 专题会议 会议 研究部署 股室 本着 态度 负责任 群众满意 坚决 类似 ' +
    '类似问题 再次发生 批复 再行 留意 详情 举一反三 长效机制 建立 迅速 行动 迅速行动 赶赴 赶赴现场 ' +
    '批示 作出批示 执法 问效 跟踪问效 维护 群众利益 党组 通过 随件 附后 随件附后 形成 书面报告 ' +
    '报告 坚持 人民 发展 思想 以人民为中心 全力以赴 抓好 到位 整改到位 与其 决定 研究决定 ' +
    '法律法规 符合条件 不符合条件 函告 阅批 直接 后续 事项 进行',
  // Praise of the unit's own line of work and of its resolve (2026-12-06 review): a long letter made of
  // these reports nothing, however many of them it holds.
  resolve:
    '机制 体制 体制改革 改革 深化 完善 健全 建立健全 优化 增强 不断 始终 牢固 树立 导向 问题导向 担当 ' +
    '站位 政治站位 政治 思想认识 作风 获得感 幸福感 安全感 人民至上 生命至上 至上 契机 以此为契机 以此 ' +
    '宝贵 财富 宝贵财富 期盼 朴素 义不容辞 深知 深感 感动 深受感动 责任重大 一如既往 民生 之本 事业 ' +
    '营造 打造 巩固 成果 整治成果 切身利益 利益 公平正义 温暖 急难愁盼 急难 出发点 落脚点 首问负责制 ' +
    '首问 负责制 限时办结制 追究制 责任追究制 主体责任 主体 联动 放管服 领导小组 组长 副组长 成员 ' +
    '分工 责任分工 细化 精干 力量 精干力量 抽调 成立 解决方案 方案 回音 件件 事事 体现 责任感 主人翁 ' +
    '近年来 一直 阅读 认真阅读 人民满意 办好 有效 回应 专题研究 为准 最终 按程序 备案 登记备案 ' +
    '自查 自查自纠 无法 接通 无法接通 满足 无法满足 约定 近日 结合 各自 多个 多家 多方 ' +
    '应由 应当由 原则 范畴 内部 不符 实际 与实际不符 信息 发布 关心 关注 广大 更加 全力 打造 营造 ' +
    '立即行动 明确责任 人民群众 有序 优美 良好 美丽 宜居 宜业 有力 有效回应 目标 任务 重点 难点 ' +
    '治理 综合治理 常态化 长效 常抓不懈 久久为功 高位推动 统筹协调 多措并举 齐抓共管 标本兼治 ' +
    '阅处 阅示 审阅 县长 副县长 镇长 副镇长 乡长 副乡长 之间 合法权益 权益 ' +
    '向上 积极向上 适时 出台 住建 交警 规划 协同 协同推进 区域 一起 查处 发现一起查处一起 秩序 市场秩序 ' +
    '巡查监管 专业 专业性 较强 立案 立案调查 调查结果 全县 全镇 全乡 全市 专项 专项整治 专项行动 整治行动 ' +
    '一并 村里 找人 看看 知道了 时限 按时 项目 资金 争取中 编制 十四五 十五五 倾听 细致 耐心细致 跟踪服务 特此',
};

export const EMPTY_WORDS: ReadonlySet<string> = new Set(
  Object.values(GROUPS).flatMap((g) => g.split(/\s+/).filter(Boolean)),
);

/**
 * A body's name (县住建局, 城关镇人民政府, 消费者协会, 劳动监察大队): naming who will handle
 * the matter says nothing about the matter, so a transfer to any named body stays a formula.
 */
const BODY_SUFFIX =
  /(部门|单位|局|厅|委|委员会|办|办公室|办事处|政府|人民政府|镇政府|乡政府|中心|协会|大队|中队|支队|分局|科|科室|股|处|所|站|院|庭|社区|村委会|居委会|街道|公司|集团)$/;
/**
 * One-character suffixes that end ordinary words more often than bodies' names when the word is
 * two characters (补办, 诊所, 住院, 内科, 好处, 大厅): such a word is a body only if listed here.
 */
const SHORT_SUFFIX = /^.(办|所|院|科|处|股|厅|站|庭)$/;
const SHORT_BODIES = new Set(['医院', '法院', '省厅', '党办', '政办', '县委', '车管所']);
/** Longer words with a body's ending that name things, not bodies (加油站 is what is complained of). */
const NOT_BODY = new Set([
  '布局',
  '格局',
  '结局',
  '大局',
  '全局',
  '骗局',
  '加油站',
  '加气站',
  '充电站',
  '公交站',
  '汽车站',
  '火车站',
  '客运站',
  '中转站',
  '垃圾站',
  '转运站',
  '收费站',
  '四合院',
  '办事大厅',
  '服务大厅',
  '营业厅',
  '交叉处',
  '拐角处',
  '破损处',
  '转弯处',
  '连接处',
  '入口处',
  '出口处',
  '招待所',
  '托儿所',
  '避难所',
]);

/**
 * A body named right after a handing-on verb (转交县人社局劳动监察大队, 移交县城市管理综合执法局,
 * 由川口镇): jieba splits long names into ordinary words, so the whole name is taken off first.
 */
const BODY_NAME_PART =
  '[\\p{Script=Han}\\d]{0,14}?(部门|单位|局|委员会|委|办公室|办事处|人民政府|政府|中心|协会|大队|中队|支队|分局|科室|社区|村委会|居委会|街道|公司|派出所|所|站|院|镇|乡|村|学校|中学|小学|幼儿园|属地|热线办|办)';
export const HANDED_TO_BODY = new RegExp(
  `(转交|转给|转至|转到|转办|转派|转请|转送|转由|分转|批转|函告|函转|交办|交由|交给|移交|移送|推送|报送|反馈给|分派|派发|下发|责成|联系|会同|改派|回退|退回|由|(?<=^|[已并即再均现])(?:转|交))(给|至|到)?(${BODY_NAME_PART})+`,
  'gu',
);

/**
 * A county's or city's body named anywhere (经县住建局核实, 县市场监管局已…): jieba cuts such a
 * name into words (经县, 市场) that would count as content, so the whole name is taken off first.
 */
export const NAMED_BODY =
  /[\p{Script=Han}]{1,8}?(?:村民委员会|居民委员会|村委会|居委会|人民政府|街道办事处)|(县(?!城(?!市|管|乡)|内|里|域)|市(?!民|区|内|里|场上|面)|省(?!内|外))[\p{Script=Han}\d]{1,10}?(委员会|办公室|办事处|人民政府|分局|大队|中队|支队|中心|公司|热线办|局|委|办|所|站|院)/gu;

/** Long formula words taken off before segmenting, so jieba cannot split them into "content". */
export const LONG_EMPTY_WORDS = new RegExp(
  [...new Set(Object.values(GROUPS).flatMap((g) => g.split(/\s+/)))]
    .filter((w) => w.length >= 3)
    .sort((a, b) => b.length - a.length)
    .join('|'),
  'g',
);

/** Endings of things people complain about, whatever comes before (黑诊所, 牙科诊所, 公共厕所). */
const THING_ENDING = /(诊所|厕所|场所|住所|加油站|充电站|大厅)$/;

export function isBodyName(word: string): boolean {
  if (!BODY_SUFFIX.test(word) || NOT_BODY.has(word) || THING_ENDING.test(word)) return false;
  return !SHORT_SUFFIX.test(word) || SHORT_BODIES.has(word);
}
