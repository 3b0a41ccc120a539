import type { Capability, Me } from '../api/types';

// The menu as data: which pages a user's menu lists, in order, with each one's icon by name.
// The app's menu (menu.tsx) draws the icons from Ant Design's; the start-up script draws the
// desk's menu from the same list before the app has loaded (web/src/early/deskView.ts).
// Nothing here imports React or Ant Design.

export type MenuIconName =
  | 'alert'
  | 'api'
  | 'appstore'
  | 'audit'
  | 'barChart'
  | 'book'
  | 'calendar'
  | 'clock'
  | 'dashboard'
  | 'fileAdd'
  | 'idcard'
  | 'import'
  | 'inbox'
  | 'key'
  | 'notification'
  | 'safety'
  | 'schedule'
  | 'search'
  | 'send'
  | 'tags'
  | 'team';

export interface MenuEntryData {
  key: string;
  label: string;
  icon: MenuIconName;
}

const HOMES: Record<string, [string, MenuIconName]> = {
  dispatcher: ['派单工作台', 'dashboard'],
  reviewer: ['审核回访', 'schedule'],
  unit: ['本单位工单', 'inbox'],
  supervision: ['督查督办', 'dashboard'],
  overview: ['工单总览', 'dashboard'],
};

/** Pages in menu order, each shown when the user holds the capability it needs. */
const PAGES: Array<[Capability, string, string, MenuIconName]> = [
  ['workOrder.register', '/register', '登记工单', 'fileAdd'],
  ['workOrder.read', '/orders', '工单查询', 'search'],
  ['bulletin.read', '/bulletins', '通报', 'notification'],
  ['cityBulletin.read', '/city-bulletins', '市政府通报', 'alert'],
  ['knowledge.read', '/knowledge', '知识库', 'book'],
  ['statistics.units', '/statistics', '统计分析', 'barChart'],
  // The office keeps the units' synonyms; adding and changing units stays with the administrator.
  ['unit.editSynonyms', '/admin/units', '单位管理', 'appstore'],
  ['user.read', '/admin/users', '用户管理', 'team'],
  ['calendar.manage', '/admin/calendar', '工作日历', 'calendar'],
  // The office keeps the categories' synonyms; adding and renaming stays with the administrator.
  ['category.editSynonyms', '/admin/categories', '诉求分类', 'tags'],
  ['settings.timeLimits', '/admin/time-limits', '时限设置', 'clock'],
  ['security.manage', '/admin/security', '安全设置', 'safety'],
  ['channel.manage', '/admin/notifications', '通知渠道', 'send'],
  ['cityLink.settings', '/admin/city-link', '市平台对接', 'api'],
  ['apiClient.manage', '/admin/api-clients', '接口客户端', 'key'],
  ['cityLink.outbox', '/city-link', '市平台对接', 'api'],
  ['cityLink.import', '/city-link/import', '市平台表格导入', 'import'],
  ['audit.read', '/audit', '审计日志', 'audit'],
];

/** The menu a user sees: only what the server's policy lets them do (`me.abilities`). */
export function menuEntriesFor(me: Me): MenuEntryData[] {
  const items: MenuEntryData[] = [];
  // Until a forced step is done (new password, second factor) only the account page is open.
  if (me.mustChangePassword || me.mustEnrolTotp) return items;
  const home = HOMES[me.home];
  if (home) items.push({ key: '/', label: home[0], icon: home[1] });
  for (const [ability, key, label, icon] of PAGES) {
    if (me.abilities.includes(ability)) items.push({ key, label, icon });
    // A unit's own people fill in their unit's registration form (the administrator does it under 单位管理).
    if (key === '/statistics' && me.home === 'unit' && me.abilities.includes('unit.editRegistration'))
      items.push({ key: '/registration', label: '本单位登记表', icon: 'idcard' });
  }
  return items;
}
