import { Alert } from 'antd';
import { useLocation } from 'react-router';
import { calendarApi } from '../api/admin';
import { useAsync } from '../lib/useAsync';
import { useAuth } from './auth';

/**
 * The working calendar lacks a year that deadlines will soon reach (from November, next year's):
 * said on every page of those who dispatch and of the administrator who imports it, since once
 * deadlines cross into that year no order can be dispatched (the figures count the delay). Only
 * the calendar page said so before.
 */
export function CalendarYearBanner() {
  const { can } = useAuth();
  const concerned = can('workflow.dispatch') || can('calendar.manage');
  const status = useAsync(() => (concerned ? calendarApi.years() : Promise.resolve(null)), 'calendar-years');
  const missing = status.data?.missing ?? [];
  // The calendar page says it itself, and clears it on import.
  const onCalendarPage = useLocation().pathname.startsWith('/admin/calendar');
  if (!concerned || missing.length === 0 || onCalendarPage) return null;
  const years = missing.join('、');
  return (
    <Alert
      type="warning"
      showIcon
      banner
      style={{ marginBottom: 12 }}
      title={`工作日历缺少 ${years} 年的节假日安排:办理期限跨入 ${years} 年的工单将无法派发。${
        can('calendar.manage')
          ? '请在「工作日历」中导入国务院办公厅公布的安排。'
          : '请联系系统管理员尽快导入。'
      }`}
    />
  );
}
