import { Button, Card, Col, Row, Statistic, Typography } from 'antd';
import { FINAL_STATES, ORDER_STATES } from '../../../../src/domain/workflow/states';
import { STATE_LABELS } from '../../api/labels';
import { ordersApi } from '../../api/orders';
import type { OrderQuery, OrderState } from '../../api/types';
import { useAsync } from '../../lib/useAsync';
import { OrderList } from '../orders/OrderList';
import { useOrderQuery } from '../orders/query';

const FIGURES: Array<{ key: string; label: string; query: OrderQuery; color?: string }> = [
  { key: 'all', label: '全部工单', query: {} },
  {
    key: 'open',
    label: '在办',
    // Every state but the final ones, from the workflow's own list (待签发 was left out by hand).
    query: { state: ORDER_STATES.filter((s) => !FINAL_STATES.includes(s)).join(',') },
  },
  { key: 'overdue', label: '超期', query: { due: 'overdue' }, color: '#cf1322' },
  { key: 'due_soon', label: '预警', query: { due: 'due_soon' }, color: '#d46b08' },
  { key: 'closed', label: '已办结', query: { state: 'closed' }, color: '#389e0d' },
];

const STATES = Object.keys(STATE_LABELS) as OrderState[];

/** The county's figures: all, open, overdue, due soon, closed, and by state; a click filters the list. */
export function OverviewFigures({ onPick }: { onPick: (q: OrderQuery) => void }) {
  // The figures and the count of every state, in one request.
  const counted = useAsync(
    () =>
      ordersApi
        .counts([...FIGURES.map((f) => f.query), ...STATES.map((state) => ({ state }))])
        .then((r) => r.counts.map((c) => c.total)),
    'figures',
  );
  const figures = counted.data?.slice(0, FIGURES.length);
  const byState = counted.data?.slice(FIGURES.length);
  return (
    <div>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {FIGURES.map((f, i) => (
          <Col key={f.key} xs={12} sm={8} lg={4}>
            <Card
              hoverable
              size="small"
              onClick={() => onPick({ due: f.query.due, state: f.query.state })}
              aria-label={f.label}
            >
              <Statistic
                title={f.label}
                value={figures?.[i] ?? '—'}
                styles={{ content: { color: f.color } }}
                suffix="件"
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" style={{ marginBottom: 12 }} title="按状态">
        <Row gutter={[8, 8]}>
          {STATES.map((s, i) => (
            <Col key={s} xs={12} sm={6} lg={3}>
              <Button type="link" size="small" onClick={() => onPick({ state: s, due: undefined })}>
                <Typography.Text type="secondary">{STATE_LABELS[s]}</Typography.Text>
                <Typography.Text strong>{byState?.[i] ?? '—'}</Typography.Text>
              </Button>
            </Col>
          ))}
        </Row>
      </Card>
    </div>
  );
}

/** The county leaders' overview: the figures, then every order. */
export default function OverviewHome() {
  const [query, update] = useOrderQuery();
  return (
    <div>
      <OverviewFigures onPick={(q) => update({ due: q.due, state: q.state })} />
      <Card title="工单" extra={query.due === 'overdue' ? '当前：超期工单' : undefined}>
        <OrderList />
      </Card>
    </div>
  );
}
