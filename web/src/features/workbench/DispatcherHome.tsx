import { FileAddOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useNavigate } from 'react-router';
import { type QueueTab, QueueTabs } from './QueueTabs';

export const DISPATCHER_TABS: QueueTab[] = [
  { key: 'dispatch', label: '待派发', query: { state: 'pending_dispatch', sort: 'oldest' }, urgent: true },
  // The office's own clock (第一时间分发): undispatched orders past or near their dispatch deadline.
  { key: 'dispatch_late', label: '分发超时', query: { dispatch: 'overdue', sort: 'oldest' }, urgent: true },
  { key: 'dispatch_soon', label: '分发即将超时', query: { dispatch: 'due_soon', sort: 'oldest' } },
  { key: 'returns', label: '回退待审', query: { state: 'return_requested', sort: 'oldest' }, urgent: true },
  { key: 'extensions', label: '延期待批', query: { pendingExtension: '1', sort: 'deadline' }, urgent: true },
  {
    key: 'fax',
    label: '传真代录',
    query: { state: 'pending_sign,handling', sort: 'deadline' },
    extra: (
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="承办单位因系统故障以传真方式答复的,在此找到工单,打开后点「传真代录」,上传传真件并录入答复内容。"
      />
    ),
  },
  { key: 'overdue', label: '超期', query: { due: 'overdue', sort: 'deadline' }, urgent: true },
  { key: 'due_soon', label: '预警', query: { due: 'due_soon', sort: 'deadline' } },
  { key: 'progress', label: '进展未报', query: { progress: 'missed', sort: 'deadline' } },
  {
    key: 'escalate',
    label: '建议督办',
    query: { escalation: 'proposed', sort: 'deadline' },
    extra: (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title="已超期、经催办和电话督办仍未办理的工单。打开工单,点「报督查室专项督办」。"
      />
    ),
  },
];

/** The dispatcher's workbench: what to register, dispatch and decide today. */
export default function DispatcherHome() {
  const navigate = useNavigate();
  return (
    <QueueTabs
      title="派单工作台"
      tabs={DISPATCHER_TABS}
      extra={
        <Button type="primary" icon={<FileAddOutlined />} onClick={() => navigate('/register')}>
          登记工单
        </Button>
      }
    />
  );
}
