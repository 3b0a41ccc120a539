/**
 * Writes test/corpus/dispatch-eval.csv: ~2,000 citizen messages labelled with the unit that
 * handled them, in the loose spoken style of hotline records — greetings, who is calling and
 * from where, how long it has gone on, whom they already asked, feelings, a demand, phone
 * numbers and addresses, sometimes a second grievance about another unit's matter. Classes are
 * unbalanced as in a real county. Deterministic (seeded): `npx tsx test/corpus/generate-dispatch-eval.ts`.
 */
import { writeFileSync } from 'node:fs';
import { mulberry32 } from '../../src/domain/assistant/softmax-regression.js';
import { MATTERS, type Matter, SHARED_MATTERS } from './dispatch-eval-matters.js';

const random = mulberry32(20261130);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const chance = (p: number) => random() < p;
const num = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

const TOWNS = [
  '城关镇',
  '桥头镇',
  '古城乡',
  '河湾镇',
  '石门乡',
  '新庄镇',
  '上五庄镇',
  '李家山乡',
  '塔尔湾乡',
  '多巴镇',
];
const VILLAGES = [
  '上川村',
  '下河村',
  '东沟村',
  '西滩村',
  '柳湾村',
  '南庄村',
  '北坪村',
  '大寨村',
  '小峡村',
  '新营村',
  '老庄村',
  '前进村',
];
const COMMUNITIES = [
  '幸福家园',
  '金水湾小区',
  '锦绣华庭',
  '阳光花园',
  '和谐小区',
  '河畔名居',
  '康乐苑',
  '景苑小区',
  '东城佳苑',
  '铁路家属院',
];
const ROADS = [
  '滨河路',
  '人民路',
  '解放街',
  '建设路',
  '民主街',
  '文化路',
  '团结路',
  '北大街',
  '南关街',
  '东环路',
  '新华路',
  '育才路',
];
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐韩冯邓曹彭曾田董潘蒋蔡余杜叶魏吕丁沈鲁祁冶喇',
];
const TIMES = [
  '上个月',
  '前天',
  '十一月初',
  '这两天',
  '去年冬天',
  '上周三',
  '国庆节以后',
  '今年开春',
  '半个月前',
  '昨天晚上',
  '年初',
];

const place = () =>
  pick([
    () => `${pick(TOWNS)}${pick(VILLAGES)}`,
    () => `${pick(COMMUNITIES)}`,
    () => `${pick(ROADS)}${num(1, 300)}号附近`,
    () => `${pick(TOWNS)}`,
    () => `${pick(ROADS)}和${pick(ROADS)}交叉口`,
  ])();
/** How people say the same thing differently. */
const SYNONYMS: Array<[string, string[]]> = [
  ['特别', ['非常', '很', '老', '太', '贼']],
  ['根本', ['压根', '完全', '根本']],
  ['一直', ['始终', '老是', '总是', '一直']],
  ['好几', ['几', '好多', '好几']],
  ['没人管', ['没人理', '不管不问', '没人过问']],
  ['孩子', ['娃', '小孩', '孩子']],
  ['房子', ['房', '屋子', '房子']],
  ['现在', ['如今', '到现在', '现在']],
  ['不知道', ['不清楚', '搞不懂', '不知道']],
  ['怀疑', ['估计', '感觉', '怀疑']],
  ['老人', ['老年人', '上了年纪的', '老人']],
  ['说', ['讲', '说']],
  ['问问', ['咨询下', '了解一下', '问问']],
];
const paraphrase = (s: string) =>
  SYNONYMS.reduce(
    (t, [word, others]) => (t.includes(word) && chance(0.5) ? t.replaceAll(word, pick(others)) : t),
    s,
  );
/** Callers tell a matter in pieces: keep some of a sentence's clauses, in order. */
const retell = (s: string) => {
  const clauses = s.split('，');
  if (clauses.length < 2) return s;
  const kept = clauses.filter((_, i) => i === 0 || chance(0.7));
  return kept.join('，');
};
const fill = (s: string) => paraphrase(retell(s)).replaceAll('{p}', place()).replaceAll('{t}', pick(TIMES));
const phone = () => `1${pick(['3', '5', '8', '9'])}${num(0, 9)}${String(num(0, 99999999)).padStart(8, '0')}`;

