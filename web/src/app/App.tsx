import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter } from 'react-router';
import { keepTabInDialogs } from '../lib/focusWrap';
import { nameIconsInChinese } from '../lib/iconNames';
import { returnFocusAfterDialogs } from '../lib/returnFocus';
import '../lib/time';
import { AuthProvider } from './auth';
import { PageErrorBoundary } from './PageErrorBoundary';
import { AppRoutes } from './routes';
import { appTheme } from './theme';

// People who ask their system for less motion get none (WCAG 2.3.3); it also keeps dialogs from
// moving under a click.
const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

// Tab cycles inside an open dialog instead of leaving it for the browser's bar.
keepTabInDialogs();
// A dialog closed with Esc gives the focus back to the button that opened it.
returnFocusAfterDialogs();
// Screen readers read controls by their Chinese words, not antd icons' English names.
nameIconsInChinese();

export function App() {
  return (
    <ConfigProvider
      locale={zhCN}
      button={{ autoInsertSpace: false }}
      // Styles come from the stylesheet the build wrote (web/antd-style.ts), not generated here.
      theme={{ ...appTheme(!reduceMotion), zeroRuntime: true }}
    >
      <AntApp>
        <BrowserRouter>
          <PageErrorBoundary>
            <AuthProvider>
              <AppRoutes />
            </AuthProvider>
          </PageErrorBoundary>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
