import { Card, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { assistantApi, type CallerOrder, type RepeatItem, type RepeatProbe, type Repeats } from './api';
import { CallerHistoryList } from './CallerHistoryList';
import { RepeatList } from './RepeatList';

const DEBOUNCE_MS = 400;
const PHONE = /^[0-9+\-() ]{5,20}$/;

interface Props {
  probe: RepeatProbe;
  onMerge: (item: RepeatItem) => void;
  onLink: (item: RepeatItem) => void;
  busy: boolean;
}

/**
 * The side panel of the register page: while the call is taken, the orders this one may
 * repeat and the caller's past orders, refreshed as the dispatcher types.
 */
export function RegisterAssistant({ probe, onMerge, onLink, busy }: Props) {
  const [repeats, setRepeats] = useState<Repeats>();
  const [history, setHistory] = useState<CallerOrder[]>();
  const key = JSON.stringify(probe);

  useEffect(() => {
    const p = JSON.parse(key) as RepeatProbe;
    const enough = PHONE.test(p.phone) || p.address.length >= 4 || (p.townshipUnitId && p.title.length >= 2);
    if (!enough) {
      setRepeats(undefined);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      assistantApi
        .repeats(p)
        .then((r) => live && setRepeats(r))
        .catch(() => live && setRepeats(undefined));
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);

  useEffect(() => {
    const phone = probe.phone.trim();
    if (!PHONE.test(phone)) {
      setHistory(undefined);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      assistantApi
        .callerHistory(phone)
        .then((r) => live && setHistory(r.items))
        .catch(() => live && setHistory(undefined));
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [probe.phone]);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title="可能重复的工单" role="region" aria-label="可能重复的工单面板">
        {repeats ? (
          <RepeatList
            items={repeats.items}
            windowDays={repeats.windowDays}
            onMerge={onMerge}
            onLink={onLink}
            busy={busy}
          />
        ) : (
          <Typography.Text type="secondary">
            填写电话、地址或乡镇与标题后，自动查找在办和近期的同一事项。
          </Typography.Text>
        )}
      </Card>
      <Card size="small" title="来电人历史" role="region" aria-label="来电人历史面板">
        {history ? (
          <CallerHistoryList items={history} />
        ) : (
          <Typography.Text type="secondary">填写联系电话后显示该号码的历史工单。</Typography.Text>
        )}
      </Card>
    </Space>
  );
}
