import { Card } from 'antd';

export default function CalendarPage() {
  return <Card>建设中</Card>;
}
