import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numeralsAsDigits, placeKey } from '../../src/domain/place-key.js';

interface PlacePair {
  a: string;
  b: string;
  same: boolean;
  note: string;
  /** Where the rule knowingly decides otherwise, and why. */
  limit?: string;
}

/**
 * Address pairs written by a reviewer who had not seen the rule (test/corpus/place-pairs.jsonl):
 * the same place as operators and the city platform type it, and look-alikes that are not.
 */
const corpus: PlacePair[] = readFileSync(new URL('../corpus/place-pairs.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as PlacePair);

const samePlace = (a: string, b: string) => placeKey(a) !== '' && placeKey(a) === placeKey(b);

describe('placeKey: one place, however it is typed', () => {
  it('decides every pair of the reviewer’s corpus as labelled, but the limits it states', () => {
    expect(corpus.length).toBeGreaterThan(150);
    const wrong = corpus.filter((p) => samePlace(p.a, p.b) !== p.same);
    const describe = (p: PlacePair) =>
      `${p.same ? '同' : '异'} ${p.a} | ${p.b} → ${placeKey(p.a)} | ${placeKey(p.b)}`;
    expect(wrong.filter((p) => !p.limit).map(describe)).toEqual([]);
    // A limit the rule no longer has is a label to correct, not a pass.
    expect(corpus.filter((p) => p.limit && !wrong.includes(p)).map(describe)).toEqual([]);
  });

  /** What a reviewer found through the API after the first version (2026-12-05). */
  it('keeps apart the places a reviewer found given one key', () => {
    const different: Array<[string, string]> = [
      ['锦绣华庭（一期）7栋1单元301', '锦绣华庭（二期）7栋1单元301'],
      ['河湾镇幸福小区(A座)1201', '河湾镇幸福小区(B座)1201'],
      ['华联超市（幸福路店）', '华联超市（人民路店）'],
      ['柳林镇杨家村（三社）', '柳林镇杨家村（五社）'],
      ['滨河路12-1号', '滨河路121号'],
      ['河湾镇幸福小区11-602', '河湾镇幸福小区1-1602'],
      ['河湾镇幸福小区3栋 2 502', '河湾镇幸福小区3栋25-02'],
      ['柳林镇杨家村一、二社', '柳林镇杨家村十二社'],
      ['河湾镇幸福小区3,4号楼', '河湾镇幸福小区34号楼'],
      ['河湾镇滨河社区A栋502', '河湾镇幸福社区A栋502'],
      ['河湾镇滨河社区居委会2楼', '河湾镇东关社区居委会2楼'],
      ['华联超市柳林镇店', '永辉超市柳林镇店'],
      ['柳林镇两河村3组', '柳林镇二河村3组'],
      ['城东新区人民路12号', '城西新区人民路12号'],
    ];
    for (const [a, b] of different) expect(samePlace(a, b), `${a} | ${b}`).toBe(false);
    const same: Array<[string, string]> = [
      ['和平路与建设路交叉口', '建设路与和平路交叉口'],
      ['河湾县人民路与建设路交叉口', '建设路人民路十字路口'],
      ['河湾县汽车站', '河湾县汽车站'],
      ['滨河路12号（老粮站旁）', '滨河路12号'],
      ['柳林镇杨家村第三村民小组', '柳林镇杨家村3组'],
      ['河湾镇幸福小区第十二栋', '河湾镇幸福小区十二栋'],
    ];
    for (const [a, b] of same) expect(samePlace(a, b), `${a} | ${b}`).toBe(true);
  });

  it('gives no key to what names no address, or an area rather than a place', () => {
    const none = [
      ...[
        '地址不详',
        '来电人不愿透露',
        '来电人拒绝提供地址',
        '市民未提供具体地址',
        '详见内容',
        '来电人家中',
        '县城某小区',
      ],
      ...['柳林镇杨家村', '河湾镇幸福小区', '滨河社区', '河湾镇城区', '河湾镇工业园区', '河湾镇各村'],
      ...['河湾镇幸福路北段', '人民路沿线', '幸福路2侧', '国道312线', 'G312', '省道218'],
    ];
    for (const address of none) expect(placeKey(address), address).toBe('');
  });

  it('keys an address that names no township under the one the order was registered in', () => {
    expect(placeKey('金水湾小区8号楼2单元301', '河湾镇')).toBe(
      placeKey('甘肃省西陵市河湾县河湾镇金水湾小区8号楼2单元301室'),
    );
    expect(placeKey('柳林镇金水湾小区8号楼2单元301', '河湾镇')).toBe(
      placeKey('柳林镇金水湾小区8号楼2单元301'),
    );
    expect(placeKey('金水湾小区8号楼2单元301', '河湾镇人民政府')).toBe(
      placeKey('河湾镇金水湾小区8号楼2单元301'),
    );
    expect(placeKey('滨河花园3栋', '城关街道办事处')).toBe(placeKey('城关街道滨河花园3栋'));
    expect(placeKey('杨家村', '柳林镇')).toBe('');
    expect(placeKey('', '柳林镇')).toBe('');
  });

  it('reads Chinese numerals as numbers', () => {
    expect(numeralsAsDigits('十二')).toBe('12');
    expect(numeralsAsDigits('二十一')).toBe('21');
    expect(numeralsAsDigits('一百零五')).toBe('105');
    expect(numeralsAsDigits('五〇二')).toBe('502');
    expect(numeralsAsDigits('十')).toBe('10');
    expect(numeralsAsDigits('十十')).toBe('十十');
  });

  it('reads a number sign by what it follows: a house after a road, else a building', () => {
    expect(placeKey('河湾镇滨河路12＃号金水湾小区')).toBe(placeKey('河湾镇滨河路12号金水湾小区'));
    expect(placeKey('河湾镇滨河路12#')).toBe(placeKey('河湾镇滨河路12号'));
    expect(placeKey('河湾镇金水湾小区3#')).toBe(placeKey('河湾镇金水湾小区3号楼'));
    expect(placeKey('河湾镇金水湾小区3#楼')).toBe(placeKey('河湾镇金水湾小区3栋'));
  });

  it('keeps the street, the township and a bare name out: they are no place', () => {
    for (const bare of ['桥头镇', '河湾县桥头镇', '桥头镇幸福路', '幸福路', '  ', '', '甘肃省某某市河湾县']) {
      expect(placeKey(bare), bare).toBe('');
    }
    expect(placeKey('柳林镇上柳村3社')).not.toBe('');
  });

  const numeral = (n: number) => {
    const d = '零一二三四五六七八九';
    if (n < 10) return d[n] as string;
    if (n < 20) return `十${n % 10 ? d[n % 10] : ''}`;
    return `${d[Math.floor(n / 10)]}十${n % 10 ? d[n % 10] : ''}`;
  };
  interface Flat {
    road: string;
    house: number;
    estate: string;
    building: number;
    entrance: number;
    floor: number;
    room: number;
  }
  const flat: fc.Arbitrary<Flat> = fc.record({
    road: fc.constantFrom('幸福路', '滨河北路', '解放街', '建设大道'),
    house: fc.integer({ min: 1, max: 199 }),
    estate: fc.constantFrom('金水湾', '幸福家园', '文昌花园'),
    building: fc.integer({ min: 1, max: 30 }),
    entrance: fc.integer({ min: 1, max: 9 }),
    floor: fc.integer({ min: 1, max: 30 }),
    room: fc.integer({ min: 1, max: 4 }),
  });
  const roomNo = (f: Flat) => `${f.floor}0${f.room}`;
  const written = (f: Flat) =>
    `桥头镇${f.road}${f.house}号${f.estate}小区${f.building}号楼${f.entrance}单元${roomNo(f)}室`;

  it('gives one key to a flat written with the county, in numerals, with other words and marks', () => {
    fc.assert(
      fc.property(flat, (f) => {
        const key = placeKey(written(f));
        const variants = [
          `河湾县${written(f)}`,
          `甘肃省西陵市河湾县桥头镇${f.road}${f.house}号${f.estate}${f.building}栋${f.entrance}单元${roomNo(f)}`,
          `桥头镇${f.road}${f.house}号，${f.estate}小区${numeral(f.building)}号楼${numeral(f.entrance)}单元${roomNo(f)}`,
          `桥头镇 ${f.road} ${f.house}号 ${f.estate}小区${f.building}#楼${f.entrance}单元${roomNo(f)}号`,
          `桥头镇${f.road}${String(f.house).replace(/\d/g, (c) => String.fromCharCode(0xff10 + Number(c)))}号${f.estate}小区${f.building}-${f.entrance}-${roomNo(f)}`,
        ];
        for (const v of variants) expect(placeKey(v), v).toBe(key);
      }),
    );
  });

  it('keeps flats apart that differ in one number', () => {
    fc.assert(
      fc.property(
        flat,
        fc.constantFrom('house', 'building', 'entrance', 'floor', 'room' as const),
        fc.integer({ min: 1, max: 9 }),
        (f, part, by) => {
          const other = { ...f, [part]: f[part] + by };
          expect(placeKey(written(other))).not.toBe(placeKey(written(f)));
        },
      ),
    );
  });
});
