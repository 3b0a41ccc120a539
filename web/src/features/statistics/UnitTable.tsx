import { Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { KeyboardScroll } from '../../lib/KeyboardScroll';
import { type DrillIndicator, INDICATOR_LABELS, type UnitCounts, type UnitRates, type UnitRow } from './api';

/** A count, as a link to the orders behind it (the drill-down keeps its place in the address). */
export function drillSearch(unitId: number, indicator: DrillIndicator): string {
  const p = new URLSearchParams(window.location.search);
  p.set('drillUnit', String(unitId));
  p.set('drill', indicator);
  p.delete('drillPage');
  return `?${p.toString()}`;
}

type CountOf = (u: UnitRow) => number;
const countOf: Record<DrillIndicator, CountOf> = {
  overdueNow: (u) => u.counts.overdueNow,
  received: (u) => u.counts.received,
  coSilent: (u) => u.counts.coSilent,
  signedLate: (u) => u.counts.signedLate,
  returned: (u) => u.counts.returned,
  returnsRejected: (u) => u.counts.returnsRejected,
  extended: (u) => u.counts.extended,
  replied: (u) => u.counts.replied,
  repliedLate: (u) => u.counts.replied - u.counts.repliedOnTime,
  overdueEver: (u) => u.counts.overdueEver,
  redone: (u) => u.counts.redone,
  unsatisfied: (u) => u.counts.unsatisfied,
  unreachable: (u) => u.counts.unreachable,
  urges: (u) => u.counts.urges,
};

const byNumber = (f: (u: UnitRow) => number | null) => (a: UnitRow, b: UnitRow) =>
  (f(a) ?? -1) - (f(b) ?? -1);

function drillColumn(indicator: DrillIndicator, title?: string): ColumnsType<UnitRow>[number] {
  const f = countOf[indicator];
  return {
    key: indicator,
    title: title ?? INDICATOR_LABELS[indicator],
    align: 'right',
    width: 76,
    sorter: byNumber(f),
    render: (_, u) => {
      const n = f(u);
      if (n === 0) return <Typography.Text type="secondary">0</Typography.Text>;
      return (
        <Link
          to={{ search: drillSearch(u.unitId, indicator) }}
          aria-label={`${u.unitName} ${title ?? INDICATOR_LABELS[indicator]} ${n}`}
        >
          {n}
        </Link>
      );
    },
  };
}

function plainColumn(key: keyof UnitCounts, title: string): ColumnsType<UnitRow>[number] {
  return {
    key,
    title,
    align: 'right',
    width: 76,
    sorter: byNumber((u) => u.counts[key]),
    render: (_, u) => <span title={`${u.unitName} ${title} ${u.counts[key]}`}>{u.counts[key]}</span>,
  };
}

function rateColumn(key: keyof UnitRates, title: string, unit = '%'): ColumnsType<UnitRow>[number] {
  return {
    key,
    title,
    align: 'right',
    width: 90,
    sorter: byNumber((u) => u.rates[key]),
    render: (_, u) => (u.rates[key] === null ? '—' : `${u.rates[key]}${unit}`),
  };
}

const tip = (text: string, hint: string) => (
  <Tooltip title={hint}>
    <span>{text}</span>
  </Tooltip>
);

const placeOrder = (u: UnitRow) => u.rank ?? (u.fewOrders ? 9998 : 9999);

const columns: ColumnsType<UnitRow> = [
  {
    key: 'rank',
    title: '名次',
    width: 64,
    fixed: 'left',
    align: 'center',
    // Placed units by place, then those scored but not placed (件数少), then those with no figures.
    sorter: (a, b) => placeOrder(a) - placeOrder(b),
    defaultSortOrder: 'ascend',
    render: (_, u) =>
      u.rank ??
      (u.fewOrders
        ? tip('不排名', '本期在手工单少于统计口径规定的件数，且无期内超期、超时签收：照算得分，不排名次')
        : '—'),
  },
  { key: 'unit', title: '单位', dataIndex: 'unitName', width: 160, fixed: 'left' },
  {
    key: 'score',
    title: tip('综合得分', '各项得分按权重加权平均；无从计算的项不参与'),
    align: 'right',
    width: 90,
    sorter: byNumber((u) => u.ranking.score),
    render: (_, u) => (u.ranking.score === null ? '不参评' : <strong>{u.ranking.score}</strong>),
  },
  {
    title: '收件',
    children: [
      plainColumn('openAtStart', '期初在手'),
      drillColumn('received'),
      plainColumn('coReceived', '协办'),
      drillColumn('coSilent', '协办超时'),
      drillColumn('overdueNow'),
    ],
  },
  {
    title: '签收',
    children: [
      plainColumn('signed', '签收'),
      drillColumn('signedLate', '超时'),
      rateColumn('signOnTimeRate', '按时签收率'),
    ],
  },
  {
    title: '回退与延期',
    children: [
      drillColumn('returned', '回退'),
      drillColumn('returnsRejected', '被拒'),
      drillColumn('extended'),
    ],
  },
  {
    title: '办结',
    children: [
      drillColumn('replied', '反馈'),
      drillColumn('repliedLate', '超时'),
      rateColumn('onTimeReplyRate', '按时办结率'),
      drillColumn('overdueEver'),
      rateColumn('overdueRate', '超期率'),
      drillColumn('redone'),
      rateColumn('redoRate', '重办率'),
      rateColumn('averageHandlingWorkingDays', '平均工作日', ''),
    ],
  },
  {
    title: '回访',
    children: [
      plainColumn('callbacks', '回访'),
      drillColumn('unsatisfied'),
      // Beside the rate it leaves out: 联系不上 is not in the 满意率 denominator (docs/figures.md).
      drillColumn('unreachable', '联系不上'),
      rateColumn('satisfactionRate', '满意率'),
    ],
  },
  {
    title: '其他',
    children: [
      plainColumn('repeatedComplaints', '重复投诉'),
      drillColumn('urges'),
      plainColumn('cityBulletins', '被市政府通报'),
      plainColumn('accountabilities', '追究责任'),
    ],
  },
];

/** Every unit's figures: counts (each a drill-down link), rates, score and rank; sortable. */
export function UnitTable({ units, loading }: { units: UnitRow[]; loading: boolean }) {
  return (
    <KeyboardScroll label="单位指标">
      <Table<UnitRow>
        rowKey="unitId"
        aria-label="单位指标"
        columns={columns}
        dataSource={units}
        loading={loading}
        size="small"
        bordered
        scroll={{ x: 'max-content' }}
        pagination={false}
        sticky
      />
    </KeyboardScroll>
  );
}
