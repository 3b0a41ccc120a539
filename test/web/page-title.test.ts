import { describe, expect, it } from 'vitest';
import type { MenuEntry } from '../../web/src/app/menu';
import { APP_TITLE, menuEntryAt, pageTitle } from '../../web/src/app/pageTitle';

/** A dispatcher's menu, as menuFor builds it (the icons do not matter here). */
const menu: MenuEntry[] = [
  ['/', '派单工作台'],
  ['/orders', '工单查询'],
  ['/bulletins', '通报'],
  ['/city-link', '市平台对接'],
  ['/city-link/import', '市平台表格导入'],
].map(([key, label]) => ({ key: key as string, label: label as string, icon: null }));

describe('pageTitle: each page names itself in the tab and to a screen reader', () => {
  it('names a page of the menu as the menu does, then the app', () => {
    expect(pageTitle('/', menu)).toBe('派单工作台 · 回音');
    expect(pageTitle('/orders', menu)).toBe('工单查询 · 回音');
  });
  it('takes the longest address that holds the page', () => {
    expect(pageTitle('/city-link/import', menu)).toBe('市平台表格导入 · 回音');
    expect(pageTitle('/city-link', menu)).toBe('市平台对接 · 回音');
  });
  it('names one record under a list as the record, not as the list', () => {
    expect(pageTitle('/orders/45', menu)).toBe('工单详情 · 回音');
    expect(pageTitle('/bulletins/3', menu)).toBe('通报详情 · 回音');
  });
  it('names the account page, which no menu lists', () => {
    expect(pageTitle('/account', menu)).toBe('账号安全 · 回音');
  });
  it('gives an address the app does not know the app title, not the home page', () => {
    expect(pageTitle('/no-such-page', menu)).toBe(APP_TITLE);
    // Only a whole segment matches: /ordersx is not a page of /orders.
    expect(pageTitle('/ordersx', menu)).toBe(APP_TITLE);
  });
});

describe('menuEntryAt: the menu item a page belongs to', () => {
  it('is the longest whole-segment address, or none', () => {
    expect(menuEntryAt('/city-link/import', menu)?.key).toBe('/city-link/import');
    expect(menuEntryAt('/orders/45', menu)?.key).toBe('/orders');
    expect(menuEntryAt('/account', menu)).toBeUndefined();
  });
});
