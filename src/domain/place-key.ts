import { asciiForms } from './visible-text.js';

/**
 * The key an address is compared by (重复件's "same place"): the same flat, house, shop or village
 * group typed in different ways gives one key, and places that merely look alike keep theirs.
 *
 * What operators and the city platform write differently for one place:
 * - the enclosing areas: 「甘肃省某某市河湾县河湾镇…」 from the city, 「河湾镇…」 at the desk;
 * - numbers: 三号楼 and 3号楼, 十二栋 and 12栋, 五〇二 and 502, full-width １２;
 * - the building's word: 3号楼, 3栋, 3幢, 3#楼, 3#, 3座;
 * - the room's: 502室, 502号, 502户 or the bare 502; 3-2-502 for 3号楼2单元502室;
 * - spaces and punctuation, ASCII or full-width.
 *
 * Each step is written so that both sides of a comparison change alike: turning 五一路 into 51路
 * cannot make two roads one unless both were typed so. What is cut is only what names no place
 * of its own: an area's name is cut only where a township, a street or a road follows it, so
 * 「城关镇县前街」 and 「幸福小区」 keep every character.
 */

/** Chinese numerals as operators write them in house, building, room and group numbers. */
const DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
/** A run of numerals, but 十字 of a crossroads (十字路口); 两 is a name (两河村), not a number. */
const NUMERAL_RUN = /[零〇一二三四五六七八九十百千]+(?!字)/g;

/**
 * A run of Chinese numerals as its Arabic digits: 十二 → 12, 二十一 → 21, 一百零五 → 105; without
 * 十/百/千 each character is a digit (五〇二 → 502, 五一 → 51). A run that is no number (十十)
 * stays as it is.
 */
export function numeralsAsDigits(run: string): string {
  if (!/[十百千]/.test(run)) return [...run].map((c) => DIGIT[c] ?? c).join('');
  let total = 0;
  let digit: number | null = null;
  let lastUnit = Number.POSITIVE_INFINITY;
  for (const c of run) {
    const unit = UNIT[c];
    if (unit === undefined) {
      if (digit !== null && DIGIT[c] !== 0) return run; // two digits without a unit between
      digit = DIGIT[c] === 0 ? null : (DIGIT[c] ?? null);
      continue;
    }
    if (unit >= lastUnit) return run; // 十十, 十百: no number
    total += (digit ?? 1) * unit;
    digit = null;
    lastUnit = unit;
  }
  return String(total + (digit ?? 0));
}

/**
 * The enclosing areas an address may start with: a province (or a city under the centre), a
 * prefecture-level city, then the county (县, 自治县). Each name holds none of the characters of
 * the places inside a county, so 「城关镇县前街」 and 「幸福小区」 are never read as one. A county's
 * name is cut wherever it stands first; a city's or a province's only where a township or street
 * office, a road or a village follows, and a shop or a market is no city: 「华联超市柳林镇店」 and
 * 「建材市场河湾镇店」 keep every character. A county has no city districts, so 区 (城东新区,
 * 工业园区) is never cut.
 */
const NAME = '[^镇乡村街路巷道里弄号楼栋幢室院社组小区市县省州盟0-9A-Za-z]';
const PROVINCE = `(?:(?:北京|天津|上海|重庆)市|${NAME}{2,3}省|${NAME}{2,6}自治区)`;
const CITY = `(?:${NAME}{2,8}(?:自治州|地区|盟|(?<![超门夜菜集商街墟])市(?!场)))`;
const COUNTY = `(?:${NAME}{2,8}自治县|${NAME}{2,4}县)`;
const TOWNSHIP_AHEAD = `(?=${NAME}{1,6}(?:镇|乡|街道))`;
const STREET_AHEAD = `(?=${NAME}{1,6}(?:镇|乡|街道|路|街|大道|村))`;
const AREA_PREFIX = new RegExp(
  `^(?:${PROVINCE}?${CITY}?${COUNTY}|${PROVINCE}?${CITY}${TOWNSHIP_AHEAD}|${PROVINCE}${STREET_AHEAD})`,
);

