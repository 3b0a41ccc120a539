import { Alert, Button, Card, Col, Form, InputNumber, Row, Switch, Typography } from 'antd';
import {
  LOCKOUT,
  PASSWORD_EXPIRY_WARNING_DAYS,
  PASSWORD_HISTORY,
  PASSWORD_MAX_AGE_DAYS,
  TOTP_ROLES,
} from '../../../../src/domain/login-security';
import { UNIT_ROLES } from '../../../../src/domain/roles';
import { settingsApi } from '../../api/admin';
import { api } from '../../api/client';
import { ROLE_LABELS } from '../../api/labels';
import type { Me, SecuritySettings } from '../../api/types';
import { useAuth } from '../../app/auth';
import { useSettingsForm } from '../../lib/useSettingsForm';

/**
 * The security administrator's settings (等保 2.0): the second factor for the office, supervision,
 * leaders and administrators, and (a switch of its own) for the units' people, how long a session lives, how long a password lasts and how many
 * earlier ones may not come back, each unit's attachment quota. The ranges
 * are checked by the server; each change is written to the audit log with before and after.
 */
export default function SecuritySettingsPage() {
  const { update } = useAuth();
  const { form, loaded, loadError, error, busy, save } = useSettingsForm<SecuritySettings>({
    key: 'security',
    load: settingsApi.security,
    save: settingsApi.saveSecurity,
    savedText: '安全设置已保存',
    // The settings may ask the administrator's own account for a second factor now.
    afterSave: async () => update(await api.get<Me>('/api/auth/me')),
  });

  const number = (name: keyof SecuritySettings, label: string, suffix: string, extra?: string) => (
    <Col xs={24} sm={12} md={8}>
      <Form.Item name={name} label={label} extra={extra} rules={[{ required: true, message: '请填写' }]}>
        <InputNumber precision={0} suffix={suffix} style={{ width: '100%' }} />
      </Form.Item>
    </Col>
  );

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          安全设置
        </Typography.Title>
      }
    >
      {loadError && <Alert type="error" title={loadError.message} style={{ marginBottom: 16 }} />}
      <Form form={form} disabled={!loaded} layout="vertical" onFinish={save} style={{ maxWidth: 860 }}>
        <Form.Item
          name="totpRequired"
          label="登录须两步验证"
          valuePropName="checked"
          extra={`适用于：${TOTP_ROLES.map((r) => ROLE_LABELS[r]).join('、')}。开启后尚未启用的用户登录后须先启用。`}
        >
          <Switch checkedChildren="要求" unCheckedChildren="不要求" />
        </Form.Item>
        <Form.Item
          name="totpRequiredForUnits"
          label="承办单位人员登录须两步验证"
          valuePropName="checked"
          extra={`适用于：${UNIT_ROLES.map((r) => ROLE_LABELS[r]).join('、')}（各部门、乡镇）。默认不要求。开启后，尚未启用的单位人员登录后须先在手机上装好验证器并启用，才能签收、办理工单；请先通知各单位，以免耽误签收时限。`}
        >
          <Switch checkedChildren="要求" unCheckedChildren="不要求" />
        </Form.Item>
        <Row gutter={16}>
          {number('idleMinutes', '闲置多久后会话失效', '分钟')}
          {number('absoluteHours', '会话最长时间（自登录起）', '小时', '到时即须重新登录，无论是否在用')}
          {number('unitUploadQuotaMb', '每个单位的附件存储配额', 'MB')}
        </Row>
        <Row gutter={16}>
          {number(
            'passwordMaxAgeDays',
            '密码最长使用期限',
            '天',
            `0 表示永不过期，否则为 ${PASSWORD_MAX_AGE_DAYS.min}–${PASSWORD_MAX_AGE_DAYS.max} 天。到期后登录须先修改密码；到期前 ${PASSWORD_EXPIRY_WARNING_DAYS} 天起提醒。管理员账号同样适用。`,
          )}
          {number(
            'passwordHistory',
            '新密码不能与最近几个密码相同',
            '个',
            `含当前密码，${PASSWORD_HISTORY.min}–${PASSWORD_HISTORY.max} 个。只保存密码的摘要，不保存密码本身。`,
          )}
        </Row>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`账号锁定：${LOCKOUT.windowMinutes} 分钟内连续 ${LOCKOUT.failures} 次登录失败即锁定该账号，直到这段时间过去；另按来源 IP 限制登录频率（部署时设定）。`}
        />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={busy}>
          保存
        </Button>
      </Form>
    </Card>
  );
}
