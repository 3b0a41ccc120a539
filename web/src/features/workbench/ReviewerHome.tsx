import { QueueTabs } from './QueueTabs';
import { REVIEWER_TABS } from './queues';

export default function ReviewerHome() {
  return <QueueTabs title="审核回访" tabs={REVIEWER_TABS} />;
}
