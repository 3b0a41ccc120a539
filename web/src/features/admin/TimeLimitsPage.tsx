import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Typography } from 'antd';
import { NOTICE_TIME_LIMITS, type NoticeLimitKey } from '../../../../src/domain/time-limits';
import { settingsApi } from '../../api/admin';
import type { TimeLimitSettings } from '../../api/types';
import { useAuth } from '../../app/auth';
import { useSettingsForm } from '../../lib/useSettingsForm';
import { EscalationRuleCard } from './EscalationRuleCard';

interface LimitField {
  key: keyof TimeLimitSettings;
  label: string;
  unit: string;
  min: number;
  max: number;
  note?: string;
  /** What is said when the number is out of range (the notice's clause, for its limits). */
  outOfRange?: string;
}

/** A limit the notice fixes: its ceiling and clause come from the domain, the server enforces them. */
function noticeField(key: NoticeLimitKey, min: number): LimitField {
  const { max, label, clause } = NOTICE_TIME_LIMITS[key];
  return {
    key,
    label,
    unit: '个工作日',
    min,
    max,
    note: `${clause}；只能设得更严`,
    outOfRange: `${label}须在 ${min} 至 ${max} 个工作日之间（${clause}）`,
  };
}

const FIELDS: LimitField[] = [
  { key: 'signWorkingDays', label: '签收时限', unit: '个工作日', min: 0, max: 10 },
  { key: 'urgentSignHours', label: '急件签收时限', unit: '小时', min: 1, max: 24 },
  noticeField('returnWindowWorkingDays', 0),
  noticeField('handleWorkingDays', 1),
  {
    key: 'urgentHandleHours',
    label: '急件办理时限',
    unit: '小时',
    min: 1,
    max: 240,
    note: '“第一时间”，按自然小时',
  },
  { key: 'coUnitWorkingDays', label: '协办意见时限', unit: '个工作日', min: 1, max: 30 },
  noticeField('redoWorkingDays', 1),
  { key: 'dueSoonWorkingDays', label: '预警提前量', unit: '个工作日', min: 1, max: 10 },
  { key: 'urgentDueSoonHours', label: '急件预警提前量', unit: '小时', min: 1, max: 48 },
  {
    key: 'dispatchWorkingHours',
    label: '普通件分发时限',
    unit: '个工作小时',
    min: 1,
    max: 120,
    note: '县热线办自收到工单起派发，按工作日历计；须短于普通件办理时限',
  },
  {
    key: 'urgentDispatchHours',
    label: '急件分发时限',
    unit: '小时',
    min: 1,
    max: 24,
    note: '急件、领导批示件，按自然小时；须短于急件办理时限',
  },
  {
    key: 'progressReportWorkingDays',
    label: '延期后进展报告间隔',
    unit: '个工作日',
    min: 1,
    max: 10,
    note: '同意延期后，承办单位每隔这些工作日报告一次办理进展',
  },
  {
    key: 'decisionWorkingHours',
    label: '县热线办审批时限',
    unit: '个工作小时',
    min: 1,
    max: 120,
    note: '单位的延期、回退申请，县热线办自申请起在此时限内审批，按工作日历计；逾期为审批超时。申请待审批期间办理期限届满的，不计单位超期',
  },
];

export default function TimeLimitsPage() {
  const { form, loaded, loadError, error, busy, save } = useSettingsForm<TimeLimitSettings>({
    key: 'limits',
    load: settingsApi.timeLimits,
    save: settingsApi.saveTimeLimits,
    savedText: '时限设置已保存，只影响此后开始计算的期限',
  });
  const { can } = useAuth();

  return (
    <>
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            时限设置
          </Typography.Title>
        }
      >
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="工作日按工作日历计算，起算日不计入；期间最后一日为工作日的，到该日结束时刻届满。修改只影响此后开始计算的期限，已派发工单的期限不变。"
        />
        {loadError && <Alert type="error" title={loadError.message} />}
        <Form form={form} disabled={!loaded} layout="vertical" onFinish={save} style={{ maxWidth: 860 }}>
          <Row gutter={16}>
            {FIELDS.map((f) => (
              <Col key={f.key} xs={24} sm={12} md={8}>
                <Form.Item
                  name={f.key}
                  label={f.label}
                  extra={f.note}
                  // Out of range is said, not corrected: the input does not clamp 6 to 5 unseen.
                  rules={[
                    { required: true, message: '请填写' },
                    {
                      type: 'number',
                      min: f.min,
                      max: f.max,
                      message: f.outOfRange ?? `${f.label}须在 ${f.min} 至 ${f.max} ${f.unit}之间`,
                    },
                  ]}
                >
                  <InputNumber precision={0} suffix={f.unit} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
            <Col xs={24} sm={12} md={8}>
              <Form.Item
                name="dayEndsAt"
                label="期限届满时刻"
                extra="民法典第二百零三条为 24:00；也可设为下班时间，如 17:30"
                rules={[
                  {
                    required: true,
                    pattern: /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/,
                    message: '格式应为 HH:mm，如 17:30 或 24:00',
                  },
                ]}
              >
                <Input />
              </Form.Item>
            </Col>
          </Row>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit" loading={busy}>
            保存
          </Button>
        </Form>
      </Card>
      {can('settings.escalation') && <EscalationRuleCard />}
    </>
  );
}
