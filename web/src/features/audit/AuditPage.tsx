import { Card } from 'antd';

export default function AuditPage() {
  return <Card>建设中</Card>;
}
