import { Result } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import type { Role } from '../api/types';
import { useAuth } from './auth';
import { HomePage } from './HomePage';
import { PageLoading } from './PageLoading';

// The shell (menus, drawer, notifications) loads after sign-in, so the login page stays small.
const Shell = lazy(() => import('./Shell').then((m) => ({ default: m.Shell })));
const LoginPage = lazy(() => import('../features/login/LoginPage'));
const OrdersPage = lazy(() => import('../features/orders/OrdersPage'));
const OrderPage = lazy(() => import('../features/order/OrderPage'));
const RegisterPage = lazy(() => import('../features/register/RegisterPage'));
const UnitsPage = lazy(() => import('../features/admin/UnitsPage'));
const UsersPage = lazy(() => import('../features/admin/UsersPage'));
const CalendarPage = lazy(() => import('../features/admin/CalendarPage'));
const CategoriesPage = lazy(() => import('../features/admin/CategoriesPage'));
const TimeLimitsPage = lazy(() => import('../features/admin/TimeLimitsPage'));
const NotificationChannelsPage = lazy(() => import('../features/admin/NotificationChannelsPage'));
const MyRegistrationPage = lazy(() => import('../features/admin/MyRegistrationPage'));
const AuditPage = lazy(() => import('../features/audit/AuditPage'));
const BulletinsPage = lazy(() => import('../features/bulletins/BulletinsPage'));
const BulletinPage = lazy(() => import('../features/bulletins/BulletinPage'));
const StatisticsPage = lazy(() => import('../features/statistics/StatisticsPage'));
const CityLinkPage = lazy(() => import('../features/city/CityLinkPage'));
const CitySettingsPage = lazy(() => import('../features/city/CitySettingsPage'));

function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { has } = useAuth();
  if (!has(...roles)) return <Result status="403" title="无权访问" subTitle="您的角色不能使用此页面。" />;
  return <>{children}</>;
}

const ORDER_READERS: Role[] = [
  'dispatcher',
  'reviewer',
  'supervisor',
  'county_leader',
  'unit_liaison',
  'unit_leader',
  'unit_main_leader',
];
const UNIT: Role[] = ['unit_liaison', 'unit_leader', 'unit_main_leader'];

export function AppRoutes() {
  const { me } = useAuth();
  const location = useLocation();

  if (!me) {
    return (
      <Suspense fallback={<PageLoading />}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route
            path="*"
            element={
              <Navigate
                to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}
                replace
              />
            }
          />
        </Routes>
      </Suspense>
    );
  }

  const guard = (roles: Role[], page: ReactNode) => <RequireRole roles={roles}>{page}</RequireRole>;
  return (
    <Suspense fallback={<PageLoading />}>
      <Routes>
        <Route path="/login" element={<Navigate to="/" replace />} />
        <Route element={<Shell />}>
          <Route index element={<HomePage />} />
          <Route path="orders" element={guard(ORDER_READERS, <OrdersPage />)} />
          <Route path="orders/:id" element={guard(ORDER_READERS, <OrderPage />)} />
          <Route path="register" element={guard(['dispatcher'], <RegisterPage />)} />
          <Route path="registration" element={guard(UNIT, <MyRegistrationPage />)} />
          <Route path="admin/units" element={guard(['admin'], <UnitsPage />)} />
          <Route path="admin/users" element={guard(['admin'], <UsersPage />)} />
          <Route path="admin/calendar" element={guard(['admin'], <CalendarPage />)} />
          <Route
            path="admin/categories"
            element={guard(['admin', 'dispatcher', 'reviewer'], <CategoriesPage />)}
          />
          <Route path="admin/time-limits" element={guard(['admin'], <TimeLimitsPage />)} />
          <Route path="admin/notifications" element={guard(['admin'], <NotificationChannelsPage />)} />
          <Route path="admin/city-link" element={guard(['admin'], <CitySettingsPage />)} />
          <Route path="city-link" element={guard(['dispatcher', 'reviewer'], <CityLinkPage />)} />
          <Route path="audit" element={guard(['auditor'], <AuditPage />)} />
          <Route path="bulletins" element={guard(ORDER_READERS, <BulletinsPage />)} />
          <Route path="bulletins/:id" element={guard(ORDER_READERS, <BulletinPage />)} />
          <Route path="statistics" element={guard(ORDER_READERS, <StatisticsPage />)} />
          <Route path="*" element={<Result status="404" title="页面不存在" />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
