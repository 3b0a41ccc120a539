import {
  ApiOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  ClockCircleOutlined,
  DashboardOutlined,
  FileAddOutlined,
  IdcardOutlined,
  InboxOutlined,
  NotificationOutlined,
  ScheduleOutlined,
  SearchOutlined,
  SendOutlined,
  TagsOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Role } from '../api/types';
import { homeKind, readsOrders, UNIT_ROLES } from './roles';

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

/** The menu a user sees: only what their roles may use. */
export function menuFor(roles: readonly Role[]): MenuEntry[] {
  const items: MenuEntry[] = [];
  const home = homeKind(roles);
  if (home in HOME_LABELS) {
    const [label, icon] = HOME_LABELS[home as keyof typeof HOME_LABELS];
    items.push({ key: '/', label, icon });
  }
  if (roles.includes('dispatcher'))
    items.push({ key: '/register', label: '登记工单', icon: <FileAddOutlined /> });
  if (readsOrders(roles)) items.push({ key: '/orders', label: '工单查询', icon: <SearchOutlined /> });
  if (readsOrders(roles)) items.push({ key: '/bulletins', label: '通报', icon: <NotificationOutlined /> });
  if (readsOrders(roles)) items.push({ key: '/statistics', label: '统计分析', icon: <BarChartOutlined /> });
  // The office keeps the categories' synonyms (what callers say); renaming stays with the administrator.
  if (!roles.includes('admin') && roles.some((r) => r === 'dispatcher' || r === 'reviewer'))
    items.push({ key: '/admin/categories', label: '诉求分类', icon: <TagsOutlined /> });
  if (roles.includes('dispatcher') || roles.includes('reviewer'))
    items.push({ key: '/city-link', label: '市平台对接', icon: <ApiOutlined /> });
  if (roles.some((r) => UNIT_ROLES.includes(r)))
    items.push({ key: '/registration', label: '本单位登记表', icon: <IdcardOutlined /> });
  if (roles.includes('admin')) {
    items.push(
      { key: '/admin/units', label: '单位管理', icon: <AppstoreOutlined /> },
      { key: '/admin/users', label: '用户管理', icon: <TeamOutlined /> },
      { key: '/admin/calendar', label: '工作日历', icon: <CalendarOutlined /> },
      { key: '/admin/categories', label: '诉求分类', icon: <TagsOutlined /> },
      { key: '/admin/time-limits', label: '时限设置', icon: <ClockCircleOutlined /> },
      { key: '/admin/notifications', label: '通知渠道', icon: <SendOutlined /> },
      { key: '/admin/city-link', label: '市平台对接', icon: <ApiOutlined /> },
    );
  }
  if (roles.includes('auditor')) items.push({ key: '/audit', label: '审计日志', icon: <AuditOutlined /> });
  return items;
}
