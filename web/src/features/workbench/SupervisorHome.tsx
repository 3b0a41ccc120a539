import { useNavigate } from 'react-router';
import { useMe } from '../../app/auth';
import { OverviewFigures } from './OverviewHome';
import { QueueTabs } from './QueueTabs';
import { HOME_QUEUES } from './queues';

/** The supervision office's cases (专项督查督办), with the county's figures above. */
export default function SupervisorHome() {
  const navigate = useNavigate();
  const me = useMe();
  const { title, tabs } = HOME_QUEUES.supervision;
  return (
    <div>
      <OverviewFigures
        onPick={(q) =>
          navigate(`/orders?${new URLSearchParams(Object.entries(q).filter(([, v]) => v) as string[][])}`)
        }
      />
      <QueueTabs title={title(me)} tabs={tabs} />
    </div>
  );
}
