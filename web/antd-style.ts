import { createCache, extractStyle, StyleProvider } from '@ant-design/cssinjs';
import * as antd from 'antd';
import { createElement as h, type ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { appTheme, CSS_VAR_KEY } from './src/app/theme';

/**
 * Ant Design's component styles for the app, written at build time (web/vite.config.ts) so the
 * browser does not generate them at run time (the app's ConfigProvider sets `zeroRuntime`): about
 * a third of the script time of the queue's load was Ant Design building its CSS-in-JS
 * (docs/performance.md). Each component the app imports is rendered once to a string inside the
 * app's theme, and what they registered is read back — the approach of
 * @ant-design/static-style-extract, here on the cssinjs that antd itself uses, for the components
 * of this list only. A component missing from the list renders unstyled: add it here.
 */
const { Dropdown, Menu, Tag, Badge, Space, Button, Input, Modal, Layout, message, notification } = antd;

/** Components rendered with what they need to register all their styles. */
const SPECIAL: Record<string, () => ReactNode> = {
  Cascader: () => [h(antd.Cascader, { key: 1 }), h(antd.Cascader.Panel, { key: 2 })],
  Dropdown: () => h(Dropdown, { menu: { items: [] } }, h('div')),
  Menu: () => h(Menu, { items: [] }),
  Tag: () => [h(Tag, { key: 1, color: 'blue' }, 'Tag'), h(Tag, { key: 2, color: 'success' }, 'Tag')],
  Badge: () => [h(Badge, { key: 1 }), h(Badge.Ribbon, { key: 2 })],
  Space: () => [h(Space, { key: 1 }), h(Space.Compact, { key: 2 }, h(Button))],
  Input: () => [
    h(Input, { key: 1 }),
    h(Input.Search, { key: 2 }),
    h(Input.TextArea, { key: 3 }),
    h(Input.Password, { key: 4 }),
    h(Input.OTP, { key: 5 }),
  ],
  Modal: () => [
    h(Modal._InternalPanelDoNotUseOrYouWillBeFired, { key: 1 }),
    h(Modal._InternalPanelDoNotUseOrYouWillBeFired, { key: 2, type: 'confirm' }),
  ],
  message: () => h(message._InternalPanelDoNotUseOrYouWillBeFired),
  notification: () => h(notification._InternalPanelDoNotUseOrYouWillBeFired),
  Layout: () => h(Layout, null, h(Layout.Header), h(Layout.Sider), h(Layout.Content), h(Layout.Footer)),
  QRCode: () => h(antd.QRCode, { value: 'https://example.org' }),
};

/** Every Ant Design component web/src imports (test/api/web-build.test.ts keeps this list whole). */
export const ANTD_COMPONENTS = (
  'Alert App AutoComplete Badge Button Card Cascader Checkbox Col Collapse DatePicker Descriptions Divider Drawer ' +
  'Dropdown Empty Flex Form Input InputNumber Layout List Menu Modal Pagination Popconfirm Popover ' +
  'QRCode Radio Result Row Segmented Select Space Spin Statistic Switch Table Tabs Tag Timeline ' +
  'Tooltip Typography Upload message notification ' +
  // Not imported, drawn by those above: Upload's progress bar.
  'Progress'
).split(' ');

function stylesOf(motion: boolean): string {
  const cache = createCache();
  const components = ANTD_COMPONENTS.map((name) => {
    const special = SPECIAL[name];
    if (special) return h('div', { key: name }, special());
    const Component = (antd as unknown as Record<string, Parameters<typeof h>[0]>)[name];
    if (!Component) throw new Error(`antd has no component ${name}`);
    return h(Component, { key: name });
  });
  renderToString(
    h(StyleProvider, { cache }, h(antd.ConfigProvider, { theme: appTheme(motion) }, components)),
  );
  return extractStyle(cache, true);
}

/**
 * The stylesheet: the styles with motion, then, for people who ask for less motion, the duration
 * variables the app's theme sets to 0 then (App.tsx passes `motion: false`).
 */
export function antdStyleSheet(): string {
  const moving = stylesOf(true);
  const still = new Set(stylesOf(false).match(/--ant-motion-duration-[a-z]+:[^;}]+/g));
  if (still.size === 0) throw new Error('no motion durations in the still theme');
  return `${moving}\n@media (prefers-reduced-motion: reduce){.${CSS_VAR_KEY}{${[...still].join(';')}}}\n`;
}
