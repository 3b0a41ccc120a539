import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Switch,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { options, TYPE_LABELS, URGENCY_LABELS } from '../../api/labels';
import { ordersApi, type RegisterInput } from '../../api/orders';
import type { OrderType, SourceChannel, Urgency } from '../../api/types';
import { useMe } from '../../app/auth';
import { type CategoryPath, CategoryPicker, pickedCategoryId } from '../../lib/CategoryPicker';
import { draftKey } from '../../lib/drafts';
import { formKeys } from '../../lib/formKeys';
import { newRequestKey } from '../../lib/requestKey';
import { ShortcutHelp } from '../../lib/ShortcutHelp';
import { pickerToIso } from '../../lib/time';
import { DraftRestored, useFormDraft } from '../../lib/useFormDraft';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { unitPicker, useUnits } from '../../lib/useUnits';
import type { RepeatItem } from '../assistant/api';
import { DispatchSuggestions } from '../assistant/DispatchSuggestions';
import { RegisterAssistant } from '../assistant/RegisterAssistant';
import { useDispatchSuggestions } from '../assistant/useDispatchSuggestions';
import type { KnowledgeHit } from '../knowledge/api';
import { RegisterKnowledge } from '../knowledge/RegisterKnowledge';
import { afterRegistration } from './afterRegistration';

interface Values {
  channel: SourceChannel;
  cityOrderNo?: string;
  citizenName: string;
  citizenPhone: string;
  citizenAddress?: string;
  townshipUnitId?: number;
  category?: CategoryPath;
  type: OrderType;
  title: string;
  content: string;
  urgency: Urgency;
  leaderInstruction?: string;
  needsCitizenReply: boolean;
  cityDeadline?: Dayjs;
  confidential?: boolean;
  /** Not a field: the key of the registration this form makes, kept with its draft. */
  requestKey?: string;
}

const CHANNELS: Array<{ value: SourceChannel; label: string }> = [
  { value: 'phone', label: '电话' },
  { value: 'fax', label: '传真' },
  { value: 'walk_in', label: '来访' },
  { value: 'city_platform', label: '市级平台' },
  { value: 'other', label: '其他' },
];

const FIELD_MAP: Record<string, string> = { categoryId: 'category' };

const STARTING_VALUES = {
  channel: 'phone',
  type: 'complaint',
  urgency: 'normal',
  needsCitizenReply: true,
} as const;

type Kept = Partial<Values>;

