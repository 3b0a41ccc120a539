import { Tag } from 'antd';
import type { DeadlineStatus, OrderState, Urgency } from '../../api/types';
import {
  type Badge,
  confidentialBadge,
  deadlineBadge,
  dispatchBadge,
  progressBadge,
  redoBadge,
  stateBadge,
  urgencyBadge,
} from './badges';

// An order's tags, drawn from what badges.ts says they are.

export function BadgeTag({ badge }: { badge: Badge | null }) {
  if (!badge) return null;
  return (
    <Tag color={badge.color} title={badge.title}>
      {badge.label}
    </Tag>
  );
}

export const StateTag = ({ state }: { state: OrderState }) => <BadgeTag badge={stateBadge(state)} />;

/** `awaitingOffice`: a unit's request waits for the office, so a passed deadline is no unit's lateness. */
export const DeadlineTag = ({
  status,
  awaitingOffice = false,
}: {
  status: DeadlineStatus | null | undefined;
  awaitingOffice?: boolean;
}) => <BadgeTag badge={deadlineBadge(status, awaitingOffice)} />;

export const DispatchTag = ({ status }: { status: DeadlineStatus | null | undefined }) => (
  <BadgeTag badge={dispatchBadge(status)} />
);

export const ProgressTag = ({ missed }: { missed: boolean }) => <BadgeTag badge={progressBadge(missed)} />;

export const UrgencyTag = ({ urgency }: { urgency: Urgency }) => <BadgeTag badge={urgencyBadge(urgency)} />;

export const RedoTag = ({ count }: { count: number }) => <BadgeTag badge={redoBadge(count)} />;

export const ConfidentialTag = ({ confidential }: { confidential: boolean }) => (
  <BadgeTag badge={confidentialBadge(confidential)} />
);
