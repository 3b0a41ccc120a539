import { Spin } from 'antd';

export function PageLoading() {
  return (
    <div style={{ display: 'grid', placeItems: 'center', padding: 80 }}>
      <Spin size="large" />
    </div>
  );
}
