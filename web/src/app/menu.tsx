import {
  AlertOutlined,
  ApiOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CalendarOutlined,
  ClockCircleOutlined,
  DashboardOutlined,
  FileAddOutlined,
  IdcardOutlined,
  ImportOutlined,
  InboxOutlined,
  KeyOutlined,
  NotificationOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SearchOutlined,
  SendOutlined,
  TagsOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Capability, Me } from '../api/types';

export interface MenuEntry {
  key: string;
  label: string;
  icon: ReactNode;
}

const HOME_LABELS = {
  dispatcher: ['派单工作台', <DashboardOutlined key="i" />],
  reviewer: ['审核回访', <ScheduleOutlined key="i" />],
  unit: ['本单位工单', <InboxOutlined key="i" />],
  supervision: ['督查督办', <DashboardOutlined key="i" />],
  overview: ['工单总览', <DashboardOutlined key="i" />],
} as const;

/** Pages in menu order, each shown when the user holds the capability it needs. */
const PAGES: Array<[Capability, string, string, ReactNode]> = [
  ['workOrder.register', '/register', '登记工单', <FileAddOutlined key="i" />],
  ['workOrder.read', '/orders', '工单查询', <SearchOutlined key="i" />],
  ['bulletin.read', '/bulletins', '通报', <NotificationOutlined key="i" />],
  ['cityBulletin.read', '/city-bulletins', '市政府通报', <AlertOutlined key="i" />],
  ['knowledge.read', '/knowledge', '知识库', <BookOutlined key="i" />],
  ['statistics.units', '/statistics', '统计分析', <BarChartOutlined key="i" />],
  // The office keeps the units' synonyms; adding and changing units stays with the administrator.
  ['unit.editSynonyms', '/admin/units', '单位管理', <AppstoreOutlined key="i" />],
  ['user.read', '/admin/users', '用户管理', <TeamOutlined key="i" />],
  ['calendar.manage', '/admin/calendar', '工作日历', <CalendarOutlined key="i" />],
  // The office keeps the categories' synonyms; adding and renaming stays with the administrator.
  ['category.editSynonyms', '/admin/categories', '诉求分类', <TagsOutlined key="i" />],
  ['settings.timeLimits', '/admin/time-limits', '时限设置', <ClockCircleOutlined key="i" />],
  ['security.manage', '/admin/security', '安全设置', <SafetyOutlined key="i" />],
  ['channel.manage', '/admin/notifications', '通知渠道', <SendOutlined key="i" />],
  ['cityLink.settings', '/admin/city-link', '市平台对接', <ApiOutlined key="i" />],
  ['apiClient.manage', '/admin/api-clients', '接口客户端', <KeyOutlined key="i" />],
  ['cityLink.outbox', '/city-link', '市平台对接', <ApiOutlined key="i" />],
  ['cityLink.import', '/city-link/import', '市平台表格导入', <ImportOutlined key="i" />],
  ['audit.read', '/audit', '审计日志', <AuditOutlined key="i" />],
];

/** The menu a user sees: only what the server's policy lets them do (`me.abilities`). */
export function menuFor(me: Me): MenuEntry[] {
  const items: MenuEntry[] = [];
  // Until a forced step is done (new password, second factor) only the account page is open.
  if (me.mustChangePassword || me.mustEnrolTotp) return items;
  if (me.home in HOME_LABELS) {
    const [label, icon] = HOME_LABELS[me.home as keyof typeof HOME_LABELS];
    items.push({ key: '/', label, icon });
  }
  for (const [ability, key, label, icon] of PAGES) {
    if (me.abilities.includes(ability)) items.push({ key, label, icon });
    // A unit's own people fill in their unit's registration form (the administrator does it under 单位管理).
    if (key === '/statistics' && me.home === 'unit' && me.abilities.includes('unit.editRegistration'))
      items.push({ key: '/registration', label: '本单位登记表', icon: <IdcardOutlined /> });
  }
  return items;
}
