import { Result } from 'antd';
import { lazy } from 'react';
import { Navigate } from 'react-router';
import { useMe } from './auth';

const DispatcherHome = lazy(() => import('../features/workbench/DispatcherHome'));
const ReviewerHome = lazy(() => import('../features/workbench/ReviewerHome'));
const UnitQueue = lazy(() => import('../features/workbench/UnitQueue'));
const OverviewHome = lazy(() => import('../features/workbench/OverviewHome'));
const SupervisorHome = lazy(() => import('../features/workbench/SupervisorHome'));

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
