import { Alert } from 'antd';
import { useLocation } from 'react-router';
import { calendarApi } from '../api/admin';
import { useAsync } from '../lib/useAsync';
import { useAuth } from './auth';

/**
 * The working calendar lacks a year that deadlines will soon reach (from November, next year's),
 * or holds it only provisionally (the statutory days, before the State Council's notice):
 * said on every page of those who dispatch and of the administrator who imports it, since once
 * deadlines cross into that year no order can be dispatched (the figures count the delay). Only
 * the calendar page said so before.
 */
export function CalendarYearBanner() {
  const { can } = useAuth();
  const concerned = can('workflow.dispatch') || can('calendar.manage');
  const status = useAsync(() => (concerned ? calendarApi.years() : Promise.resolve(null)), 'calendar-years');
  const warning = status.data?.warning;
  // The calendar page says it itself, and clears it on import.
  const onCalendarPage = useLocation().pathname.startsWith('/admin/calendar');
  if (!concerned || !warning || onCalendarPage) return null;
  return <Alert type="warning" showIcon banner style={{ marginBottom: 12 }} title={warning} />;
}
