import { Button, Space, Typography } from 'antd';
import { Component, type ReactNode } from 'react';
import { PageLoading } from './PageLoading';
import { isFailedLoad, reloadForNewRelease } from './staleRelease';

type State = { error: Error | null; reloading: boolean };

/**
 * Catches what a page throws while it draws, so the user sees why and what to do instead of a
 * blank screen: a part that could not be loaded (a new release, or no network) or a fault. A
 * new release reloads the page by itself, once. Nothing here is loaded lazily: it must draw when
 * loading is what failed.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null, reloading: false };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown): void {
    if (isFailedLoad(error)) this.setState({ reloading: reloadForNewRelease() });
  }

  override render() {
    const { error, reloading } = this.state;
    if (error === null) return this.props.children;
    if (reloading) return <PageLoading />;
    return <PageFailed error={error} />;
  }
}

function PageFailed({ error }: { error: Error }) {
  const failedLoad = isFailedLoad(error);
  const offline = failedLoad && !navigator.onLine;
  const [title, advice] = offline
    ? ['网络已断开，这一页未能载入', '这一页还没有存到本机。联网后刷新即可；已打开过的工单和队列仍可查看。']
    : failedLoad
      ? ['页面未能载入', '系统可能刚刚更新，或网络时断时续。请刷新页面；未提交的草稿会保留。']
      : [
          '页面出错了',
          '请刷新页面重试；未提交的草稿会保留。若仍出错，请把出错时间和所做的操作告诉系统管理员。',
        ];
  return (
    <div role="alert" style={{ maxWidth: 560, margin: '48px auto', padding: '0 16px' }}>
      <Typography.Title level={4}>{title}</Typography.Title>
      <Typography.Paragraph>{advice}</Typography.Paragraph>
      {!failedLoad && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          出错信息：{error.message}
        </Typography.Paragraph>
      )}
      <Space wrap>
        <Button type="primary" onClick={() => window.location.reload()}>
          刷新页面
        </Button>
        <Button onClick={() => window.location.assign('/')}>返回首页</Button>
      </Space>
    </div>
  );
}
