import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { Alert, Checkbox, Col, Divider, Form, type FormInstance, Input, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { CONTACT_METHOD_LABELS, options } from '../../api/labels';
import type { ContactMethod, OrderDetail, ReplyContent } from '../../api/types';
import { DateTimeField } from '../../lib/DateTimeField';
import { pickerToIso } from '../../lib/time';
import { ReplyKnowledge } from '../knowledge/ReplyKnowledge';
import { RedoOpinion } from '../order/RedoOpinion';
import { useReplyParts } from './replyCheck';

/** The reply as the form holds it: the contact time is a picker value until sent. */
export type ReplyFormValue = Omit<ReplyContent, 'citizenContact'> & {
  citizenContact?: {
    contactedAt?: Dayjs;
    method?: ContactMethod;
    contactedBy?: string;
    citizenResponse?: string;
  };
};

export function replyBody(v: ReplyFormValue, needsCitizenReply: boolean): ReplyContent {
  const c = v.citizenContact;
  return {
    findings: v.findings ?? '',
    result: v.result ?? '',
    basis: v.basis ?? '',
    unreasonableDemand: !!v.unreasonableDemand,
    explanation: v.unreasonableDemand ? (v.explanation ?? '') : null,
    issuer: v.issuer ?? '',
    handlerName: v.handlerName ?? '',
    handlerPhone: v.handlerPhone ?? '',
    citizenContact:
      needsCitizenReply && c
        ? {
            contactedAt: pickerToIso(c.contactedAt) ?? '',
            method: c.method ?? 'phone',
            contactedBy: c.contactedBy ?? '',
            citizenResponse: c.citizenResponse ?? '',
          }
        : null,
  };
}

/** Server field names (`findings`, `citizenContact.contactedAt`) to the form's names. */
export function replyFieldName(field: string): (string | number)[] | null {
  const f = field.replace(/^body\./, '').replace(/^reply\./, '');
  if (f === 'citizenContact') return ['reply', 'citizenContact', 'citizenResponse'];
  if (f.startsWith('scanAttachmentId') || f.startsWith('faxReceivedAt')) return [f];
  return ['reply', ...f.split('.')];
}

/** The words of a text, without the spaces and punctuation (half- or full-width) typed around them. */
const wordsOf = (text: string | undefined | null) => (text ?? '').replace(/[\s\p{P}]/gu, '');

/**
 * A redone reply that says again what the reply sent back said: not refused (a redo ordered for the
 * citizen record alone may keep the content), but said, since a redo is to be done again.
 */
function unchangedOnRedo(order: OrderDetail, reply: ReplyFormValue | undefined): boolean {
  const last = order.reply;
  if (order.redoCount === 0 || !last || !reply) return false;
  return wordsOf(reply.findings) === wordsOf(last.findings) && wordsOf(reply.result) === wordsOf(last.result);
}

function Checklist({
  form,
  order,
  typedIssuer,
}: {
  form: FormInstance;
  order: OrderDetail;
  typedIssuer: boolean;
}) {
  const reply = Form.useWatch('reply', form) as ReplyFormValue | undefined;
  const check = useReplyParts(
    order.id,
    replyBody(reply ?? ({} as ReplyFormValue), order.needsCitizenReply),
    order.needsCitizenReply,
  );
  const parts = check.parts.filter((p) => p.key !== 'issuer' || typedIssuer);
  const missing = parts.filter((p) => p.ok === false);
  const checked = parts.every((p) => p.ok !== null);
  const unchanged = unchangedOnRedo(order, reply);
  return (
    <section
      aria-label="规范答复要件"
      style={{ background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, padding: 12 }}
    >
      <Typography.Text strong>规范答复要件</Typography.Text>
      <div style={{ marginTop: 6 }}>
        {parts.map((p) => (
          <div key={p.key} style={{ fontSize: 13, lineHeight: '22px' }}>
            {p.ok === null ? (
              <MinusCircleOutlined style={{ color: '#bfbfbf' }} />
            ) : p.ok ? (
              <CheckCircleFilled style={{ color: '#52c41a' }} />
            ) : (
              <CloseCircleFilled style={{ color: '#ff4d4f' }} />
            )}{' '}
            {p.label}
            {!p.ok && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {' '}
                — {p.hint}
              </Typography.Text>
            )}
          </div>
        ))}
      </div>
      <Typography.Text
        type={!checked ? 'secondary' : missing.length ? 'danger' : 'success'}
        style={{ fontSize: 12 }}
        data-testid="reply-missing"
      >
        {!checked
          ? '正在检查……'
          : missing.length
            ? `尚缺 ${missing.length} 项：${missing.map((p) => p.label).join('、')}`
            : '各项已齐备'}
        {check.offline && checked && '（离线：只检查了是否填写，联网发送时按规范全面检查）'}
      </Typography.Text>
      {unchanged && (
        <Typography.Paragraph type="warning" style={{ fontSize: 12, margin: '4px 0 0' }} role="note">
          办理情况和处理结果与被退回的答复相同。重办须写明重新办理的情况：重新核查了什么、这次如何处理。
        </Typography.Paragraph>
      )}
    </section>
  );
}

