import { Card } from 'antd';

export default function UnitsPage() {
  return <Card>建设中</Card>;
}