/** Spaces and punctuation name no place: 8号，幸福小区（3栋） is 8号幸福小区3栋. */
const IGNORED = /[\s\p{P}\p{S}]/gu;
/** Marks between two numbers (but '#', 3#2单元): kept as one '-', so 12-1号 is never 121号, nor 1、2社 12社. */
const BETWEEN_NUMBERS = /(\d)(?:[\s\p{P}\p{S}](?<!#))+(?=\d)/gu;
/**
 * A landmark in brackets says where the place is, not which: 滨河路12号（老粮站旁） is 滨河路12号.
 * Other brackets name the place itself and stay: （一期）, （东区）, （A座）, （幸福路店）, （三社）.
 */
const LANDMARK =
  /[(（][^()（）]{0,12}?(?:旁|旁边|附近|对面|斜对面|隔壁|门口|后面|前面|后边|前边|东侧|西侧|南侧|北侧|一带|周边|边上)[)）]/g;
/** A road's name as it stands before 与 at a crossing. */
const ROAD = '[^与及路街道巷镇乡0-9]{1,8}?(?:大道|路|街|巷)';
const CROSSING = new RegExp(`(${ROAD})(?:与|和|及)?(${ROAD})(?:交叉口|交汇处|十字路口|交口|路口)`, 'g');
/**
 * What names no place of its own, so that unrelated calls never share it: a township, a street
 * office, a road or a stretch of it, a village, a 社区 or an estate by itself, an area (城区, 辖区,
 * 工业园区, 各村), a highway.
 */
const AREA =
  '(?:村|社区|小区|花园|家园|城区|辖区|园区|各村|全镇|全乡|境内|沿线|附近|一带|周边|[东南西北中]段|两侧|[12]侧)';
const NO_PLACE = new RegExp(
  `^(?:[^\\d]{1,6}?(?:镇|乡|街道))?(?:[^\\d]{1,8}?(?:大道|路|街|巷))?(?:[^\\d]{0,8}?${AREA})?$|^(?:国道|省道|县道|乡道|[GSXY])\\d+线?$`,
);
/** What operators type when the caller gave no address. */
const NO_ADDRESS =
  /不详|未知|不清楚|不愿透露|未透露|不便透露|拒绝提供|未提供|未说明|未告知|保密|详见|见诉求|见内容|见工单|来电人家中|^某|某小区|某村|^无$|^暂无$|^略$/;
/** Shorter keys are no place (火车站, 县医院 and 殡仪馆 are three). */
export const PLACE_KEY_MIN_LENGTH = 3;

/**
 * The address as compared: the same place typed in different ways gives the same key.
 * `township`: the name of the township unit the order was registered under (the form's 所属乡镇),
 * put before an address that names none, so 「金水湾小区8号楼」 under 河湾镇人民政府 is
 * 「河湾镇金水湾小区8号楼」.
 */
export function placeKey(address: string, township: string | null = null): string {
  const written = asciiForms(address).toUpperCase();
  if (NO_ADDRESS.test(written.replace(IGNORED, ''))) return '';
  const key = written
    .replace(LANDMARK, '')
    .replace(NUMERAL_RUN, numeralsAsDigits)
    .replace(BETWEEN_NUMBERS, '$1-')
    .replace(IGNORED, (mark) => (mark === '#' || mark === '-' ? mark : ''))
    // 3-2-502 is 3号楼2单元502室, as the hyphens are read on a building's doorplate.
    .replace(/(^|[^\d-])(\d+)-(\d+)-(\d+)(?![\d-])/g, '$1$2栋$3单元$4')
    // '#' after a road's number is the house's 号 (滨河路12#, 12#号); elsewhere it is a building's.
    .replace(/#号/g, '号')
    .replace(/(路|街|巷|道)(\d+)#(?!楼)/g, '$1$2号')
    // One word for a building, before '#' goes with the other marks.
    .replace(/([0-9A-Z]+)(?:号楼|#楼|#|幢|栋|座)/g, '$1栋')
    .replace(/#/g, '')
    // 第三村民小组 is 3组, 第12栋 is 12栋.
    .replace(/村民小组/g, '组')
    .replace(/第(\d+)(?=栋|组|社|单元|楼|层)/g, '$1')
    // A mark left between words, not numbers, says nothing.
    .replace(/(^|[^\d])-+|-+(?=[^\d]|$)/g, '$1')
    // A room's or a house's number is the number, with or without 室, 房, 号 or 户 after it; one
    // word stays between two numbers, so 12号3栋 never reads as 1号23栋.
    .replace(/(\d+)(?:室|房|号|户)(?=\d)/g, '$1号')
    .replace(/(\d+)(?:室|房|号|户)(?!\d)/g, '$1')
    // A floor: 3层 is 3楼.
    .replace(/(\d+)层/g, '$1楼')
    // The neighbourhood committee's name before an estate adds nothing: 西街社区和平小区 is 和平小区.
    .replace(
      /(^|镇|乡|街道)[^\d社镇乡]{1,5}?社区(?=[^\d社]{2,8}?(?:小区|花园|家园|苑|公寓|大厦|新村|华庭|嘉园))/,
      '$1',
    )
    // 锦绣华庭小区7栋 is 锦绣华庭7栋.
    .replace(/小区(?=\d)/g, '')
    .replace(AREA_PREFIX, '')
    // A crossing is the same whichever road is named first: 人民路与建设路 is 建设路与人民路.
    .replace(CROSSING, (_, a: string, b: string) => `${[a, b].sort().join('与')}交叉口`);
  // The unit's name is its government's (桥头镇人民政府, 城关街道办事处): the place is the township.
  const area = township?.replace(/(?:人民政府|政府|办事处)$/, '');
  const placed = area && !/镇|乡|街道/.test(key) ? `${area}${key}` : key;
  return [...key].length >= PLACE_KEY_MIN_LENGTH && !NO_PLACE.test(placed) ? placed : '';
}
