import { Navigate } from 'react-router';
import DispatcherHome from '../features/workbench/DispatcherHome';
import OverviewHome from '../features/workbench/OverviewHome';
import ReviewerHome from '../features/workbench/ReviewerHome';
import SupervisorHome from '../features/workbench/SupervisorHome';
import UnitQueue from '../features/workbench/UnitQueue';
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
