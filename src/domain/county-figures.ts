import type { Period } from './figures.js';
import { SOURCE_LABELS, type SourceChannel } from './workflow/states.js';

export interface CountyFigures {
  period: Period;
  total: number;
  /** Consultations the office answered on the spot from the knowledge base (直办), closed in the period; no unit's figures include them. */
  answeredOnSpot: number;
  /** 分发超时: orders whose dispatch deadline fell in the period and were dispatched after it or not yet (domain/office-clock.ts). */
  dispatchLate: number;
  /** 审批超时: units' requests whose office decision deadline fell in the period and were decided after it or not yet (domain/office-decision.ts). */
  decisionLate: number;
  bySource: Array<{ key: string; name: string; count: number }>;
  byType: Array<{ key: string; count: number }>;
  byCategory: Record<'level1' | 'level2' | 'level3', Array<{ name: string; count: number }>>;
  byTownship: Array<{ unitId: number | null; name: string; count: number }>;
  byDay: Array<{ day: string; count: number }>;
  hotCategories: Array<{ categoryId: number; name: string; count: number; previous: number; rise: number }>;
  hotWords: Array<{ word: string; count: number; previous: number; rise: number }>;
  bounds: { start: string; end: string };
}

export const CHANNEL_LABEL = (key: string | null) =>
  key ? (SOURCE_LABELS[key as SourceChannel] ?? key) : '';

/**
 * Words that say nothing about the topic of a request: the words of any complaint, and the parts of
 * names that are in every county's addresses and bodies (人民路, 人民政府 gave a hot 「人民」).
 */
const STOP = new Set(
  [
    '问题 反映 要求 希望 相关 部门 处理 解决 情况 我们 你们 他们 没有 现在 已经 一直 不能 可以 进行 关于 存在',
    '市民 群众 来电 咨询 投诉 建议 举报 严重 影响 及时 尽快 请求 导致 造成 这个 那个 什么 怎么 为什么 还是',
    '但是 因为 所以 如果 多次 目前 有关 人民 项目 工作 单位 政府 地方 时候 时间 一个 这里 那里 家里 附近',
    '每天 今天 昨天 晚上 白天 需要 能够 知道 觉得 一下 帮忙 麻烦 谢谢 您好 你好 老百姓 有人 不是 就是',
  ]
    .join(' ')
    .split(' '),
);

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** In how many of the texts each word appears (a text counts a word once). */
export function wordCounts(texts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    const seen = new Set<string>();
    for (const s of segmenter.segment(text)) {
      const w = s.segment;
      if (!s.isWordLike || w.length < 2 || STOP.has(w) || /^\d+$/.test(w) || seen.has(w)) continue;
      seen.add(w);
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * Hot words: the words (Intl.Segmenter's Chinese dictionary segmentation) in more requests
 * this period than in the previous one, by how much they rose; each request counts a word once.
 */
export function hotWords(current: string[], previous: string[], limit = 15) {
  return hotWordsOf(wordCounts(current), wordCounts(previous), limit);
}

/** The same, from word counts already made (summed day by day: statistics.repository.ts). */
export function hotWordsOf(
  now: ReadonlyMap<string, number>,
  before: ReadonlyMap<string, number>,
  limit = 15,
) {
  return (
    [...now]
      // Counts summed before a word joined STOP still hold it.
      .filter(([word]) => !STOP.has(word))
      .map(([word, count]) => ({
        word,
        count,
        previous: before.get(word) ?? 0,
        rise: count - (before.get(word) ?? 0),
      }))
      .filter((w) => w.rise > 0 && w.count >= 2)
      .sort((a, b) => b.rise - a.rise || b.count - a.count || a.word.localeCompare(b.word))
      .slice(0, limit)
  );
}
