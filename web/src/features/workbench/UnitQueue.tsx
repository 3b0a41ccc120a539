import { useMe } from '../../app/auth';
import { type QueueTab, QueueTabs } from './QueueTabs';

export const UNIT_TABS: QueueTab[] = [
  { key: 'sign', label: '待签收', query: { state: 'pending_sign' }, urgent: true },
  { key: 'handling', label: '办理中', query: { state: 'handling' } },
  // The unit's leaders sign off the drafted replies here (签发); the liaisons see what waits.
  { key: 'sign_off', label: '待签发', query: { state: 'pending_sign_off' }, urgent: true },
  { key: 'due_soon', label: '预警', query: { due: 'due_soon', sort: 'deadline' }, urgent: true },
  { key: 'overdue', label: '超期', query: { due: 'overdue', sort: 'deadline' }, urgent: true },
  // Extended orders whose progress report is overdue (随时报告办理进展情况).
  { key: 'progress', label: '进展未报', query: { progress: 'missed', sort: 'deadline' }, urgent: true },
  {
    key: 'redo',
    label: '重办',
    query: { redo: '1', state: 'pending_sign,handling,return_requested' },
    urgent: true,
  },
  { key: 'co', label: '协办', query: { role: 'co', state: 'pending_sign,handling,return_requested' } },
  { key: 'all', label: '全部', query: {} },
];

/** The page a unit's liaison opens every morning. */
export default function UnitQueue() {
  const me = useMe();
  return <QueueTabs title={`${me.unitName} · 工单`} tabs={UNIT_TABS} />;
}
