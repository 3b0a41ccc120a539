import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReply, type ReplyContent } from '../../src/domain/reply-standard.js';
import { sh } from './calendar-fixture.js';
import { goodReply } from './factories.js';

/**
 * test/corpus/replies.jsonl: replies written in the styles of real county 12345 replies (住建、
 * 城管、交通、教育、人社、市场监管、乡镇…), each with its verdict per field. The `holdout` part was
 * written before the rule and not used to tune it; its accuracy is the honest figure. The
 * `review` part was written by a reviewer who had not seen the rule's word lists, labelled from
 * the notice alone (2026-12-05): the rule got 121 of its 204 verdicts right then and was mended
 * on what it showed (five labels changed, each with its note). The `review2` part came from a
 * second reviewer who saw neither the rule nor the corpora, the same day after those mends: the rule
 * got 269 of its 312 verdicts right then (155 of 156 that should pass, 114 of 156 that should be
 * refused), and was mended again on what it showed (three labels changed, with their notes).
 * The `review3` part (w001–w252) came from a third reviewer who saw neither the rule nor the
 * corpora (2026-12-06): at first sight the rule got 457 of its 504 verdicts right (275 of 281 that
 * should pass, 182 of 223 that should be refused). It let through long letters of officialese
 * (成立工作专班…压实主体责任…确保妥善解决, words no list will ever hold all of: now judged by how
 * thin their substance is, reply-substance.ts OFFICIALESE), a transfer dressed in a long letter,
 * and short brush-offs (请自行协商解决, 此事请咨询所在村委会, 已通知该企业自查自纠); it refused six
 * village and consultation results written plainly (砌好了, 新装了12个充电口, 4月底前把羊圈挪到…,
 * 不在禁放区). Mended on what it showed; one label changed, with its note.
 * The `review4` part (x001–x200) came from a fourth reviewer, blind to the rule and to every
 * corpus, written after the review3 mends to measure them: at first sight the rule got 358 of its
 * 400 verdicts right (247 of 248 that should pass, 111 of 152 that should be refused; 89.5 %).
 * What it let through: short brush-offs in new words (已批转分管副县长阅处, 将认真研究，适时出台相关
 * 措施, 正在积极向上争取, 立案调查…结果另行告知, 一个签名块), and findings taken for a result because
 * of 已 before a state (已变形, 已满载). Mended on it (392 of 400 now); the verdicts it still gets wrong are listed
 * in KNOWN_MISSES, each with why, so a change that mends or breaks another shows.
 * The design rows d155–d167 were written with the year-end review's rule (2026-12; they show it,
 * they do not measure it): findings that say the cause and the responsible party were found
 * (已查明原因和责任方, 相关问题已核实, 找到了问题所在) and name neither, the demo's old template among
 * them (办理情况 refused, 处理结果 accepted), and findings that name them in other wordings
 * (原因是…, 系…所致, 由于…, 责任方为…, a named company).
 *
 * test/corpus/reply-fields.jsonl: the short parts (phone, policy, explanation, names) as people
 * type them, from the same review.
 */
interface CorpusReply {
  id: string;
  split: 'design' | 'holdout' | 'review' | 'review2' | 'review3' | 'review4';
  kind: string;
  text: string;
  expect: { findings: boolean; result: boolean };
}

/**
 * Verdicts the rule still gets wrong, with why (a word list and a count of words cannot tell them).
 * - x082 result: 迁出地已停发 is what was found (the allowance stopped when the household moved);
 *   已停发 is as often what a unit did (违规领取的补贴已停发).
 * - x086, x088, x089 result: findings with figures only (an overcharge counted, accounts audited, an
 *   ambulance's times), taken for results by 收取/支付/派出 in what was found.
 * - x101 result: a consultation answered by a comparison (按1.5元收取，超过指导价); 超过 is also how
 *   findings say what was measured (w055, w067, w116), which must not pass as results.
 * - x138 both: a long letter on school traffic in general, made of the matter's own words
 *   (校园周边交通安全, 护学岗, 巡逻管控) with nothing about this case.
 * - x152 findings: 属于民事纠纷 as the finding; the review part labels the same (r028) a finding.
 */
const KNOWN_MISSES: Record<string, string[]> = {
  review4: [
    'x082 result',
    'x086 result',
    'x088 result',
    'x089 result',
    'x101 result',
    'x138 findings',
    'x138 result',
    'x152 findings',
  ],
};

const corpus: CorpusReply[] = readFileSync(resolve(__dirname, '../corpus/replies.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as CorpusReply);

const ctx = { needsCitizenReply: false, now: sh('2026-03-05T16:00'), dispatchedAt: sh('2026-03-02T09:00') };

/** The verdict the check gives the text in one field, the other field holding a good part. */
function accepted(field: 'findings' | 'result', text: string): boolean {
  const problems = checkReply(goodReply({ [field]: text }), ctx);
  return !problems.some((p) => p.field === field);
}

describe('the reply corpus', () => {
  it('holds at least 200 replies covering every kind the notice refuses and substantive ones', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    const kinds = new Set(corpus.filter((r) => !r.expect.findings).map((r) => r.kind));
    for (const kind of ['transfer', 'referral', 'ack', 'truncated', 'date', 'compliment', 'vague']) {
      expect(kinds).toContain(kind);
    }
    expect(corpus.filter((r) => r.expect.findings).length).toBeGreaterThanOrEqual(80);
    expect(corpus.filter((r) => r.split === 'holdout').length).toBeGreaterThanOrEqual(50);
  });

  for (const split of ['design', 'holdout', 'review', 'review2', 'review3', 'review4'] as const) {
    it(`gives every ${split} reply its expected verdict in both fields`, () => {
      const rows = corpus.filter((r) => r.split === split);
      const misses: string[] = [];
      for (const r of rows) {
        for (const field of ['findings', 'result'] as const) {
          if (accepted(field, r.text) !== r.expect[field]) misses.push(`${r.id} ${field}`);
        }
      }
      const total = rows.length * 2;
      console.info(`reply corpus (${split}): ${total - misses.length}/${total} verdicts right`);
      expect(misses).toEqual(KNOWN_MISSES[split] ?? []);
    });
  }

  it('gives every short part as people type it its expected verdict', () => {
    const fields = readFileSync(resolve(__dirname, '../corpus/reply-fields.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map(
        (line) => JSON.parse(line) as { id: string; field: keyof ReplyContent; value: string; ok: boolean },
      );
    expect(fields.length).toBeGreaterThanOrEqual(40);
    const misses = fields.filter((f) => {
      const over: Partial<ReplyContent> =
        f.field === 'explanation'
          ? { unreasonableDemand: true, explanation: f.value }
          : { [f.field]: f.value };
      const problems = checkReply(goodReply(over), ctx);
      return !problems.some((p) => p.field === f.field) !== f.ok;
    });
    expect(misses.map((f) => `${f.id} ${f.field}: ${f.value}`)).toEqual([]);
  });
});
