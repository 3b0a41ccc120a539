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
import type { Me } from '../api/types';
import { type MenuIconName, menuEntriesFor } from './menuEntries';

export interface MenuEntry {
  key: string;
  label: string;
  icon: ReactNode;
}

const ICONS: Record<MenuIconName, ReactNode> = {
  alert: <AlertOutlined />,
  api: <ApiOutlined />,
  appstore: <AppstoreOutlined />,
  audit: <AuditOutlined />,
  barChart: <BarChartOutlined />,
  book: <BookOutlined />,
  calendar: <CalendarOutlined />,
  clock: <ClockCircleOutlined />,
  dashboard: <DashboardOutlined />,
  fileAdd: <FileAddOutlined />,
  idcard: <IdcardOutlined />,
  import: <ImportOutlined />,
  inbox: <InboxOutlined />,
  key: <KeyOutlined />,
  notification: <NotificationOutlined />,
  safety: <SafetyOutlined />,
  schedule: <ScheduleOutlined />,
  search: <SearchOutlined />,
  send: <SendOutlined />,
  tags: <TagsOutlined />,
  team: <TeamOutlined />,
};

/** The menu a user sees (menuEntries.ts), with Ant Design's icons. */
export function menuFor(me: Me): MenuEntry[] {
  return menuEntriesFor(me).map((e) => ({ key: e.key, label: e.label, icon: ICONS[e.icon] }));
}
