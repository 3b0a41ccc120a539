import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import type { Capability } from '../api/types';
import { useAuth } from './auth';
import { HomePage } from './HomePage';
import { PageLoading } from './PageLoading';
import { Result } from './Result';
import { Shell } from './Shell';

// The shell and the home pages are part of the app's first download (one round of requests on a
// weak link); the sign-in page is a page of its own (web/login.html) that loads none of this.
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
const CityBulletinsPage = lazy(() => import('../features/city-bulletins/CityBulletinsPage'));
const KnowledgePage = lazy(() => import('../features/knowledge/KnowledgePage'));
const StatisticsPage = lazy(() => import('../features/statistics/StatisticsPage'));
const SecuritySettingsPage = lazy(() => import('../features/admin/SecuritySettingsPage'));
const AccountPage = lazy(() => import('../features/account/AccountPage'));
const CityLinkPage = lazy(() => import('../features/city/CityLinkPage'));
const CitySettingsPage = lazy(() => import('../features/city/CitySettingsPage'));
const ApiClientsPage = lazy(() => import('../features/admin/ApiClientsPage'));
const CityImportPage = lazy(() => import('../features/city/CityImportPage'));

function RequireAbility({ ability, children }: { ability: Capability; children: ReactNode }) {
  const { can } = useAuth();
  if (!can(ability)) return <Result status="403" title="无权访问" subTitle="您的角色不能使用此页面。" />;
  return <>{children}</>;
}

/** Not signed in (or the session ended): to the sign-in page, which brings the user back here. */
function SignInFirst({ path }: { path: string }) {
  useEffect(() => {
    location.replace(path === '/' ? '/login' : `/login?next=${encodeURIComponent(path)}`);
  }, [path]);
  return <PageLoading />;
}

export function AppRoutes() {
  const { me, stepsPending } = useAuth();
  const location = useLocation();

  if (!me) return <SignInFirst path={location.pathname + location.search} />;

  // A new password or the second factor first: the server refuses everything else until then.
  if (stepsPending) {
    return (
      <Suspense fallback={<PageLoading />}>
        <Routes>
          <Route element={<Shell />}>
            <Route path="account" element={<AccountPage />} />
            <Route path="*" element={<Navigate to="/account" replace />} />
          </Route>
        </Routes>
      </Suspense>
    );
  }

  const guard = (ability: Capability, page: ReactNode) => (
    <RequireAbility ability={ability}>{page}</RequireAbility>
  );
  return (
    <Suspense fallback={<PageLoading />}>
      <Routes>
        <Route element={<Shell />}>
          <Route index element={<HomePage />} />
          <Route path="account" element={<AccountPage />} />
          <Route path="orders" element={guard('workOrder.read', <OrdersPage />)} />
          <Route path="orders/:id" element={guard('workOrder.read', <OrderPage />)} />
          <Route path="register" element={guard('workOrder.register', <RegisterPage />)} />
          <Route path="registration" element={guard('unit.editRegistration', <MyRegistrationPage />)} />
          <Route path="admin/units" element={guard('unit.editSynonyms', <UnitsPage />)} />
          <Route path="admin/users" element={guard('user.read', <UsersPage />)} />
          <Route path="admin/calendar" element={guard('calendar.manage', <CalendarPage />)} />
          <Route path="admin/categories" element={guard('category.editSynonyms', <CategoriesPage />)} />
          <Route path="admin/time-limits" element={guard('settings.timeLimits', <TimeLimitsPage />)} />
          <Route path="admin/security" element={guard('security.manage', <SecuritySettingsPage />)} />
          <Route path="admin/notifications" element={guard('channel.manage', <NotificationChannelsPage />)} />
          <Route path="admin/city-link" element={guard('cityLink.settings', <CitySettingsPage />)} />
          <Route path="admin/api-clients" element={guard('apiClient.manage', <ApiClientsPage />)} />
          <Route path="city-link" element={guard('cityLink.outbox', <CityLinkPage />)} />
          <Route path="city-link/import" element={guard('cityLink.import', <CityImportPage />)} />
          <Route path="audit" element={guard('audit.read', <AuditPage />)} />
          <Route path="bulletins" element={guard('bulletin.read', <BulletinsPage />)} />
          <Route path="bulletins/:id" element={guard('bulletin.read', <BulletinPage />)} />
          <Route path="city-bulletins" element={guard('cityBulletin.read', <CityBulletinsPage />)} />
          <Route path="knowledge" element={guard('knowledge.read', <KnowledgePage />)} />
          <Route path="statistics" element={guard('statistics.units', <StatisticsPage />)} />
          <Route path="*" element={<Result status="404" title="页面不存在" />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
