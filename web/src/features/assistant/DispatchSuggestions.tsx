import { BulbOutlined } from '@ant-design/icons';
import { App, Button, Flex, Space, Typography } from 'antd';
import { useState } from 'react';
import { assistantApi } from '../../api/assistant';
import { ApiError } from '../../api/client';
import type { CategoryPath } from '../../lib/CategoryPicker';
import { fmtTime } from '../../lib/time';
import { CategoryChoices, pct } from './CategoryChoices';
import type { SuggestionsState } from './useDispatchSuggestions';

interface Props {
  /** From useDispatchSuggestions: the form asks once, whatever shows the answer. */
  suggestions: SuggestionsState;
  /** Show the category suggestions, and what picking one does. */
  onPickCategory?: (value: CategoryPath) => void;
  onPickUnit?: (unitId: number) => void;
  /** Offer the office's "retrain now" button. */
  canRetrain?: boolean;
}

/** The assistant's three likeliest categories and lead units for the text as typed, with confidences. */
export function DispatchSuggestions({ suggestions, onPickCategory, onPickUnit, canRetrain }: Props) {
  const { message } = App.useApp();
  const { data, error } = suggestions;
  const [retraining, setRetraining] = useState(false);

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
          <CategoryChoices categories={data.categories} onPick={onPickCategory} />
        </Flex>
      )}
      {data && (
        <Flex wrap gap={6} align="center" style={{ marginTop: 6 }}>
          <Typography.Text type="secondary">牵头单位：</Typography.Text>
          {data.units.map((u, i) => {
            // The returning unit's suggestion leads whatever the model thinks of it: say why.
            const why = u.suggestedByReturn
              ? '回退单位建议'
              : `${pct(u.confidence)}${u.namedInText ? '，来电提到' : ''}`;
            return onPickUnit ? (
              <Button
                key={u.unitId}
                size="small"
                data-suggestion="unit"
                aria-keyshortcuts={`Alt+${i + 1}`}
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
