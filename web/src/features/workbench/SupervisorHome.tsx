import { useNavigate } from 'react-router';
import { OverviewFigures } from './OverviewHome';
import { QueueTabs } from './QueueTabs';
import { SUPERVISOR_TABS } from './queues';

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
