import { Card, Grid, Timeline, Typography } from 'antd';
import type { OrderDetail, TimelineEvent } from '../../api/types';
import { fmtTime } from '../../lib/time';
import { useUnits } from '../../lib/useUnits';
import { EventContent } from './payload';

const COLORS: Record<string, string> = {
  redo_ordered: 'red',
  return_requested: 'orange',
  extension_requested: 'orange',
  co_unit_silent: 'red',
  co_unit_due_soon: 'orange',
  closed: 'green',
  review_accepted: 'green',
  voided: 'gray',
  merged: 'gray',
};

/** Every event of the order: what, who (person and unit), when, and its content in words. */
export function OrderTimeline({ order }: { order: OrderDetail }) {
  const units = useUnits();
  const wide = Grid.useBreakpoint().sm;
  const unitName = (id: number | null | undefined) =>
    units.find((u) => u.id === id)?.name ?? (id ? `单位 ${id}` : '');
  const items = [...order.timeline].reverse().map((e: TimelineEvent) => ({
    key: e.id,
    color: COLORS[e.type] ?? 'blue',
    title: wide ? (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {fmtTime(e.at)}
      </Typography.Text>
    ) : undefined,
    content: (
      <div data-testid="timeline-event">
        {!wide && (
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
            {fmtTime(e.at)}
          </Typography.Text>
        )}
        <Typography.Text strong>{e.label}</Typography.Text>{' '}
        <Typography.Text type="secondary">
          {e.actorName}
          {e.actorUnitName ? ` · ${e.actorUnitName}` : ''}
        </Typography.Text>
        <div style={{ marginTop: 2 }}>
          <EventContent event={e} unitName={unitName} />
        </div>
      </div>
    ),
  }));
  return (
    <Card size="small" title="流转记录">
      <Timeline items={items} />
    </Card>
  );
}
