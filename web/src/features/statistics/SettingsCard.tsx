import { App, Button, Card, Descriptions, Flex, Form, InputNumber, Radio, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useAuth } from '../../app/auth';
import { type FigureSettings, statisticsApi, WEIGHT_LABELS, type WeightKey } from './api';

const KEYS = Object.keys(WEIGHT_LABELS) as WeightKey[];
const BASIC: Array<{ value: 0 | 0.5 | 1; label: string }> = [
  { value: 1, label: '全部计入满意' },
  { value: 0.5, label: '按一半计入' },
  { value: 0, label: '不计入' },
];

/** 排名权重 and how 基本满意 counts: read by all, changed by the office (and administrators). */
export function SettingsCard({ settings, onSaved }: { settings: FigureSettings; onSaved: () => void }) {
  const { can } = useAuth();
  const canEdit = can('statistics.settings');
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<FigureSettings>();
  const total = KEYS.reduce((s, k) => s + settings.weights[k], 0) || 1;

  const save = async (values: FigureSettings) => {
    setBusy(true);
    try {
      await statisticsApi.saveSettings(values);
      message.success('统计口径已保存，排名已按新权重重算');
      setEditing(false);
      onSaved();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '保存失败');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      title="排名权重与满意率口径"
      style={{ height: '100%' }}
      extra={
        canEdit &&
        !editing && (
          <Button size="small" onClick={() => setEditing(true)}>
            修改
          </Button>
        )
      }
    >
      {editing ? (
        <Form<FigureSettings>
          form={form}
          layout="vertical"
          size="small"
          initialValues={settings}
          onFinish={(v) => void save(v)}
        >
          <Form.Item name="basicallySatisfiedWeight" label="基本满意">
            <Radio.Group options={BASIC} />
          </Form.Item>
          <Flex gap={8} wrap>
            {KEYS.map((k) => (
              <Form.Item
                key={k}
                name={['weights', k]}
                label={WEIGHT_LABELS[k]}
                rules={[{ required: true, message: '请填写权重' }]}
              >
                <InputNumber min={0} max={100} style={{ width: 100 }} />
              </Form.Item>
            ))}
          </Flex>
          <Form.Item
            name="minOrdersToRank"
            label="参评最少件数"
            extra="本期在手工单少于此数、又无超期和超时签收的单位，照算得分、不排名次；0 为都排名次。"
            rules={[{ required: true, message: '请填写件数（0 为都排名次）' }]}
          >
            <InputNumber min={0} max={100} precision={0} suffix="件" style={{ width: 140 }} />
          </Form.Item>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={busy}>
              保存
            </Button>
            <Button onClick={() => setEditing(false)}>取消</Button>
          </Flex>
        </Form>
      ) : (
        <>
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'basic',
                label: '基本满意',
                children: BASIC.find((b) => b.value === settings.basicallySatisfiedWeight)?.label,
              },
              ...KEYS.map((k) => ({
                key: k,
                label: WEIGHT_LABELS[k],
                children: `${settings.weights[k]}（占 ${Math.round((settings.weights[k] / total) * 100)}%）`,
              })),
              {
                key: 'minOrders',
                label: '参评最少件数',
                children:
                  settings.minOrdersToRank > 0
                    ? `在手工单 ${settings.minOrdersToRank} 件`
                    : '不限（都排名次）',
              },
            ]}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            各项折成 0–100 分后加权平均；无从计算的项不参与，其余按权重重新折算。
          </Typography.Text>
        </>
      )}
    </Card>
  );
}
