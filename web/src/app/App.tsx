import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter } from 'react-router';
import { keepTabInDialogs } from '../lib/focusWrap';
import { returnFocusAfterDialogs } from '../lib/returnFocus';
import '../lib/time';
import { AuthProvider } from './auth';
import { AppRoutes } from './routes';

// People who ask their system for less motion get none (WCAG 2.3.3); it also keeps dialogs from
// moving under a click.
const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

// antd's default greys, reds and greens are too pale for small text (WCAG 1.4.3 asks 4.5:1 against
// the page); these keep the same hues, darker, so secondary text, placeholders and danger buttons read.
const READABLE_COLOURS = {
  colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
  colorTextDescription: 'rgba(0, 0, 0, 0.65)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
  colorError: '#cf1322',
  colorSuccess: '#237804',
  colorSuccessBg: '#f6ffed',
  colorSuccessBorder: '#b7eb8f',
  colorWarning: '#ad4e00',
  colorInfo: '#0958d9',
};

// Tab cycles inside an open dialog instead of leaving it for the browser's bar.
keepTabInDialogs();
// A dialog closed with Esc gives the focus back to the button that opened it.
returnFocusAfterDialogs();

export function App() {
  return (
    <ConfigProvider
      locale={zhCN}
      button={{ autoInsertSpace: false }}
      theme={{
        token: { ...READABLE_COLOURS, colorPrimary: '#1668dc', borderRadius: 6, motion: !reduceMotion },
        // An unchecked switch writes white on its grey track: a darker track keeps 「关」 readable.
        components: { Switch: { colorTextQuaternary: '#6e6e6e', colorTextTertiary: '#595959' } },
      }}
    >
      <AntApp>
        <BrowserRouter>
          <AuthProvider>
            <AppRoutes />
          </AuthProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
