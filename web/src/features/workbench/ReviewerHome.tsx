import { useMe } from '../../app/auth';
import { QueueTabs } from './QueueTabs';
import { HOME_QUEUES } from './queues';

export default function ReviewerHome() {
  const me = useMe();
  const { title, tabs } = HOME_QUEUES.reviewer;
  return <QueueTabs title={title(me)} tabs={tabs} />;
}
