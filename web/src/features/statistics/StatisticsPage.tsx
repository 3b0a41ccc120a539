import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Divider, Flex, Row, Space, Statistic, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth';
import { useAsync } from '../../lib/useAsync';
import { statisticsApi } from './api';
import { CountyCharts, ordersLink, RankingChart } from './CountyCharts';
import { DrillDrawer } from './DrillDrawer';
import { HotTopics } from './HotTopics';
import { PeriodPicker, thisMonth, usePeriod } from './period';
import { SettingsCard } from './SettingsCard';
import { drillSearch, UnitTable } from './UnitTable';

/** 统计分析: the county's figures, hot topics, the units' figures and ranking; all drill down. */
export default function StatisticsPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const leader = can('statistics.county');
  const [period, setPeriod, opened] = usePeriod();
  const key = JSON.stringify(period);
  const units = useAsync(() => statisticsApi.units(period), key);
  const county = useAsync(
    () => (leader ? statisticsApi.county(period) : Promise.resolve(undefined)),
    `${key}:${leader}`,
  );
  const range = units.data?.period ?? county.data?.period;
  const periodText = range ? (range.from === range.to ? range.from : `${range.from} 至 ${range.to}`) : '';
  const unitName = (id: number) => units.data?.units.find((u) => u.unitId === id)?.unitName ?? `单位 ${id}`;
  const error = units.error ?? county.error;
  const countyPeriod = county.data?.period;
  // The page opens on the last complete month; a county in its first month has none with orders
  // yet (a new installation, the demo's fortnight): it opens on this month instead, in place.
  // (Read on the county's figures: a unit's own quiet month is its figure, not a reason to move.)
  const openedOnEmptyMonth = opened && leader && county.data?.total === 0;
  useEffect(() => {
    if (openedOnEmptyMonth) setPeriod(thisMonth(), { replace: true });
  }, [openedOnEmptyMonth, setPeriod]);

  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Space wrap size={12}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              统计分析
            </Typography.Title>
            <PeriodPicker value={period} onChange={setPeriod} />
            {periodText && <Typography.Text type="secondary">统计期 {periodText}</Typography.Text>}
          </Space>
          <Space wrap>
            <Button
              icon={<ReloadOutlined />}
              aria-label="刷新"
              onClick={() => {
                void units.reload();
                void county.reload();
              }}
            />
            <Button icon={<DownloadOutlined />} href={statisticsApi.unitExportUrl(period)} download>
              导出 Excel（单位指标）
            </Button>
            {leader && (
              <Button icon={<DownloadOutlined />} href={statisticsApi.countyExportUrl(period)} download>
                导出 Excel（全县统计）
              </Button>
            )}
          </Space>
        </Flex>
      </Card>
      {error && <Alert type="error" showIcon title={error.message} />}
      {leader && county.data && countyPeriod && (
        <>
          {/* One row of figures in three groups (the county's orders, the units, the office's own
              clock), wrapping as a whole: two cards side by side left one half empty when the
              office's figures wrapped inside their narrower card. */}
          <Card size="small">
            <Flex gap={32} wrap align="center">
              <Link to={ordersLink(county.data.period, {})} aria-label="全县工单">
                <Statistic title="全县工单（件）" value={county.data.total} />
              </Link>
              {county.data.bySource.slice(0, 4).map((s) => (
                <Link key={s.key} to={ordersLink(countyPeriod, { channel: s.key })}>
                  <Statistic title={s.name} value={s.count} />
                </Link>
              ))}
              <Divider orientation="vertical" style={{ height: 48, margin: 0 }} />
              <Statistic title="参评单位" value={units.data?.units.filter((u) => u.rank).length ?? 0} />
              <Statistic
                title="当前超期（件）"
                value={units.data?.units.reduce((s, u) => s + u.counts.overdueNow, 0) ?? 0}
              />
              <Divider orientation="vertical" style={{ height: 48, margin: 0 }} />
              <Statistic title="热线办直办（件）" value={county.data.answeredOnSpot} />
              <Statistic title="热线办分发超时（件）" value={county.data.dispatchLate} />
              <Statistic title="热线办审批超时（件）" value={county.data.decisionLate} />
            </Flex>
          </Card>
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={16}>
              <CountyCharts figures={county.data} />
            </Col>
            <Col xs={24} xl={8}>
              <HotTopics figures={county.data} />
            </Col>
          </Row>
        </>
      )}
      {units.data && (
        <Row gutter={[12, 12]}>
          <Col xs={24} xl={14}>
            <RankingChart
              units={units.data.units}
              minOrders={units.data.settings.minOrdersToRank}
              onPick={(id) => navigate({ search: drillSearch(id, 'received') })}
            />
          </Col>
          <Col xs={24} xl={10}>
            <SettingsCard
              settings={units.data.settings}
              onSaved={() => {
                void units.reload();
              }}
            />
          </Col>
        </Row>
      )}
      <Card size="small" title="各单位指标（点击数字查看工单）">
        <UnitTable units={units.data?.units ?? []} loading={units.loading} />
      </Card>
      <DrillDrawer period={period} unitName={unitName} periodText={periodText} />
    </Flex>
  );
}
