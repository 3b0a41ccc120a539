import { Typography } from 'antd';
import type { ReactNode } from 'react';
import type { DeadlineReading, OrderDetail } from '../../api/types';
import { fmtDeadline, fmtTime } from '../../lib/time';
import type { ClockKind } from '../orders/badges';
import { clockTimeLeft } from '../orders/clocks';

/** One of the order's deadlines (`kind`: which clock; the handling deadline unless said), with its time left. */
export function Deadline({
  d,
  label,
  kind = 'handle',
}: {
  d: DeadlineReading;
  label: string;
  kind?: ClockKind;
}) {
  if (!d.at) return null;
  const type = d.status === 'overdue' ? 'danger' : d.status === 'due_soon' ? 'warning' : undefined;
  const left = clockTimeLeft(kind, d);
  return (
    <div>
      {label}：<Typography.Text strong>{fmtDeadline(d.at)}</Typography.Text>
      {left && <Typography.Text type={type}>（{left}）</Typography.Text>}
    </div>
  );
}

export function Rule({ children }: { children: ReactNode }) {
  return <div style={{ lineHeight: 1.8 }}>{children}</div>;
}

/**
 * What the co-units said, and which have said nothing yet, where the lead writes its reply, the
 * leader signs it and the office reviews it: the lead answers for the whole matter and writes the
 * co-units' findings into it; the opinions were otherwise only in the timeline, and a co-unit that
 * never signed was seen only on the order's page.
 */
export function CoUnitOpinions({ order }: { order: OrderDetail }) {
  const active = order.assignments.filter((a) => a.active && a.role === 'co');
  const given = order.timeline.filter((e) => e.type === 'co_opinion_given');
  const latest = active.flatMap((a) => {
    const opinion = given.findLast((e) => e.payload.unitId === a.unitId);
    return opinion ? [{ unitName: a.unitName, at: opinion.at, ...opinion.payload }] : [];
  });
  const waiting = active.filter((a) => !a.opinionAt);
  if (latest.length === 0 && waiting.length === 0) return null;
  const state = (a: (typeof waiting)[number]) =>
    [a.signedAt ? '已签收' : '未签收', a.silent ? '已记未按期反馈' : ''].filter(Boolean).join('，');
  return (
    <>
      {latest.length > 0 && (
        <ul data-testid="co-unit-opinions" style={{ margin: '4px 0', paddingInlineStart: 18 }}>
          {latest.map((o) => (
            <li key={o.unitId}>
              <Typography.Text type="secondary">
                {o.unitName}协办意见（{fmtTime(o.at)}
                {o.late ? '，逾期' : ''}）：
              </Typography.Text>
              <span style={{ whiteSpace: 'pre-wrap' }}>{o.content}</span>
            </li>
          ))}
        </ul>
      )}
      {waiting.length > 0 && (
        <div data-testid="co-units-without-opinion">
          <Typography.Text type="warning">
            尚未提出协办意见：{waiting.map((a) => `${a.unitName}（${state(a)}）`).join('、')}
          </Typography.Text>
        </div>
      )}
    </>
  );
}