/**
 * The structured reply of the notice's 规范回复, with a live checklist of what is missing. The
 * issuer is typed when the unit's leaders sign on paper (typed mode) or when the office copies a
 * faxed reply (`fromPaper`): the signature is on the paper, not in Huiyin.
 */
export function ReplyFields({
  form,
  order,
  fromPaper = false,
}: {
  form: FormInstance;
  order: OrderDetail;
  fromPaper?: boolean;
}) {
  const typedIssuer = fromPaper || order.signOff.mode === 'typed';
  const unreasonable = Form.useWatch(['reply', 'unreasonableDemand'], form) as boolean | undefined;
  return (
    <Row gutter={16}>
      <Col span={24}>
        <RedoOpinion order={order} />
      </Col>
      <Col xs={24} md={16}>
        <Form.Item name={['reply', 'findings']} label="办理情况（查明的事实）">
          <Input.TextArea rows={3} placeholder="如：经现场核查，群众反映的……问题属实，原因是……" />
        </Form.Item>
        <Form.Item name={['reply', 'result']} label="处理结果">
          <Input.TextArea rows={3} placeholder="如：已责成……于某日前完成维修，目前已恢复……" />
        </Form.Item>
        <Form.Item name={['reply', 'basis']} label="政策依据">
          <Input.TextArea rows={2} placeholder="如：《物业管理条例》第三十五条" />
        </Form.Item>
        <Form.Item name={['reply', 'unreasonableDemand']} valuePropName="checked">
          <Checkbox>诉求超出政策规定或不合理</Checkbox>
        </Form.Item>
        {unreasonable && (
          <Form.Item name={['reply', 'explanation']} label="说服疏导情况">
            <Input.TextArea rows={2} placeholder="向群众讲明政策、说明原因的情况" />
          </Form.Item>
        )}
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            {!typedIssuer ? (
              <Form.Item label="签发人">
                <Typography.Text type="secondary">由单位领导在系统中签发</Typography.Text>
              </Form.Item>
            ) : (
              <Form.Item name={['reply', 'issuer']} label="签发人">
                <Input maxLength={40} />
              </Form.Item>
            )}
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name={['reply', 'handlerName']} label="承办人">
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name={['reply', 'handlerPhone']} label="承办人电话">
              <Input inputMode="tel" maxLength={60} />
            </Form.Item>
          </Col>
        </Row>
        {order.needsCitizenReply && (
          <>
            <Divider titlePlacement="start" plain style={{ margin: '4px 0 12px' }}>
              答复群众记录（本工单需答复群众，须先答复群众）
            </Divider>
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item name={['reply', 'citizenContact', 'contactedAt']} label="答复时间">
                  <DateTimeField />
                </Form.Item>
              </Col>
              <Col xs={12} sm={6}>
                <Form.Item name={['reply', 'citizenContact', 'method']} label="方式">
                  <Select options={options(CONTACT_METHOD_LABELS)} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={6}>
                <Form.Item name={['reply', 'citizenContact', 'contactedBy']} label="答复人">
                  <Input />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name={['reply', 'citizenContact', 'citizenResponse']} label="群众意见">
              <Input.TextArea rows={2} placeholder="群众对答复的意见" />
            </Form.Item>
          </>
        )}
      </Col>
      <Col xs={24} md={8}>
        <div style={{ position: 'sticky', top: 0 }}>
          <Checklist form={form} order={order} typedIssuer={typedIssuer} />
          {!order.needsCitizenReply && (
            <Alert
              type="info"
              style={{ marginTop: 8 }}
              title="本工单不需答复群众，可直接向热线办反馈。"
              showIcon
            />
          )}
          <ReplyKnowledge form={form} order={order} />
        </div>
      </Col>
    </Row>
  );
}
