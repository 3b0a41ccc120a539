import { Tag } from 'antd';
import { STATE_COLORS, STATE_LABELS, URGENCY_LABELS } from '../../api/labels';
import type { DeadlineStatus, OrderState, Urgency } from '../../api/types';

export function StateTag({ state }: { state: OrderState }) {
  return <Tag color={STATE_COLORS[state]}>{STATE_LABELS[state]}</Tag>;
}

/** 预警 orange, 超期 red; nothing while the deadline is comfortably ahead. */
export function DeadlineTag({ status }: { status: DeadlineStatus | null | undefined }) {
  if (status === 'overdue') return <Tag color="red">超期</Tag>;
  if (status === 'due_soon') return <Tag color="orange">预警</Tag>;
  return null;
}

/** The office's own clock while an order waits for dispatch (第一时间分发). */
export function DispatchTag({ status }: { status: DeadlineStatus | null | undefined }) {
  if (status === 'overdue') return <Tag color="red">分发超时</Tag>;
  if (status === 'due_soon') return <Tag color="orange">分发即将超时</Tag>;
  return null;
}

/** An extended order whose progress report is overdue (随时报告办理进展情况). */
export function ProgressTag({ missed }: { missed: boolean }) {
  return missed ? <Tag color="red">进展未报</Tag> : null;
}

export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  if (urgency === 'normal') return null;
  return <Tag color={urgency === 'urgent' ? 'volcano' : 'magenta'}>{URGENCY_LABELS[urgency]}</Tag>;
}

export function RedoTag({ count }: { count: number }) {
  if (count <= 0) return null;
  return <Tag color="purple">重办{count > 1 ? ` ×${count}` : ''}</Tag>;
}

/** 保密: the caller asked that the units not learn who they are. */
export function ConfidentialTag({ confidential }: { confidential: boolean }) {
  if (!confidential) return null;
  return (
    <Tag color="gold" title="来电人要求保密:承办单位看不到其姓名、电话和地址">
      保密
    </Tag>
  );
}
