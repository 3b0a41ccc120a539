import type { DemoOrder } from '../../src/setup/seed/demo-county.js';
import type { Rng } from './rng.js';

/**
 * Chinese text for generated orders. Each order starts from one of the demo county's orders
 * (real-sounding matters, categories and lead units) and is varied: the caller, the place,
 * extra sentences, so titles and contents have the spread of lengths a hotline sees.
 */
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤喇冶祁铁鲁',
];
const GIVEN = [
  ...'建国志强秀英桂兰玉梅海燕晓明丽娟文华俊杰婷婷春花德福永红淑珍金凤子涵浩然雨轩欣怡立新红梅卫东宏伟军民学文彦鹏嘉琪梓萱思远',
];
const VILLAGE_HEADS = [...'上下东西南北前后大小新老'];
const VILLAGE_BODIES = [
  '柳',
  '河',
  '庄',
  '湾',
  '川',
  '沟',
  '滩',
  '堡',
  '坪',
  '塬',
  '台',
  '岭',
  '泉',
  '营',
  '寨',
  '峡',
  '园',
  '屯',
];
const VILLAGE_TAILS = ['村', '村', '村', '社区'];
const ROADS = [
  '滨河路',
  '人民路',
  '解放街',
  '建设路',
  '民主街',
  '文化路',
  '团结路',
  '湟水路',
  '北大街',
  '南关街',
  '东环路',
  '西环路',
  '新华路',
  '育才路',
  '园林路',
];
const COMMUNITIES = [
  '幸福家园',
  '金水湾',
  '锦绣华庭',
  '阳光花园',
  '和谐小区',
  '河畔名居',
  '翠园小区',
  '龙泽苑',
  '东方明珠',
  '康乐小区',
  '丽景嘉园',
  '世纪花园',
];

const EXTRA_SENTENCES = [
  '此前已经多次向村委会和社区反映,一直没有得到答复。',
  '来电人情绪比较激动,表示如果再不解决将向上级部门反映。',
  '希望有关部门能够高度重视,尽快派人到现场核实处理。',
  '周边住户对此意见很大,已有十多户联名反映过这个问题。',
  '来电人表示家中有老人和小孩,这个问题已经严重影响正常生活。',
  '来电人要求处理结果及时电话告知本人。',
  '据来电人讲,这种情况从去年冬天就开始出现,一直反反复复。',
  '来电人称曾拨打过相关单位的值班电话,对方让其等通知,但至今没有下文。',
  '来电人希望相关部门依法依规处理,给群众一个明确的说法。',
  '该问题涉及多户群众切身利益,请承办单位认真核实、妥善处理。',
  '来电人补充:现场有照片和视频可以提供,需要时可以联系本人。',
  '来电人反映的情况已在市级平台重复来电两次,请优先办理。',
  '来电人说附近的小卖部老板和邻居都可以证明情况属实。',
  '来电人要求承办单位在办理过程中注意保护其个人信息。',
  '来电人表示理解政府工作的难处,但希望至少给出一个解决的时间表。',
  '夜间情况更加严重,影响附近居民休息。',
  '来电人称已经在网上留言反映过,至今没有人联系。',
  '来电人询问此类问题应该由哪个部门负责,希望不要互相推诿。',
];

