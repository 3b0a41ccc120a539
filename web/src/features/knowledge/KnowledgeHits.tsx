import { List, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { KnowledgeHit } from './api';

interface Props {
  items: KnowledgeHit[];
  /** The one-click buttons beside each entry (cite, answer on the spot). */
  actions?: (hit: KnowledgeHit) => ReactNode[];
  empty?: string;
}

/** Knowledge entries offered for the text at hand, most relevant first. */
export function KnowledgeHits({ items, actions, empty = '没有相关的现行知识条目。' }: Props) {
  if (items.length === 0) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <List
      size="small"
      aria-label="相关知识条目"
      dataSource={items}
      renderItem={(k) => (
        <List.Item key={k.versionId} actions={actions?.(k)}>
          <List.Item.Meta
            title={
              <Space size={4} wrap>
                <Typography.Text strong>{k.title}</Typography.Text>
                <Tag>{k.kindLabel}</Tag>
              </Space>
            }
            description={
              <>
                <Typography.Paragraph
                  ellipsis={{ rows: 3, expandable: true, symbol: '展开' }}
                  style={{ margin: 0 }}
                >
                  {k.body}
                </Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {k.sourceDocument}（{k.sourceDate}）· {k.ownerUnitName} · 第 {k.versionNo} 版 · 有效期{' '}
                  {k.validFrom} 至 {k.validUntil ?? '长期'}
                </Typography.Text>
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}
