import { useMe } from '../../app/auth';
import { QueueTabs } from './QueueTabs';
import { HOME_QUEUES, homeQueueOf } from './queues';

/** The page a unit's liaison opens every morning; its leaders' opens on 待签发, its main leader's on 待阅批 when any wait. */
export default function UnitQueue() {
  const me = useMe();
  const { title, tabs } = homeQueueOf(me) ?? HOME_QUEUES.unit;
  return <QueueTabs title={title(me)} tabs={tabs} />;
}
