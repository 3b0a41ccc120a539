import { Col, Row } from 'antd';
import { lazy } from 'react';
import { useNavigate } from 'react-router';
import { withQuery } from '../../api/client';
import { TYPE_LABELS } from '../../api/labels';
import type { OrderType } from '../../api/types';
import type { CountyFigures, Period, UnitRow } from './api';
import { ChartCard } from './ChartCard';

const Chart = lazy(() => import('./Chart'));

/** The order list's address for a county figure: its filters plus the period (or one day). */
export function ordersLink(period: Period, filters: Record<string, string | number | undefined>): string {
  return withQuery('/orders', { ...filters, from: period.from, to: period.to });
}

const barOption = (names: string[], values: number[], horizontal = false, color = '#1677ff') => {
  const cat = { type: 'category', data: names, axisLabel: { interval: 0, width: 90, overflow: 'truncate' } };
  const val = { type: 'value', minInterval: 1 };
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: horizontal ? val : { ...cat, axisLabel: { ...cat.axisLabel, rotate: names.length > 5 ? 30 : 0 } },
    yAxis: horizontal ? { ...cat, inverse: true } : val,
    series: [{ type: 'bar', data: values, itemStyle: { color }, barMaxWidth: 32 }],
  };
};

// A few names wrap onto a second line of the legend; a scrolling legend paged five sources 1/3
// on a phone's card. Only a long list scrolls.
const pieOption = (data: Array<{ name: string; value: number }>) => ({
  tooltip: { trigger: 'item', formatter: '{b}:{c} 件（{d}%）' },
  legend: data.length <= 8 ? { bottom: 0, itemGap: 8 } : { bottom: 0, type: 'scroll' },
  series: [
    {
      type: 'pie',
      radius: ['32%', '60%'],
      center: ['50%', data.length > 4 ? '40%' : '45%'],
      data,
      // Counts on the slices, names in the legend: outside labels do not fit a narrow card.
      label: { position: 'inside', formatter: '{c}', color: '#fff' },
    },
  ],
});

/** The county's volume: trend, sources, types, categories and townships; each click opens the orders. */
export function CountyCharts({ figures }: { figures: CountyFigures }) {
  const navigate = useNavigate();
  const { period } = figures;
  const go = (filters: Record<string, string | number | undefined>, p: Period = period) =>
    navigate(ordersLink(p, filters));
  const typeName = (k: string) => TYPE_LABELS[k as OrderType] ?? k;
  const townships = figures.byTownship.filter((t) => t.count > 0);
  const level1 = figures.byCategory.level1.slice(0, 10);
  const level2 = figures.byCategory.level2.slice(0, 10);

  return (
    <Row gutter={[12, 12]}>
      <Col xs={24}>
        <ChartCard
          title="每日工单量"
          unit="件"
          rows={figures.total === 0 ? [] : figures.byDay.map((d) => ({ name: d.day, value: d.count }))}
        >
          <Chart
            label="每日工单量"
            height={240}
            option={{
              tooltip: { trigger: 'axis' },
              grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
              xAxis: { type: 'category', data: figures.byDay.map((d) => d.day.slice(5)) },
              yAxis: { type: 'value', minInterval: 1 },
              series: [
                {
                  type: figures.byDay.length > 45 ? 'line' : 'bar',
                  data: figures.byDay.map((d) => d.count),
                  barMaxWidth: 24,
                  areaStyle: figures.byDay.length > 45 ? { opacity: 0.15 } : undefined,
                },
              ],
            }}
            onClick={(p) => {
              const day = figures.byDay[p.dataIndex]?.day;
              if (day) go({}, { from: day, to: day });
            }}
          />
        </ChartCard>
      </Col>
      <Col xs={24} md={12} xl={8}>
        <ChartCard
          title="来源分布"
          unit="件"
          rows={figures.bySource.map((s) => ({ name: s.name, value: s.count }))}
        >
          <Chart
            label="来源分布"
            option={pieOption(figures.bySource.map((s) => ({ name: s.name, value: s.count, key: s.key })))}
            onClick={(p) => go({ channel: figures.bySource[p.dataIndex]?.key })}
          />
        </ChartCard>
      </Col>
      <Col xs={24} md={12} xl={8}>
        <ChartCard
          title="类型分布"
          unit="件"
          rows={figures.byType.map((t) => ({ name: typeName(t.key), value: t.count }))}
        >
          <Chart
            label="类型分布"
            option={pieOption(figures.byType.map((t) => ({ name: typeName(t.key), value: t.count })))}
            onClick={(p) => go({ type: figures.byType[p.dataIndex]?.key })}
          />
        </ChartCard>
      </Col>
      <Col xs={24} xl={8}>
        <ChartCard title="乡镇分布" unit="件" rows={townships.map((t) => ({ name: t.name, value: t.count }))}>
          <Chart
            label="乡镇分布"
            option={barOption(
              townships.map((t) => t.name),
              townships.map((t) => t.count),
              true,
              '#13a8a8',
            )}
            onClick={(p) => {
              const t = townships[p.dataIndex];
              if (t?.unitId) go({ townshipUnitId: t.unitId });
            }}
          />
        </ChartCard>
      </Col>
      <Col xs={24} md={12}>
        <ChartCard
          title="一级分类 前十"
          unit="件"
          rows={level1.map((c) => ({ name: c.name, value: c.count }))}
        >
          <Chart
            label="一级分类"
            option={barOption(
              level1.map((c) => c.name),
              level1.map((c) => c.count),
              true,
              '#722ed1',
            )}
            onClick={(p) => go({ level1: level1[p.dataIndex]?.name })}
          />
        </ChartCard>
      </Col>
      <Col xs={24} md={12}>
        <ChartCard
          title="二级分类 前十"
          unit="件"
          rows={level2.map((c) => ({ name: c.name, value: c.count }))}
        >
          <Chart
            label="二级分类"
            option={barOption(
              level2.map((c) => c.name),
              level2.map((c) => c.count),
              true,
              '#eb2f96',
            )}
            onClick={(p) => go({ level2: level2[p.dataIndex]?.name })}
          />
        </ChartCard>
      </Col>
    </Row>
  );
}

/**
 * The ranking: each placed unit's score in the order of its place (equal scores: more orders in
 * hand first); a click opens the unit's received orders. Units scored on too few orders are
 * counted under the chart, not placed in it.
 */
export function RankingChart({
  units,
  minOrders,
  onPick,
}: {
  units: UnitRow[];
  minOrders: number;
  onPick: (unitId: number) => void;
}) {
  const ranked = units
    .filter((u): u is UnitRow & { rank: number } => u.rank !== null)
    .sort((a, b) => a.rank - b.rank);
  const few = units.filter((u) => u.fewOrders).length;
  return (
    <ChartCard
      title="单位综合得分排名"
      unit="分"
      rows={ranked.map((u) => ({ name: u.unitName, value: u.ranking.score ?? 0 }))}
      note={
        few > 0 &&
        `另有 ${few} 个单位本期在手工单不足 ${minOrders} 件且无期内超期、超时签收，照算得分、不排名次（见下表）。`
      }
    >
      <Chart
        label="单位综合得分排名"
        height={Math.max(200, ranked.length * 26 + 40)}
        option={{
          ...barOption(
            ranked.map((u) => u.unitName),
            ranked.map((u) => u.ranking.score ?? 0),
            true,
            '#fa8c16',
          ),
          xAxis: { type: 'value', max: 100 },
        }}
        onClick={(p) => {
          const u = ranked[p.dataIndex];
          if (u) onPick(u.unitId);
        }}
      />
    </ChartCard>
  );
}
