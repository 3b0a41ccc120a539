import { Card } from 'antd';

export default function MyRegistrationPage() {
  return <Card>建设中</Card>;
}