/** Registering an order from a phone call, a fax or a visit. */
export default function RegisterPage() {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const me = useMe();
  // A call being typed is kept on this device until it is registered or discarded: a reload, a
  // menu clicked by mistake or a closed tab in the middle of a call loses nothing.
  const draft = useFormDraft<Kept>(draftKey(me.id, 'register'), form);
  // One key for this form's registration, whatever is retried, kept with the draft: if the answer
  // to a 登记 is lost on the way back, sending the form again (after a reload too) returns the
  // order already registered instead of registering it twice.
  const [initialValues] = useState<Kept>(() => ({
    ...STARTING_VALUES,
    requestKey: newRequestKey(),
    ...draft.restored?.values,
  }));
  const units = useUnits();
  const channel = Form.useWatch('channel', form);
  const urgency = Form.useWatch('urgency', form);
  const title = (Form.useWatch('title', form) as string | undefined) ?? '';
  const content = (Form.useWatch('content', form) as string | undefined) ?? '';
  const suggestions = useDispatchSuggestions(title, content);
  const {
    busy,
    error,
    submit: send,
  } = useFormSubmit(form, (f) => {
    const k = f.replace(/^body\./, '');
    return [FIELD_MAP[k] ?? k];
  });

  const watched = Form.useWatch([], form) as Partial<Values> | undefined;
  const probe = {
    phone: watched?.citizenPhone ?? '',
    address: watched?.citizenAddress ?? '',
    townshipUnitId: watched?.townshipUnitId ?? null,
    categoryId: pickedCategoryId(watched?.category),
    type: watched?.type ?? 'complaint',
    title: watched?.title ?? '',
    content: watched?.content ?? '',
  };

  /** One click on a repeat: register this call, then merge it into that order (并单) or link it. */
  const asRepeat = async (item: RepeatItem, how: 'merge' | 'link') => {
    try {
      await submit(await form.validateFields(), 'open', { item, how });
    } catch {
      /* validation shows on the fields */
    }
  };

  /** One click on a knowledge entry: register this consultation and close it on the spot (直办), citing the entry. */
  const answerOnSpot = async (hit: KnowledgeHit) => {
    try {
      await submit(await form.validateFields(), 'open', undefined, hit);
    } catch {
      /* validation shows on the fields */
    }
  };

  const submit = async (
    v: Values,
    then: 'open' | 'dispatch',
    repeat?: { item: RepeatItem; how: 'merge' | 'link' },
    onSpot?: KnowledgeHit,
  ) => {
    const input: RegisterInput = {
      channel: v.channel,
      cityOrderNo: v.channel === 'city_platform' ? v.cityOrderNo?.trim() || null : null,
      citizenName: v.citizenName,
      citizenPhone: v.citizenPhone,
      citizenAddress: v.citizenAddress ?? '',
      townshipUnitId: v.townshipUnitId ?? null,
      categoryId: pickedCategoryId(v.category),
      type: v.type,
      title: v.title,
      content: v.content,
      urgency: v.urgency,
      leaderInstruction: v.urgency === 'leader' ? v.leaderInstruction?.trim() || null : null,
      needsCitizenReply: v.needsCitizenReply,
      confidential: v.confidential ?? false,
      cityDeadline: pickerToIso(v.cityDeadline),
    };
    await send(async () => {
      const order = await ordersApi.register(input, form.getFieldValue('requestKey') as string);
      draft.drop();
      message.success(`已登记工单 ${order.code}`);
      navigate(await afterRegistration(order, { then, repeat, onSpot }, message));
    });
  };

  const onDispatch = async () => {
    try {
      await submit(await form.validateFields(), 'dispatch');
    } catch {
      /* validation shows on the fields */
    }
  };

  return (
    <Row gutter={16}>
      <Col xs={24} xl={16}>
        <Card
          title={
            <Typography.Title level={4} style={{ margin: 0 }}>
              登记工单
            </Typography.Title>
          }
          extra={
            <>
              {draft.hasDraft && (
                <Button
                  danger
                  type="text"
                  onClick={() => draft.discard({ ...STARTING_VALUES, requestKey: newRequestKey() })}
                >
                  放弃草稿
                </Button>
              )}
              <ShortcutHelp />
            </>
          }
        >
          {draft.restored && draft.hasDraft && <DraftRestored savedAt={draft.restored.savedAt} />}
          {/* Enter goes on to the next field, Alt+1…3 (or Alt+Shift+1…3) takes a suggested category, Ctrl+Enter registers. */}
          <div onKeyDownCapture={formKeys(() => form.submit())}>
            <Form<Values>
              form={form}
              layout="vertical"
              aria-label="登记工单表单"
              initialValues={initialValues}
              onValuesChange={draft.keep}
              onFinish={(v) => submit(v, 'open')}
              style={{ maxWidth: 960 }}
            >
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name="channel" label="来源">
                    <Radio.Group options={CHANNELS} optionType="button" />
                  </Form.Item>
                </Col>
                {channel === 'city_platform' && (
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="cityOrderNo"
                      label="市平台工单编号"
                      rules={[{ required: true, message: '请填写市平台工单编号' }]}
                    >
                      <Input />
                    </Form.Item>
                  </Col>
                )}
              </Row>
              <Row gutter={16}>
                <Col xs={24} md={8}>
                  <Form.Item
                    name="citizenName"
                    label="来电人"
                    rules={[{ required: true, message: '请填写来电人姓名（可填“匿名”）' }]}
                  >
                    <Input placeholder="姓名，可填“匿名”" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    name="citizenPhone"
                    label="联系电话"
                    rules={[{ required: true, message: '请填写联系电话' }]}
                  >
                    <Input inputMode="tel" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="townshipUnitId" label="所属乡镇">
                    <Select
                      allowClear
                      {...unitPicker(units.filter((u) => u.kind === 'township'))}
                      placeholder="诉求发生地所在乡镇"
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="citizenAddress" label="地址">
                <Input />
              </Form.Item>
              <Form.Item
                name="confidential"
                valuePropName="checked"
                extra="勾选后，承办单位看不到来电人的姓名、电话和地址（只有县热线办能看到）"
              >
                <Checkbox>保密件：不向承办单位透露身份</Checkbox>
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} md={16}>
                  <Form.Item
                    name="category"
                    label="诉求分类"
                    extra="可直接输入关键词、同义词或拼音首字母查找，如“排水”“ps”“低保”"
                  >
                    <CategoryPicker />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="type" label="类型">
                    <Select options={options(TYPE_LABELS)} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name="title"
                label="标题"
                rules={[
                  { required: true, message: '请填写标题' },
                  { min: 4, message: '标题至少 4 个字' },
                ]}
              >
                <Input maxLength={60} showCount />
              </Form.Item>
              <Form.Item
                name="content"
                label="诉求内容"
                rules={[
                  { required: true, message: '请填写诉求内容' },
                  { min: 10, message: '诉求内容至少 10 个字' },
                ]}
              >
                <Input.TextArea rows={5} maxLength={4000} showCount />
              </Form.Item>
              <DispatchSuggestions
                suggestions={suggestions}
                canRetrain
                onPickCategory={(value) => {
                  form.setFieldValue('category', value);
                  draft.keep();
                }}
              />
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name="urgency" label="紧急程度">
                    <Radio.Group options={options(URGENCY_LABELS)} optionType="button" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="needsCitizenReply" label="需答复群众" valuePropName="checked">
                    <Switch checkedChildren="是" unCheckedChildren="否" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="cityDeadline" label="市平台期限">
                    <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
                  </Form.Item>
                </Col>
              </Row>
              {urgency === 'leader' && (
                <Form.Item
                  name="leaderInstruction"
                  label="领导批示内容"
                  rules={[{ required: true, message: '请填写领导批示内容' }]}
                >
                  <Input.TextArea rows={2} />
                </Form.Item>
              )}
              {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
              <Button type="primary" htmlType="submit" loading={busy}>
                登记
              </Button>{' '}
              <Button loading={busy} onClick={onDispatch}>
                登记并派发
              </Button>
            </Form>
          </div>
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <RegisterAssistant
          probe={probe}
          busy={busy}
          onMerge={(item) => asRepeat(item, 'merge')}
          onLink={(item) => asRepeat(item, 'link')}
        />
        <RegisterKnowledge
          title={title}
          content={content}
          consultation={watched?.type === 'consult'}
          busy={busy}
          onAnswer={answerOnSpot}
        />
      </Col>
    </Row>
  );
}