const OPENINGS = [
  '',
  '',
  '你好，',
  '喂，你好，',
  '您好，我想反映个事，',
  '我要投诉，',
  '我想咨询一下，',
  '麻烦问一下，',
  '我再反映一次，',
];
const WHO = [
  () => `我是${pick(TOWNS)}${pick(VILLAGES)}的村民，`,
  () => `我住在${pick(COMMUNITIES)}${num(1, 20)}号楼${num(1, 6)}单元，`,
  () => `我姓${pick(SURNAMES)}，`,
  () => `我是在${pick(TOWNS)}打工的外地人，`,
  () => `我们是${pick(COMMUNITIES)}的业主，`,
  () => '',
  () => '',
];
const SINCE = [
  '这事已经好几个月了，',
  `从${pick(TIMES)}到现在，`,
  '都快一年了，',
  '不是一天两天了，',
  '',
  '',
];
const TRIED = [
  '找过村里好几次都说管不了，',
  '社区说这事不归他们管，',
  '之前打过12345，说转给相关部门了，到现在没消息，',
  '打了好几次电话都没人接，',
  '去过镇政府，让我们回去等，',
  '找物业物业推给别人，',
  '',
  '',
  '',
];
const FEEL = [
  '真是没办法了。',
  '老百姓太难了！',
  '希望政府重视一下。',
  '气得我几天没睡好。',
  '实在是太欺负人了！',
  '我们年纪大了跑不动。',
  '',
  '',
];
const ASIDES = [
  '家里就我和老伴两个人，孩子都在外地，',
  '我身体也不好，有高血压，',
  '孩子还小，正上小学，',
  '我是低收入家庭，',
  '我一个人带着两个孩子，',
  '',
  '',
  '',
  '',
];
const DEMANDS = [
  '请尽快派人来处理。',
  '希望有关部门给个答复。',
  '麻烦你们督促一下。',
  '要求给个说法！',
  '请相关部门核实处理，谢谢。',
  '希望能尽快解决，谢谢你们了。',
  '请回电告知处理结果。',
  '',
];
const TITLE_FORMS = [
  (t: string) => t,
  (t: string) => t,
  (t: string) => `关于${t}的问题`,
  (t: string) => `反映${t}`,
  (t: string) => `${pick(TOWNS)}${t}`,
  (t: string) => `投诉${t}`,
  (t: string) => `咨询${t}`,
];
/** Commas and stops, typed full-width or ASCII. */
const punctuate = (s: string) =>
  chance(0.3) ? s.replaceAll('，', ',').replaceAll('。', '.').replaceAll('！', '!') : s;

const units = Object.keys(MATTERS);
/** Unbalanced like a county: a few units take most orders. */
const weights = units.map((_, i) => 40 + ((i * 37) % 11) * 17);

/** One in eight messages is a matter several units handle; the rest are the unit's own. */
function matterFor(unit: string): Matter {
  const shared = SHARED_MATTERS.filter((m) => m.units.some(([u]) => u === unit));
  return shared.length > 0 && chance(0.12) ? pick(shared) : pick(MATTERS[unit] as Matter[]);
}

/** The unit that handled a shared matter, drawn by its weights. */
function handlerOf(m: (typeof SHARED_MATTERS)[number]): string {
  const total = m.units.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [u, w] of m.units) {
    r -= w;
    if (r < 0) return u;
  }
  return m.units[0]?.[0] as string;
}

function message(unit: string): [string, string, string] {
  const matter = matterFor(unit);
  const shared = SHARED_MATTERS.find((m) => m === matter);
  const label = shared ? handlerOf(shared) : unit;
  const title = pick(TITLE_FORMS)(pick(matter.titles));
  const first = fill(pick(matter.says));
  const more = matter.says.length > 1 && chance(0.35) ? `，${fill(pick(matter.says))}` : '';
  let body = `${pick(OPENINGS)}${pick(WHO)()}${pick(SINCE)}${first}${more}，${pick(ASIDES)}${pick(TRIED)}${pick(FEEL)}`;
  if (chance(0.25)) {
    const other = pick(units.filter((u) => u !== unit));
    body += `另外还有个事，${fill(pick(pick(MATTERS[other] as NonNullable<(typeof MATTERS)[string]>).says))}，这个也顺便反映一下。`;
  }
  body += pick(DEMANDS);
  if (chance(0.4)) body += `地址：${pick(TOWNS)}${pick(VILLAGES)}${num(1, 9)}社${num(1, 80)}号。`;
  if (chance(0.3)) body += `联系电话${phone()}。`;
  return [title, punctuate(body.replace(/，，/g, '，').replace(/，([。！])/g, '$1')), label];
}

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const rows: string[] = ['编号,标题,诉求内容,承办单位'];
let n = 0;
units.forEach((unit, i) => {
  for (let k = 0; k < (weights[i] as number); k++) {
    const [title, content, label] = message(unit);
    n++;
    rows.push([`E${String(n).padStart(5, '0')}`, title, content, label].map(csvCell).join(','));
  }
});
const out = new URL('./dispatch-eval.csv', import.meta.url);
writeFileSync(out, `${rows.join('\n')}\n`);
console.log(`wrote ${n} rows, ${units.length} classes`);
