import { Button, Empty, Flex, Typography } from 'antd';
import type { QueueTab } from './queues';

/**
 * An empty tab says so, and names the role's other tabs of work that needs action now (the red
 * ones) that hold orders, each a link: a liaison who opens the phone on an empty 待签收 sees at
 * once 「超期 3 件」, not a blank page under a grid of tiles to read. Tabs of work in hand (办理中)
 * or of history (已办结, 全部) are not offered: they are not what is waiting.
 */
export function QueueEmpty({
  tab,
  tabs,
  counts,
  onPick,
}: {
  tab: QueueTab;
  tabs: QueueTab[];
  counts: Array<number | null> | undefined;
  onPick: (key: string) => void;
}) {
  const others = tabs.flatMap((t, i) => {
    const n = counts?.[i] ?? 0;
    return t.urgent && t.key !== tab.key && n > 0 ? [{ tab: t, n }] : [];
  });
  return (
    <Empty
      description={
        <Flex vertical gap={4} align="center">
          <span>「{tab.label}」暂无工单</span>
          {others.length > 0 && (
            <Flex wrap gap={4} justify="center" align="center" role="list" aria-label="仍待处理">
              <Typography.Text type="secondary">仍待处理：</Typography.Text>
              {others.map(({ tab: t, n }) => (
                <Button key={t.key} role="listitem" type="link" size="small" onClick={() => onPick(t.key)}>
                  {t.label} {n} 件
                </Button>
              ))}
            </Flex>
          )}
        </Flex>
      }
    />
  );
}