const FINDING_OPENERS = [
  '接到工单后,我单位立即安排工作人员与来电人取得联系,并于当日赶赴现场实地核查。',
  '收到转办工单后,我单位高度重视,分管领导带领相关股室负责人到现场调查了解情况。',
  '我单位接单后第一时间电话联系来电人了解具体情况,随后会同所在乡镇工作人员进行了现场核实。',
];
const RESULTS = [
  '已责成责任单位限期整改,目前问题已经解决,群众生活恢复正常。',
  '已协调相关方落实整改措施,整改工作已于近日全部完成,我单位将继续跟踪回访。',
  '经协调,责任方已作出书面承诺并按期兑现,相关款项已全部支付到位。',
  '已安排专业人员上门维修,故障已排除,并对周边同类设施进行了排查。',
  '已依法对相关责任主体下达责令整改通知书,并处以罚款,后续将加强日常巡查。',
];
const BASES = [
  '依据《保障农民工工资支付条例》第三条、第三十条办理。',
  '依据《城市供热管理办法》第二十二条办理。',
  '依据《中华人民共和国噪声污染防治法》第六十一条、第七十条办理。',
  '依据《城市市容和环境卫生管理条例》第十四条、第十七条办理。',
  '依据《物业管理条例》第三十五条、第四十六条办理。',
  '依据《中华人民共和国道路交通安全法》第九十条办理。',
];
const PROGRESS = [
  '已会同相关村组和施工方现场协调,正在制定解决方案,预计一周内完成。',
  '已委托第三方机构进行检测,检测报告出具后将依法处理,目前正在等待结果。',
  '已约谈责任单位负责人,责令其制定整改计划,目前整改工作正在推进中。',
];
// What a co-unit found and did (the opinion check refuses 「已配合，同意牵头单位意见」 stock).
const CO_OPINIONS = [
  '经我单位执法人员现场核查,该路段有占道经营摊点3处,已当场责令清理,并纳入日常巡查。',
  '我单位调取了该企业的社保缴纳记录,确认其自今年8月起欠缴,已下达限期整改通知书。',
  '经核查,该处供水管网由我单位维护,已于当日更换损坏阀门,恢复供水,建议牵头单位一并答复。',
  '我所民警两次到现场核查,未发现噪声扰民情况,已对店主进行提醒教育,同意牵头单位的处理意见。',
  '经我单位核实,涉事房屋无规划审批手续,已于次日下发责令停止建设通知书,移交牵头单位依法处置。',
];
const OFFICE_OPINIONS = ['答复规范,同意。', '办理结果明确,同意办结。', '请承办单位继续跟踪落实。', '同意。'];
const REDO_OPINIONS = [
  '答复中未写明具体整改时间,请重新核实后答复群众。',
  '回访群众反映问题仍未解决,请重新核实处理并答复群众。',
  '答复内容与群众诉求不符,请重新办理。',
];
// Why the order is not the unit's, naming the unit it belongs to (the return check asks for both).
const RETURN_REASONS: Array<(unit: string) => string> = [
  (unit) => `该事项系村内道路硬化问题,按县政府部门职责分工由${unit}组织实施,我单位不承担村内道路建设职责。`,
  (unit) => `经现场核查,涉事摊点位于${unit}集市内,依照属地管理原则由${unit}负责管理,不在我单位执法范围。`,
  (unit) =>
    `来电人反映的是其与个体雇主之间的工钱纠纷,双方未签订劳动合同,按矛盾纠纷属地化解的分工应由${unit}司法所组织调解。`,
];
const EXTENSION_REASONS = [
  '需委托有资质的第三方机构对房屋进行安全鉴定,鉴定报告约需15个工作日出具,出具后依据结论处理。',
  '整改工程需要采购材料和协调施工队伍,受天气影响无法按期完成,申请延期。',
];
const VOID_REASONS = ['重复来电,已合并处理', '来电人撤回诉求', '误登记,内容为测试', '与已有工单重复'];
const LEADER_INSTRUCTIONS = [
  '请县住建局会同相关乡镇高度重视,立即核实处理,三日内将办理结果报县政府。',
  '此事关系群众切身利益,请相关部门主要负责同志亲自过问,限期解决。',
];

export interface PlaceText {
  address: string;
  place: string;
}

export function citizenName(rng: Rng): string {
  const r = rng.next();
  if (r < 0.05) return '匿名';
  const surname = rng.pick(SURNAMES);
  if (r < 0.7) return `${surname}${rng.chance(0.55) ? '先生' : '女士'}`;
  return `${surname}${rng.pick(GIVEN)}${rng.chance(0.6) ? rng.pick(GIVEN) : ''}`;
}

