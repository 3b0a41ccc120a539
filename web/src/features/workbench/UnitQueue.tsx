import { useMe } from '../../app/auth';
import { QueueTabs } from './QueueTabs';
import { UNIT_TABS } from './queues';

/** The page a unit's liaison opens every morning. */
export default function UnitQueue() {
  const me = useMe();
  return <QueueTabs title={`${me.unitName} · 工单`} tabs={UNIT_TABS} />;
}
