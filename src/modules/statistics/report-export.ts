import type { CountyFigures } from '../../domain/county-figures.js';
import { ORDER_TYPE_LABELS, type OrderType } from '../../domain/workflow/index.js';
import type { SheetSpec } from './excel.js';
import type { unitFigures } from './statistics.service.js';

type UnitFigures = Awaited<ReturnType<typeof unitFigures>>;
type UnitRow = UnitFigures['units'][number];

export function unitSheet(f: UnitFigures): SheetSpec<UnitRow> {
  const rate = (x: number | null) => (x === null ? null : x);
  return {
    name: `单位指标 ${f.period.from} 至 ${f.period.to}`.slice(0, 31),
    rows: [[...f.units].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999))],
    columns: [
      { header: '排名', value: (u) => u.rank ?? (u.fewOrders ? '不排名（件数少）' : '不参评') },
      { header: '单位', width: 26, value: (u) => u.unitName },
      { header: '综合得分', value: (u) => u.ranking.score },
      { header: '期初在手', value: (u) => u.counts.openAtStart },
      { header: '收件', value: (u) => u.counts.received },
      { header: '协办收件', value: (u) => u.counts.coReceived },
      { header: '协办超时', value: (u) => u.counts.coSilent },
      { header: '签收', value: (u) => u.counts.signed },
      { header: '按时签收', value: (u) => u.counts.signedOnTime },
      { header: '超时签收', value: (u) => u.counts.signedLate },
      { header: '按时签收率%', value: (u) => rate(u.rates.signOnTimeRate) },
      { header: '申请回退', value: (u) => u.counts.returned },
      { header: '回退被拒', value: (u) => u.counts.returnsRejected },
      { header: '延期', value: (u) => u.counts.extended },
      { header: '办结反馈', value: (u) => u.counts.replied },
      { header: '按时办结', value: (u) => u.counts.repliedOnTime },
      { header: '按时办结率%', value: (u) => rate(u.rates.onTimeReplyRate) },
      { header: '当前超期', value: (u) => u.counts.overdueNow },
      { header: '期内超期', value: (u) => u.counts.overdueEver },
      { header: '重办', value: (u) => u.counts.redone },
      { header: '重办率%', value: (u) => rate(u.rates.redoRate) },
      { header: '回访', value: (u) => u.counts.callbacks },
      { header: '满意', value: (u) => u.counts.satisfied },
      { header: '基本满意', value: (u) => u.counts.basicallySatisfied },
      { header: '不满意', value: (u) => u.counts.unsatisfied },
      { header: '联系不上', value: (u) => u.counts.unreachable },
      { header: '满意率%', value: (u) => rate(u.rates.satisfactionRate) },
      { header: '重复投诉', value: (u) => u.counts.repeatedComplaints },
      { header: '被催办', value: (u) => u.counts.urges },
      { header: '被市政府通报', value: (u) => u.counts.cityBulletins },
      { header: '追究责任', value: (u) => u.counts.accountabilities },
      { header: '平均办理工作日', value: (u) => u.rates.averageHandlingWorkingDays },
    ],
  };
}

type Pair = { name: string; count: number };
const pairs = (name: string, header: string, rows: Pair[]): SheetSpec<Pair> => ({
  name,
  rows: [rows],
  columns: [
    { header, width: 40, value: (r) => r.name },
    { header: '件数', value: (r) => r.count },
  ],
});

export function countySheets(f: CountyFigures): Array<SheetSpec<Pair>> {
  return [
    // 直办 is closed by the office itself: in no unit's figures, so the county sheet names it apart.
    pairs('总体', '项目', [
      { name: '受理工单总量', count: f.total },
      { name: '热线办直办（依据知识库直接答复办结的咨询，不计入任何单位）', count: f.answeredOnSpot },
      { name: '热线办分发超时（分发时限在本期届满，其后才派发或至今未派发）', count: f.dispatchLate },
      {
        name: '热线办审批超时（单位申请的审批时限在本期届满，其后才审批或至今未审批）',
        count: f.decisionLate,
      },
    ]),
    pairs('按来源', '来源', f.bySource),
    pairs(
      '按类型',
      '类型',
      f.byType.map((t) => ({ name: ORDER_TYPE_LABELS[t.key as OrderType] ?? t.key, count: t.count })),
    ),
    pairs('按一级分类', '一级分类', f.byCategory.level1),
    pairs('按二级分类', '二级分类', f.byCategory.level2),
    pairs('按三级分类', '三级分类', f.byCategory.level3),
    pairs('按乡镇', '乡镇', f.byTownship),
    pairs(
      '按日期',
      '日期',
      f.byDay.map((d) => ({ name: d.day, count: d.count })),
    ),
    pairs(
      '热点分类',
      '分类（较上期增加）',
      f.hotCategories.map((c) => ({ name: `${c.name}(+${c.rise})`, count: c.count })),
    ),
    pairs(
      '热词',
      '词（较上期增加）',
      f.hotWords.map((w) => ({ name: `${w.word}(+${w.rise})`, count: w.count })),
    ),
  ];
}