export function personName(rng: Rng): string {
  return `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}${rng.chance(0.5) ? rng.pick(GIVEN) : ''}`;
}

export function mobile(rng: Rng): string {
  return `1${rng.pick(['3', '5', '7', '8', '9'])}${rng.digits(9)}`;
}

export function place(rng: Rng, township: string): PlaceText {
  if (rng.chance(0.45)) {
    const village = `${rng.pick(VILLAGE_HEADS)}${rng.pick(VILLAGE_BODIES)}${rng.pick(VILLAGE_TAILS)}`;
    return { place: `${township}${village}`, address: `河湾县${township}${village}${rng.int(1, 9)}社` };
  }
  if (rng.chance(0.5)) {
    const c = rng.pick(COMMUNITIES);
    return {
      place: `${c}小区`,
      address: `河湾县${township}${rng.pick(ROADS)}${c}小区${rng.int(1, 24)}号楼${rng.int(1, 6)}单元${rng.int(1, 18)}0${rng.int(1, 4)}室`,
    };
  }
  const road = rng.pick(ROADS);
  return { place: road, address: `河湾县${township}${road}${rng.int(1, 320)}号` };
}

export function title(rng: Rng, template: DemoOrder, p: PlaceText): string {
  const t = rng.chance(0.35)
    ? `${p.place}${template.title.replace(/^[^小村路街]{0,6}(小区|村|路|街)/, '')}`
    : template.title;
  return (rng.chance(0.08) ? `${t}(再次来电)` : t).slice(0, 60);
}

/** The template's account of the matter plus a few sentences; now and then a long, detailed one. */
export function content(rng: Rng, template: DemoOrder, p: PlaceText): string {
  const extra = rng.chance(0.1) ? rng.int(4, 12) : rng.int(0, 3);
  let text = template.content;
  if (rng.chance(0.5)) text = `${text}(具体地点:${p.address})`;
  for (let i = 0; i < extra; i++) text += rng.pick(EXTRA_SENTENCES);
  return text.slice(0, 4000);
}

export function leaderInstruction(rng: Rng): string {
  return rng.pick(LEADER_INSTRUCTIONS);
}

export function reply(rng: Rng, orderTitle: string, address: string, handler: string) {
  return {
    findings: `${rng.pick(FINDING_OPENERS)}经核查,来电人反映的"${orderTitle}"一事属实:工作人员于接单次日到${address}现场查看,情况与来电所述一致,并当面听取了来电人的意见。`,
    result: rng.pick(RESULTS),
    basis: rng.pick(BASES),
    issuer: personName(rng),
    handlerName: handler,
    handlerPhone: `0972-85${rng.digits(5)}`,
  };
}

export const texts = {
  progress: (rng: Rng) => rng.pick(PROGRESS),
  coOpinion: (rng: Rng) => rng.pick(CO_OPINIONS),
  officeOpinion: (rng: Rng) => rng.pick(OFFICE_OPINIONS),
  redoOpinion: (rng: Rng) => rng.pick(REDO_OPINIONS),
  returnReason: (rng: Rng, unit: string) => rng.pick(RETURN_REASONS)(unit),
  extensionReason: (rng: Rng) => rng.pick(EXTENSION_REASONS),
  voidReason: (rng: Rng) => rng.pick(VOID_REASONS),
};

/**
 * Words people search for: topics (common), places and phrases (rarer), and a place with a topic
 * separated by a space (each word must be found).
 */
export const SEARCH_WORDS = {
  topic: ['暖气', '停水', '欠薪', '噪音', '路灯', '物业', '医保', '垃圾'],
  phrase: ['拖欠农民工工资', '暖气不热', '饮水管道', '违法占地', '校外培训'],
  place: ['上柳村', '幸福家园', '解放街', '金水湾小区', '新川村'],
  words: ['幸福家园 暖气', '上柳村 停水', '解放街 噪音', '物业 垃圾', '金水湾小区　路灯'],
};
