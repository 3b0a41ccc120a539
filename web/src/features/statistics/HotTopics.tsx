import { FallOutlined, RiseOutlined } from '@ant-design/icons';
import { Card, Empty, List, Tabs, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { CountyFigures } from './api';
import { ordersLink } from './CountyCharts';

function Rise({ rise, previous }: { rise: number; previous: number }) {
  const up = rise > 0;
  return (
    <Typography.Text type={up ? 'danger' : 'success'} style={{ whiteSpace: 'nowrap' }}>
      {up ? <RiseOutlined /> : <FallOutlined />} {up ? '+' : ''}
      {rise}
      <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
        上期 {previous}
      </Typography.Text>
    </Typography.Text>
  );
}

/** 热点: the categories and the words rising most against the previous period of the same length. */
export function HotTopics({ figures }: { figures: CountyFigures }) {
  return (
    <Card size="small" title="热点诉求（较上一统计期）" style={{ height: '100%' }}>
      <Tabs
        size="small"
        items={[
          {
            key: 'categories',
            label: '热点分类',
            children:
              figures.hotCategories.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有上升的分类" />
              ) : (
                <List
                  size="small"
                  aria-label="热点分类"
                  dataSource={figures.hotCategories}
                  renderItem={(c, i) => (
                    <List.Item extra={<Rise rise={c.rise} previous={c.previous} />}>
                      <span>
                        <Tag color={i < 3 ? 'red' : undefined}>{i + 1}</Tag>
                        <Link to={ordersLink(figures.period, { categoryId: c.categoryId })}>{c.name}</Link>
                        <Typography.Text type="secondary"> {c.count} 件</Typography.Text>
                      </span>
                    </List.Item>
                  )}
                />
              ),
          },
          {
            key: 'words',
            label: '热词',
            children:
              figures.hotWords.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有上升的热词" />
              ) : (
                <List
                  size="small"
                  aria-label="热词"
                  dataSource={figures.hotWords}
                  renderItem={(w, i) => (
                    <List.Item extra={<Rise rise={w.rise} previous={w.previous} />}>
                      <span>
                        <Tag color={i < 3 ? 'volcano' : undefined}>{i + 1}</Tag>
                        <Link to={ordersLink(figures.period, { q: w.word })}>{w.word}</Link>
                        <Typography.Text type="secondary"> {w.count} 件</Typography.Text>
                      </span>
                    </List.Item>
                  )}
                />
              ),
          },
        ]}
      />
    </Card>
  );
}
