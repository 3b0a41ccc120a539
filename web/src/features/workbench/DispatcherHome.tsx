import { FileAddOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useNavigate } from 'react-router';
import { useMe } from '../../app/auth';
import { QueueTabs } from './QueueTabs';
import { HOME_QUEUES } from './queues';

/** What the office is told above a tab's list. */
const TAB_NOTES = {
  fax: (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      title="承办单位因系统故障以传真方式答复的，在此找到工单，打开后点「传真代录」，上传传真件并录入答复内容。"
    />
  ),
  escalate: (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title="已超期、经催办和电话督办仍未办理的工单。打开工单，点「报督查室专项督办」。"
    />
  ),
};

/** The dispatcher's workbench: what to register, dispatch and decide today. */
export default function DispatcherHome() {
  const navigate = useNavigate();
  const me = useMe();
  const { title, tabs } = HOME_QUEUES.dispatcher;
  return (
    <QueueTabs
      title={title(me)}
      tabs={tabs}
      notes={TAB_NOTES}
      extra={
        <Button type="primary" icon={<FileAddOutlined />} onClick={() => navigate('/register')}>
          登记工单
        </Button>
      }
    />
  );
}
