import { Badge, Card, Grid, Tabs, Typography } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ordersApi } from '../../api/orders';
import { useAsync } from '../../lib/useAsync';
import { useServerReturns } from '../../offline/connection';
import { onAnswered } from '../../offline/send';
import { OrderList } from '../orders/OrderList';
import { FILTER_KEYS } from '../orders/query';
import { PhoneTiles } from './PhoneTiles';
import { QueueEmpty } from './QueueEmpty';
import { type QueueTab, tabCountQueries } from './queues';
import { DESK_TAB_GUTTER, tabCountColour } from './tileStyles';

/** A role's queue: one tab per kind of work, each with its count; the open tab is in the address. */
export function QueueTabs({
  title,
  tabs,
  extra,
  notes,
}: {
  title: string;
  tabs: QueueTab[];
  extra?: ReactNode;
  /** Shown above the list of the tab of that key. */
  notes?: Partial<Record<string, ReactNode>>;
}) {
  const [params, setParams] = useSearchParams();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  // A step taken offline and sent when the connection came back changed what the queue holds:
  // read the counts and the open tab's list again (they were the copies kept before the step).
  const [stepsSent, setStepsSent] = useState(0);
  useEffect(() => onAnswered(() => setStepsSent((n) => n + 1)), []);
  // So does the server answering again after the queue was read from the saved copies (a weak
  // signal, or the first moments back online): the copies are older than the server's answer.
  const serverReturns = useServerReturns();
  const reread = `${stepsSent}.${serverReturns}`;
  // Every tab's count in one request (a phone's link pays a round trip per request).
  const counts = useAsync(
    () => ordersApi.counts(tabCountQueries(tabs)).then((r) => r.counts.map((c) => c.total)),
    `${tabs.map((t) => t.key).join(',')}|${params.get('refresh') ?? ''}|${reread}`,
  );
  // Decided once: a count that changes later (the last order read) does not move the page under the user.
  const opened = useRef<QueueTab | undefined>(undefined);
  opened.current ??= opening(tabs, counts.data, counts.error);
  const active = tabs.find((t) => t.key === params.get('tab')) ?? opened.current;

  return (
    <Card
      styles={{ body: { padding: phone ? 10 : 20 } }}
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
      }
      extra={extra}
    >
      {phone ? (
        <PhoneTiles
          tabs={tabs}
          counts={counts.data}
          active={active?.key}
          onPick={(key) => setParams({ tab: key })}
        />
      ) : (
        <Tabs
          activeKey={active?.key}
          onChange={(key) => setParams({ tab: key })}
          size={phone ? 'small' : 'middle'}
          tabBarGutter={phone ? undefined : DESK_TAB_GUTTER}
          items={tabs.map((t, i) => {
            const n = counts.data?.[i];
            return {
              key: t.key,
              label: (
                <span>
                  {t.label}
                  {n !== undefined && n !== null && (
                    <Badge
                      count={n}
                      showZero
                      overflowCount={999}
                      color={tabCountColour(t, n)}
                      style={{ marginInlineStart: 6 }}
                      aria-label={`${n} 件`}
                    />
                  )}
                </span>
              ),
            };
          })}
        />
      )}
      {active && notes?.[active.key]}
      {!active && <div style={{ minHeight: 120 }} />}
      {active && (
        <OrderList
          key={`${active.key}:${reread}`}
          fixed={active.query}
          deadline={active.deadline}
          empty={
            // A search or filter that found nothing is the list's own 「暂无工单」, not an empty tab.
            narrowed(params) ? undefined : (
              <QueueEmpty
                tab={active}
                tabs={tabs}
                counts={counts.data}
                onPick={(key) => setParams({ tab: key })}
              />
            )
          }
          within={
            active.key === 'all'
              ? undefined
              : {
                  label: active.label,
                  // Where the role has one, a search can be taken to all its orders, the words kept.
                  searchAll: tabs.some((t) => t.key === 'all')
                    ? () => setParams({ tab: 'all', q: params.get('q') ?? '' })
                    : undefined,
                }
          }
        />
      )}
    </Card>
  );
}

/**
 * The tab a queue opens on: its first, unless the first opens only when it holds orders; then the
 * next while it is empty, and none (the list waits) until the counts have said which.
 */
function opening(tabs: QueueTab[], counts: number[] | undefined, error: unknown): QueueTab | undefined {
  const [first, next] = tabs;
  if (!first?.opensOnlyIfAny || !next || error) return first;
  if (!counts) return undefined;
  return (counts[0] ?? 0) > 0 ? first : next;
}

/** Whether the address narrows the tab's list by a search or a filter (its sort and page do not). */
function narrowed(params: URLSearchParams): boolean {
  return FILTER_KEYS.some((key) => key !== 'sort' && key !== 'page' && key !== 'pageSize' && params.get(key));
}
