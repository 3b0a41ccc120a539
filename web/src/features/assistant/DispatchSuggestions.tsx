import { BulbOutlined } from '@ant-design/icons';
import { App, Button, Flex, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { assistantApi, type DispatchSuggestions as Suggestions } from '../../api/assistant';
import { ApiError } from '../../api/client';
import { fmtTime } from '../../lib/time';

/** Waits for a pause in typing before asking: one request per pause, not per keystroke. */
const DEBOUNCE_MS = 300;
const pct = (c: number) => `${Math.round(c * 100)}%`;

interface Props {
  title: string;
  content: string;
  /** The order being dispatched: a unit that returned it is not suggested, the unit it suggested is. */
  orderId?: number;
  /** Show the category suggestions, and what picking one does. */
  onPickCategory?: (categoryId: number, path: [string, string, string]) => void;
  onPickUnit?: (unitId: number) => void;
  /** Offer the office's "retrain now" button. */
  canRetrain?: boolean;
}

/** The assistant's three likeliest categories and lead units for the text as typed, with confidences. */
export function DispatchSuggestions({
  title,
  content,
  orderId,
  onPickCategory,
  onPickUnit,
  canRetrain,
}: Props) {
  const { message } = App.useApp();
  const [data, setData] = useState<Suggestions>();
  const [error, setError] = useState<string>();
  const [retraining, setRetraining] = useState(false);
  const text = `${title.trim()}${content.trim()}`;

  useEffect(() => {
    if (text.length < 4) {
      setData(undefined);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      assistantApi
        .suggest(title, content, orderId)
        .then((s) => {
          if (!live) return;
          setData(s);
          setError(undefined);
        })
        .catch((e) => live && setError(e instanceof ApiError ? e.message : '暂时无法给出建议'));
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [title, content, orderId, text.length]);

  const retrain = async () => {
    setRetraining(true);
    try {
      await assistantApi.retrain();
      message.info('已开始按最新历史重新训练，完成后自动替换，不影响使用。');
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '无法开始训练');
    } finally {
      setRetraining(false);
    }
  };

  if (!data && !error) return null;
  return (
    <section
      aria-label="派单助手建议"
      style={{ background: '#f6f9ff', padding: '8px 12px', marginBottom: 16, borderRadius: 6 }}
    >
      <Typography.Text strong>
        <BulbOutlined /> 派单助手建议
      </Typography.Text>
      {error && <Typography.Paragraph type="secondary">{error}</Typography.Paragraph>}
      {data && onPickCategory && (
        <Flex wrap gap={6} align="center" style={{ marginTop: 6 }}>
          <Typography.Text type="secondary">分类：</Typography.Text>
          {data.categories.map((c) => (
            <Button
              key={c.categoryId}
              size="small"
              data-suggestion
              aria-label={`采用推荐分类 ${c.path.join(' / ')}（${pct(c.confidence)}）`}
              onClick={() => onPickCategory(c.categoryId, c.path)}
            >
              {c.path.join(' / ')} <Typography.Text type="secondary">{pct(c.confidence)}</Typography.Text>
            </Button>
          ))}
        </Flex>
      )}
      {data && (
        <Flex wrap gap={6} align="center" style={{ marginTop: 6 }}>
          <Typography.Text type="secondary">牵头单位：</Typography.Text>
          {data.units.map((u) => {
            // The returning unit's suggestion leads whatever the model thinks of it: say why.
            const why = u.suggestedByReturn ? '回退单位建议' : pct(u.confidence);
            return onPickUnit ? (
              <Button
                key={u.unitId}
                size="small"
                data-suggestion
                aria-label={`采用推荐单位 ${u.name}（${why}）`}
                onClick={() => onPickUnit(u.unitId)}
              >
                {u.name} <Typography.Text type="secondary">{why}</Typography.Text>
              </Button>
            ) : (
              <Typography.Text key={u.unitId} aria-label={`推荐单位 ${u.name}（${why}）`}>
                {u.name} <Typography.Text type="secondary">{why}</Typography.Text>
              </Typography.Text>
            );
          })}
        </Flex>
      )}
      {data && data.returned.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '6px 0 0' }}>
          不再推荐已回退的单位：
          {data.returned.map((r) => `${r.name}（${r.reason}）`).join('；')}
        </Typography.Paragraph>
      )}
      {data && (
        <Space size={8} style={{ marginTop: 6 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {data.model.orders > 0
              ? `依据 ${data.model.orders} 件历史工单（含 ${data.model.returns} 次回退）训练于 ${fmtTime(data.model.trainedAt)}`
              : '尚无历史工单，依据单位职能和分类目录'}
          </Typography.Text>
          {canRetrain && (
            <Button type="link" size="small" loading={retraining} onClick={retrain}>
              重新训练
            </Button>
          )}
        </Space>
      )}
    </section>
  );
}
