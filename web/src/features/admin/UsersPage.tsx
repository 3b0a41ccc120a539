import { Card } from 'antd';

export default function UsersPage() {
  return <Card>建设中</Card>;
}
