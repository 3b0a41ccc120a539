import type { MenuEntry } from './menu';

/** The title of a page that names none (the sign-in page, an address the app does not know). */
export const APP_TITLE = '回音 · 12345 市民服务热线工单承办系统';

/** Pages the menu does not list, and one record's page under a list's address. */
const OTHER_PAGES: Array<[RegExp, string]> = [
  [/^\/account$/, '账号安全'],
  [/^\/orders\/\d+$/, '工单详情'],
  [/^\/bulletins\/\d+$/, '通报详情'],
];

/**
 * What the browser's tab and a screen reader call the page at `pathname` (WCAG 2.4.2): the page's
 * name as the user's menu shows it, then the app's. The office keeps several orders open in tabs,
 * and a screen reader announces the new title when the router changes the page.
 */
export function pageTitle(pathname: string, menu: MenuEntry[]): string {
  const other = OTHER_PAGES.find(([path]) => path.test(pathname))?.[1];
  const name = other ?? menuEntryAt(pathname, menu)?.label;
  return name ? titled(name) : APP_TITLE;
}

/** `name` as a page title: 「派单工作台 · 回音」. */
export function titled(name: string): string {
  return `${name} · 回音`;
}

/** The menu's entry for the page at `pathname`: the longest address that holds it, whole segments only. */
export function menuEntryAt(pathname: string, menu: MenuEntry[]): MenuEntry | undefined {
  return menu
    .filter((e) =>
      e.key === '/' ? pathname === '/' : pathname === e.key || pathname.startsWith(`${e.key}/`),
    )
    .sort((a, b) => b.key.length - a.key.length)[0];
}
