import { type QueueTab, QueueTabs } from './QueueTabs';

export const REVIEWER_TABS: QueueTab[] = [
  { key: 'review', label: '待审核', query: { state: 'pending_review', sort: 'oldest' }, urgent: true },
  { key: 'callback', label: '待回访', query: { state: 'pending_callback', sort: 'oldest' }, urgent: true },
  { key: 'redo', label: '重办中', query: { redo: '1', state: 'pending_sign,handling' } },
  { key: 'closed', label: '已办结', query: { state: 'closed' } },
];

export default function ReviewerHome() {
  return <QueueTabs title="审核回访" tabs={REVIEWER_TABS} />;
}
