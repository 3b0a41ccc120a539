import { describe, expect, it } from 'vitest';
import { generalRarity, jiebaSearchSegmenter, jiebaSegmenter } from '../../src/domain/assistant/segmenter.js';
import {
  aboutSubject,
  Bm25Index,
  entryTerms,
  searchTerms,
  subjectOf,
} from '../../src/domain/knowledge/search.js';

const ENTRIES = [
  {
    key: 'water',
    title: '河湾镇城区管网改造计划停水通知',
    body: '因供水主管网改造施工,人民路两侧小区计划停水,恢复供水初期水质可能浑浊,中心广场设临时送水点。',
  },
  {
    key: 'dibao',
    title: '城乡居民最低生活保障申请条件和标准',
    body: '城市低保标准为每人每月760元。申请人向户籍所在地乡镇人民政府提出书面申请,乡镇入户调查、民主评议和公示。',
  },
  {
    key: 'medins',
    title: '城乡居民医保参保缴费标准和时间',
    body: '城乡居民基本医疗保险个人缴费标准为每人每年400元,集中缴费期为9月1日至12月31日。',
  },
  {
    key: 'dog',
    title: '县城养犬管理规定',
    body: '个人养犬(养狗)实行登记制度,携犬出户(遛狗)须束犬链、由成年人牵领,即时清除犬只粪便。',
  },
  {
    key: 'power',
    title: '桥头镇线路检修计划停电通知',
    body: '因线路检修,桥头村、东沟村计划停电,停电期间请关闭家用电器电源。',
  },
];

const index = new Bm25Index(ENTRIES.map((e) => ({ key: e.key, terms: entryTerms(e, jiebaSegmenter) })));
const top = (text: string) => index.search(searchTerms(text, jiebaSegmenter), 3).map((h) => h.key);

describe('knowledge search (BM25 over jieba words and character bigrams)', () => {
  it('finds two-character words inside longer text: 「停水」「低保」', () => {
    expect(top('停水')[0]).toBe('water');
    expect(top('低保')[0]).toBe('dibao');
    // 「怎么停水了」: jieba may cut it any way; the bigram 停水 still matches.
    expect(top('我家怎么停水了')[0]).toBe('water');
    expect(top('想问问吃低保要什么条件')[0]).toBe('dibao');
  });

  it('ranks by relevance to an order’s title and content', () => {
    expect(top('咨询医保缴费 今年城乡居民医保什么时候交,交多少钱?')[0]).toBe('medins');
    expect(top('小区遛狗不拴绳 邻居遛狗不拴绳,狗屎也不清理')[0]).toBe('dog');
    expect(top('桥头村明天停电吗 听说要检修线路,几点来电')[0]).toBe('power');
  });

  it('treats full-width and ASCII punctuation alike', () => {
    const full = index.search(searchTerms('停水，低保；停电！什么时候：', jiebaSegmenter), 5);
    const ascii = index.search(searchTerms('停水,低保;停电!什么时候:', jiebaSegmenter), 5);
    expect(full).toEqual(ascii);
    expect(full.map((h) => h.key)).toEqual(expect.arrayContaining(['water', 'dibao', 'power']));
  });

  it('offers nothing for unrelated text, and only what `accept` lets through', () => {
    expect(top('abc')).toEqual([]);
    expect(top('')).toEqual([]);
    const hits = index.search(searchTerms('停水停电', jiebaSegmenter), 5, (k) => k !== 'water');
    expect(hits.map((h) => h.key)).toEqual(['power']);
  });

  it('a rare term weighs more than a common one (IDF), and repetition saturates (k1)', () => {
    expect(index.idf('b停水')).toBeGreaterThan(index.idf('b城乡'));
    const once = index.search(['b停水'], 1)[0]?.score ?? 0;
    const small = new Bm25Index([
      { key: 'a', terms: ['x', 'y'] },
      { key: 'b', terms: ['x', 'x', 'x', 'x', 'x', 'x', 'y', 'y', 'y', 'y', 'y', 'y'] },
      { key: 'c', terms: ['z'] },
    ]);
    const [a, b] = ['a', 'b'].map((k) => small.search(['x'], 3).find((h) => h.key === k)?.score ?? 0);
    // six times the term in a six-times-longer document does not score six times higher
    expect(b).toBeLessThan((a as number) * 2);
    expect(once).toBeGreaterThan(0);
  });

  it('an empty index answers nothing', () => {
    expect(new Bm25Index([]).search(['b停水'], 5)).toEqual([]);
  });
});

describe('an order is about an entry only when it names the entry’s matter', () => {
  const subject = (title: string, keywords = '') =>
    subjectOf({ title, keywords }, jiebaSearchSegmenter, generalRarity);

  it('one rare word of the title, or a keyword, is enough; full-width and ASCII punctuation alike', () => {
    const water = subject('家中突然停水、水压低怎么办');
    expect(aboutSubject('金水湾小区无通知停水两天，住户没法做饭。', water)).toBe(true);
    expect(aboutSubject('金水湾小区无通知停水两天,住户没法做饭.', water)).toBe(true);
    const heating = subject('县城集中供暖期和室温标准', '暖气 暖气费');
    expect(aboutSubject('独居老人家中暖气管道冻裂漏水', heating)).toBe(true);
  });

  it('an official name is found by its short one (最低生活保障 → 低保)', () => {
    expect(aboutSubject('想给母亲申请低保，乡里说材料不全。', subject('城乡居民最低生活保障申请条件'))).toBe(
      true,
    );
  });

  it('everyday words, words of form and the place an entry applies to are not its matter', () => {
    // 管理 and 规定 say what kind of entry it is; 养犬 is the matter.
    const dogs = subject('县城养犬管理规定');
    expect(aboutSubject('河湾大道路灯不亮，管理部门无人维修，行人摔伤送医院。', dogs)).toBe(false);
    expect(aboutSubject('小区里有人养犬不拴绳。', dogs)).toBe(true);
    // A notice for 桥头镇 is not about every matter in 桥头镇.
    const outage = subject('桥头镇10千伏线路检修计划停电通知');
    expect(aboutSubject('桥头镇工业园厂房项目拖欠农民工工资。', outage)).toBe(false);
    expect(aboutSubject('古城村近一周频繁停电，家用电器烧坏。', outage)).toBe(true);
    // Two everyday words together are still everyday; two common ones together are the matter.
    const grants = subject('学生资助：家庭经济困难学生可以享受哪些补助');
    expect(aboutSubject('泉沟村道路坑洼，学生上学困难。', grants)).toBe(false);
    expect(aboutSubject('滨河苑小区物业不作为。', subject('小区物业服务纠纷的答复口径'))).toBe(true);
    // One mention counts once, however many words search mode finds in it (老年人: 老年, 老年人).
    expect(aboutSubject('家里只有两个老年人，暖气不热。', subject('65岁以上老年人免费健康体检'))).toBe(false);
  });
});
