import { Card } from 'antd';

export default function CategoriesPage() {
  return <Card>建设中</Card>;
}
