import { useNavigate } from 'react-router';
import { OverviewFigures } from './OverviewHome';
import { type QueueTab, QueueTabs } from './QueueTabs';

export const SUPERVISOR_TABS: QueueTab[] = [
  { key: 'open', label: '督办中', query: { escalation: 'open', sort: 'deadline' }, urgent: true },
  { key: 'proposed', label: '建议督办', query: { escalation: 'proposed', sort: 'deadline' } },
  { key: 'reported', label: '已报县领导', query: { escalation: 'reported' } },
  { key: 'concluded', label: '督办办结', query: { escalation: 'concluded' } },
  { key: 'overdue', label: '全县超期', query: { due: 'overdue', sort: 'deadline' } },
];

/** The supervision office's cases (专项督查督办), with the county's figures above. */
export default function SupervisorHome() {
  const navigate = useNavigate();
  return (
    <div>
      <OverviewFigures
        onPick={(q) =>
          navigate(`/orders?${new URLSearchParams(Object.entries(q).filter(([, v]) => v) as string[][])}`)
        }
      />
      <QueueTabs title="专项督办案件" tabs={SUPERVISOR_TABS} />
    </div>
  );
}
