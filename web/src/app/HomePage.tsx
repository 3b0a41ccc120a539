import { Navigate } from 'react-router';
import { askEarly } from '../api/client';
import { countsQuery } from '../api/orders';
import type { Me } from '../api/types';
import { listPageQuery } from '../features/orders/query';
import DispatcherHome, { DISPATCHER_TABS } from '../features/workbench/DispatcherHome';
import OverviewHome from '../features/workbench/OverviewHome';
import { type QueueTab, tabCountQueries } from '../features/workbench/QueueTabs';
import ReviewerHome, { REVIEWER_TABS } from '../features/workbench/ReviewerHome';
import SupervisorHome, { SUPERVISOR_TABS } from '../features/workbench/SupervisorHome';
import UnitQueue, { UNIT_TABS } from '../features/workbench/UnitQueue';
import { useMe } from './auth';
import { Result } from './Result';

// The homes are small pages over the same queue and list, loaded with the app: the first screen
// after sign-in waits for no further round of downloads.

/** Each user's own home page, as the server's policy names it. */
export function HomePage() {
  const me = useMe();
  switch (me.home) {
    case 'dispatcher':
      return <DispatcherHome />;
    case 'reviewer':
      return <ReviewerHome />;
    case 'unit':
      return <UnitQueue />;
    case 'supervision':
      return <SupervisorHome />;
    case 'overview':
      return <OverviewHome />;
    case 'admin':
      return <Navigate to={me.abilities.includes('unit.manage') ? '/admin/units' : '/admin/users'} replace />;
    case 'audit':
      return <Navigate to="/audit" replace />;
    default:
      return <Result status="403" title="您的账号没有可用的功能" />;
  }
}

const QUEUES: Partial<Record<Me['home'], QueueTab[]>> = {
  dispatcher: DISPATCHER_TABS,
  reviewer: REVIEWER_TABS,
  unit: UNIT_TABS,
  supervision: SUPERVISOR_TABS,
};

/**
 * Asks for what the home page's queue will show (its first tab's list and the tabs' counts) as
 * soon as the user is known: on a phone's link the round trip then runs while the app draws
 * instead of after (docs/performance.md). Only for the home page as it opens, with no tab or
 * filter in the address and no forced step (password, second factor) showing instead.
 */
export function askHomeEarly(me: Me): void {
  if (window.location.pathname !== '/' || window.location.search) return;
  if (me.mustChangePassword || me.mustEnrolTotp) return;
  const tabs = QUEUES[me.home];
  const first = tabs?.[0];
  if (!tabs || !first) return;
  askEarly('/api/work-orders', { ...listPageQuery(first.query) });
  askEarly('/api/work-orders/counts', countsQuery(tabCountQueries(tabs)));
}
