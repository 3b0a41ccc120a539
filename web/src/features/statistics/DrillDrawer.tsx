import { Alert, Drawer, Pagination, Spin, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useAsync } from '../../lib/useAsync';
import { OrderTable } from '../orders/OrderTable';
import {
  DRILL_INDICATORS,
  type DrillIndicator,
  INDICATOR_LABELS,
  type PeriodQuery,
  statisticsApi,
} from './api';

const PAGE_SIZE = 20;

/** The orders behind one unit's count (drillUnit, drill and drillPage in the address). */
export function DrillDrawer({
  period,
  unitName,
  periodText,
}: {
  period: PeriodQuery;
  unitName: (id: number) => string;
  periodText: string;
}) {
  const [params, setParams] = useSearchParams();
  const unitId = Number(params.get('drillUnit'));
  const raw = params.get('drill') ?? '';
  const indicator = (DRILL_INDICATORS as readonly string[]).includes(raw) ? (raw as DrillIndicator) : null;
  const page = Math.max(1, Number(params.get('drillPage')) || 1);
  const open = !!indicator && unitId > 0;
  const { data, error, loading } = useAsync(
    () =>
      open && indicator
        ? statisticsApi.drill(period, unitId, indicator, page, PAGE_SIZE)
        : Promise.resolve(undefined),
    JSON.stringify([period, unitId, indicator, page]),
  );
  const patch = (changes: Record<string, string | null>) =>
    setParams(() => {
      const p = new URLSearchParams(window.location.search);
      for (const [k, v] of Object.entries(changes)) {
        if (v === null) p.delete(k);
        else p.set(k, v);
      }
      return p;
    });

  return (
    <Drawer
      open={open}
      size="large"
      width={960}
      title={open && indicator ? `${unitName(unitId)} · ${INDICATOR_LABELS[indicator]}` : ''}
      onClose={() => patch({ drillUnit: null, drill: null, drillPage: null })}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        统计期 {periodText}。点击工单编号打开工单。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      <Spin spinning={loading}>
        <OrderTable items={data?.items ?? []} />
      </Spin>
      {data && data.total > 0 && (
        <Pagination
          style={{ marginTop: 12, textAlign: 'right' }}
          current={data.page}
          pageSize={data.pageSize}
          total={data.total}
          showSizeChanger={false}
          showTotal={(t) => `共 ${t} 件`}
          onChange={(p) => patch({ drillPage: p > 1 ? String(p) : null })}
        />
      )}
    </Drawer>
  );
}
