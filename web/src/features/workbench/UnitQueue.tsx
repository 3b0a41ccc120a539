import { useMe } from '../../app/auth';
import { QueueTabs } from './QueueTabs';
import { HOME_QUEUES } from './queues';

/** The page a unit's liaison opens every morning. */
export default function UnitQueue() {
  const me = useMe();
  const { title, tabs } = HOME_QUEUES.unit;
  return <QueueTabs title={title(me)} tabs={tabs} />;
}
