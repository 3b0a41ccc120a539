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
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const NUMERAL_RUN = /[零〇一二两三四五六七八九十百千]+/g;

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
 * prefecture-level city, then the county (县, 自治县) or a city district (区). Each name holds none
 * of the characters of the places inside a county, so 「城关镇县前街」 and 「幸福小区」 are never
 * read as one. A county's name is cut wherever it stands first. A district's, a city's or a
 * province's only where what follows is a township or street office, a road or a village: 「华联超市
 * 幸福路店」 keeps its shop's name.
 */
const NAME = '[^镇乡村街路巷道里弄号楼栋幢室院社组小区市县省州盟0-9A-Za-z]';
const PROVINCE = `(?:(?:北京|天津|上海|重庆)市|${NAME}{2,3}省|${NAME}{2,6}自治区)`;
const CITY = `(?:${NAME}{2,8}(?:自治州|地区|盟|市))`;
const COUNTY = `(?:${NAME}{2,8}自治县|${NAME}{2,4}县)`;
const DISTRICT = `(?:${NAME}{2,4}区)`;
const TOWNSHIP_AHEAD = `(?=${NAME}{1,6}(?:镇|乡|街道))`;
const STREET_AHEAD = `(?=${NAME}{1,6}(?:镇|乡|街道|路|街|大道|村))`;
const AREA_PREFIX = new RegExp(
  `^(?:${PROVINCE}?${CITY}?${COUNTY}|${PROVINCE}?${CITY}?${DISTRICT}${STREET_AHEAD}|${PROVINCE}?${CITY}${TOWNSHIP_AHEAD}|${PROVINCE}${STREET_AHEAD})`,
);

/** Spaces and punctuation name no place: 8号，幸福小区（3栋） is 8号幸福小区3栋. */
const IGNORED = /[\s\p{P}\p{S}]/gu;
/** A landmark in brackets says where, not what: 滨河路12号（老粮站旁） is 滨河路12号. */
const LANDMARK = /[(（][^()（）\d]*[)）]/g;
/** A road's name as it stands before 与 at a crossing. */
const ROAD = '[^与和及路街道巷镇乡0-9]{1,8}(?:大道|路|街|巷)';
const CROSSING = new RegExp(`(${ROAD})(?:与|和|及)?(${ROAD})(交叉口|交汇处|十字路口|交口)`, 'g');
/**
 * Only a township, a street office or a road: no place of its own (too many unrelated orders
 * share it), as is a key shorter than a school's 「第1中学」.
 */
const NO_PLACE = /^(?:[^\d]{1,6}?(?:镇|乡|街道))?(?:[^\d]{1,8}?(?:大道|路|街|巷))?$/;
export const PLACE_KEY_MIN_LENGTH = 4;

/** The address as compared: the same place typed in different ways gives the same key. */
export function placeKey(address: string): string {
  const key = asciiForms(address)
    .toUpperCase()
    .replace(LANDMARK, '')
    .replace(IGNORED, (mark) => (mark === '#' || mark === '-' ? mark : ''))
    // A crossing is the same whichever road is named first: 人民路与建设路 is 建设路与人民路.
    .replace(CROSSING, (_, a: string, b: string, end: string) => `${[a, b].sort().join('与')}${end}`)
    .replace(NUMERAL_RUN, numeralsAsDigits)
    // 3-2-502 is 3号楼2单元502室, as the hyphens are read on a building's doorplate.
    .replace(/(^|[^\d-])(\d+)-(\d+)-(\d+)(?![\d-])/g, '$1$2栋$3单元$4')
    // '#' after a road's number is the house's 号 (滨河路12#, 12#号); elsewhere it is a building's.
    .replace(/#号/g, '号')
    .replace(/(路|街|巷|道)(\d+)#(?!楼)/g, '$1$2号')
    // One word for a building, before '#' goes with the other marks.
    .replace(/([0-9A-Z]+)(?:号楼|#楼|#|幢|栋|座)/g, '$1栋')
    .replace(/[#-]/g, '')
    // A room's or a house's number is the number, with or without 室, 房, 号 or 户 after it; one
    // word stays between two numbers, so 12号3栋 never reads as 1号23栋.
    .replace(/(\d+)(?:室|房|号|户)(?=\d)/g, '$1号')
    .replace(/(\d+)(?:室|房|号|户)(?!\d)/g, '$1')
    // A floor: 3层 is 3楼.
    .replace(/(\d+)层/g, '$1楼')
    // 锦绣华庭小区7栋 is 锦绣华庭7栋; the neighbourhood committee's name before a place adds nothing.
    .replace(/小区(?=\d)/g, '')
    .replace(/(^|镇|乡|街道)[^\d社镇乡]{1,5}?社区(?=[^\d]{1,8}\d)/, '$1')
    .replace(AREA_PREFIX, '');
  return [...key].length >= PLACE_KEY_MIN_LENGTH && !NO_PLACE.test(key) ? key : '';
}
