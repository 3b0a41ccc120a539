import { Card } from 'antd';

export default function TimeLimitsPage() {
  return <Card>建设中</Card>;
}
