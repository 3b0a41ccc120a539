import { LogoutOutlined, MenuOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Dropdown, Grid, Layout, Menu, type MenuProps, Typography } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { whenIdle } from '../lib/whenIdle';
import { OfflineBanner } from '../offline/OfflineBanner';
import { registerServiceWorker } from '../offline/register';
import { useAuth, useMe } from './auth';
import { CalendarYearBanner } from './CalendarYearBanner';
import { menuFor } from './menu';
import { NotificationBell } from './NotificationBell';
import { PageErrorBoundary } from './PageErrorBoundary';
import { PageLoading } from './PageLoading';
import { PasswordExpiryBanner } from './PasswordExpiryBanner';
import { menuEntryAt, pageTitle } from './pageTitle';

const { Header, Sider, Content } = Layout;

/** The frame of every page: the role's menu (a drawer on phones), the user, and logout. */
export function Shell() {
  const me = useMe();
  const { logout, stepsPending } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { notification } = App.useApp();
  // Signed in: the app becomes readable offline (the login page itself never registers it).
  useEffect(
    () =>
      whenIdle(() =>
        registerServiceWorker(() =>
          notification.info({
            key: 'new-release',
            title: '系统已更新',
            description: '刷新页面即可使用新版本；未提交的草稿会保留。',
            duration: 0,
          }),
        ),
      ),
    [notification],
  );
  const items = menuFor(me);
  // Set when the address changes, and only then: a page may name itself more closely once its data
  // has come (an order's code), and the shell must not undo that at its next render.
  const title = pageTitle(location.pathname, items);
  useEffect(() => {
    document.title = title;
  }, [title]);
  const menu = (
    <Menu
      mode="inline"
      // A page the menu does not list (an account, an unknown address) keeps the home selected.
      selectedKeys={[menuEntryAt(location.pathname, items)?.key ?? '/']}
      items={items as MenuProps['items']}
      onClick={({ key }) => {
        setDrawerOpen(false);
        navigate(key);
      }}
      style={{ borderInlineEnd: 0 }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          padding: phone ? '0 12px' : '0 24px',
          background: '#fff',
          borderBottom: '1px solid #eef0f3',
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        {phone && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label="打开菜单"
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <Typography.Text strong style={{ fontSize: phone ? 16 : 18, whiteSpace: 'nowrap' }}>
          <span style={{ color: '#1668dc' }}>回音</span>
          {!phone && <span style={{ fontWeight: 400, marginLeft: 8 }}>12345 市民服务热线工单承办系统</span>}
        </Typography.Text>
        <div style={{ flex: 1 }} />
        {!stepsPending && <NotificationBell />}
        <Dropdown
          menu={{
            items: [
              { key: 'unit', label: me.unitName, disabled: true },
              { key: 'roles', label: me.roleLabels.join('、'), disabled: true },
              { type: 'divider' },
              {
                key: 'account',
                label: '账号安全',
                icon: <SafetyOutlined />,
                onClick: () => navigate('/account'),
              },
              { key: 'logout', label: '退出登录', icon: <LogoutOutlined />, onClick: logout },
            ],
          }}
        >
          <Button type="text" icon={<UserOutlined />}>
            {me.name}
            {!phone && <Typography.Text type="secondary"> · {me.roleLabels[0]}</Typography.Text>}
          </Button>
        </Dropdown>
      </Header>
      <Layout>
        {!phone && !stepsPending && (
          <Sider width={200} theme="light" style={{ borderInlineEnd: '1px solid #eef0f3' }}>
            {menu}
          </Sider>
        )}
        {phone && (
          <Drawer
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            placement="left"
            size={240}
            title={`${me.name} · ${me.unitName}`}
            styles={{ body: { padding: 0 } }}
          >
            {menu}
          </Drawer>
        )}
        <Content style={{ padding: phone ? 8 : 20, minWidth: 0 }}>
          {!stepsPending && <OfflineBanner me={me} />}
          {!stepsPending && <CalendarYearBanner />}
          {!stepsPending && <PasswordExpiryBanner me={me} />}
          {/* A new boundary for each page: one page's failure does not follow the user to the next. */}
          <PageErrorBoundary key={location.pathname}>
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </PageErrorBoundary>
        </Content>
      </Layout>
    </Layout>
  );
}
