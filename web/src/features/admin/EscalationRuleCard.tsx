import { Alert, Button, Card, Form, InputNumber, Space } from 'antd';
import { settingsApi } from '../../api/admin';
import type { EscalationRuleSettings } from '../../api/types';
import { useSettingsForm } from '../../lib/useSettingsForm';

/**
 * When the rules propose escalating an overdue order to the supervision office (notice, 三:
 * units that ignore the system's urges and phone supervision). The server validates and audits.
 */
/** 1–20 times, as the server accepts (at least one of each: the notice escalates after both). */
const timesRule = (what: string) => [
  { required: true, message: '请填写' },
  { type: 'number' as const, min: 1, max: 20, message: `${what}须在 1 至 20 次之间` },
];

export function EscalationRuleCard() {
  const { form, loaded, loadError, error, busy, save } = useSettingsForm<EscalationRuleSettings>({
    key: 'escalation',
    load: settingsApi.escalationRule,
    save: settingsApi.saveEscalationRule,
    savedText: '督办升级规则已保存，立即生效',
  });

  return (
    <Card title="督办升级规则" style={{ marginTop: 16 }}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="已超过办理期限的工单，被催办和电话督办都达到下列次数后，系统建议报县委县政府督查室专项督办（通知第三部分）。"
      />
      {loadError && <Alert type="error" title={loadError.message} />}
      <Form form={form} disabled={!loaded} layout="inline" onFinish={save}>
        <Space wrap>
          {/* Out of range is said, not corrected: the input does not turn 0 into 1 or 25 into 20 unseen. */}
          <Form.Item name="minUrges" label="催办至少" rules={timesRule('催办次数')}>
            <InputNumber precision={0} suffix="次" />
          </Form.Item>
          <Form.Item name="minPhoneSupervisions" label="电话督办至少" rules={timesRule('电话督办次数')}>
            <InputNumber precision={0} suffix="次" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            保存督办升级规则
          </Button>
        </Space>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Card>
  );
}
