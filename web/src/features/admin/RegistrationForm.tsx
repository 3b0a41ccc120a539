import { Alert, App, Button, Col, Divider, Form, Input, Row, Typography } from 'antd';
import { useEffect } from 'react';
import { unitsApi } from '../../api/admin';
import type { Registration, Unit } from '../../api/types';
import { fmtTime } from '../../lib/time';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { ScanUpload } from '../actions/ScanUpload';

const PEOPLE: Array<{
  key: keyof Pick<Registration, 'leaderInCharge' | 'liaisonA' | 'liaisonB'>;
  label: string;
}> = [
  { key: 'leaderInCharge', label: '分管领导' },
  { key: 'liaisonA', label: '联络员（A 角）' },
  { key: 'liaisonB', label: '联络员（B 角）' },
];

/** The notice's annex: 市民服务热线承办单位分管领导及联络员登记表. */
export function RegistrationForm({ unit, onSaved }: { unit: Unit; onSaved: (u: Unit) => void }) {
  const [form] = Form.useForm<Registration>();
  const { message } = App.useApp();
  const { busy, error, submit } = useFormSubmit(form);

  useEffect(() => {
    form.resetFields();
    if (unit.registration) form.setFieldsValue(unit.registration);
  }, [unit, form]);

  const save = (v: Registration & { scanAttachmentId?: number }) =>
    submit(async () => {
      const saved = await unitsApi.saveRegistration(unit.id, v);
      message.success('登记表已保存');
      onSaved(saved);
    });

  return (
    <Form<Registration> form={form} layout="vertical" onFinish={save} aria-label="登记表">
      <Typography.Paragraph type="secondary">
        单位名称：<Typography.Text strong>{unit.name}</Typography.Text>
        {unit.registrationUpdatedAt ? ` · 最近更新 ${fmtTime(unit.registrationUpdatedAt)}` : ' · 尚未填报'}
      </Typography.Paragraph>
      {PEOPLE.map((p) => (
        <div key={p.key}>
          <Divider titlePlacement="start" plain style={{ margin: '8px 0' }}>
            {p.label}
          </Divider>
          <Row gutter={12}>
            <Col xs={12} md={4}>
              <Form.Item
                name={[p.key, 'name']}
                label="姓名"
                rules={[{ required: true, message: '请填写姓名' }]}
              >
                <Input aria-label={`${p.label}姓名`} />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item name={[p.key, 'title']} label="职务">
                <Input aria-label={`${p.label}职务`} />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item name={[p.key, 'officePhone']} label="办公电话">
                <Input aria-label={`${p.label}办公电话`} />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item
                name={[p.key, 'mobile']}
                label="手机"
                rules={[{ required: true, message: '请填写手机号码' }]}
              >
                <Input aria-label={`${p.label}手机`} inputMode="tel" />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item name={[p.key, 'fax']} label="传真">
                <Input aria-label={`${p.label}传真`} />
              </Form.Item>
            </Col>
          </Row>
        </div>
      ))}
      <Form.Item name="remarks" label="备注">
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={12} md={6}>
          <Form.Item name="filledBy" label="填报人" rules={[{ required: true, message: '请填写填报人' }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            name="filledByPhone"
            label="填报人电话"
            rules={[{ required: true, message: '请填写填报人联系电话' }]}
          >
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="scanAttachmentId"
        label="加盖公章的登记表扫描件"
        extra={
          <>
            通知要求登记表加盖公章后报县热线办：每次保存须上传本次盖章的扫描件（PDF 或图片）。
            {unit.registrationScanId && (
              <>
                {' '}
                <a href={unitsApi.registrationScanUrl(unit.id)} target="_blank" rel="noreferrer">
                  查看已报送的盖章登记表
                </a>
              </>
            )}
          </>
        }
      >
        <ScanUpload
          purpose="registration_scan"
          label="上传盖章登记表"
          send={(file) => unitsApi.uploadRegistrationScan(unit.id, file)}
        />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" loading={busy}>
        保存登记表
      </Button>{' '}
      <Button onClick={() => window.print()}>打印</Button>
    </Form>
  );
}
