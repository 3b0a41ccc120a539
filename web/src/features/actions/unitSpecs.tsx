import { Form, Input, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Action } from '../../api/types';
import { dayToDeadlineIso, fmtDeadline, nowPicker } from '../../lib/time';
import { WorkingDays } from '../../lib/useTimeLimits';
import { ExtensionDeadlineField } from './ExtensionDeadlineField';
import { atLeast, required, text, UnitNameInput } from './fields';
import { ReplyFields, type ReplyFormValue, replyBody, replyFieldName } from './ReplyFields';
import { blankReplyFields } from './replyCheck';
import { CoUnitOpinions, Deadline, Rule } from './rules';
import { ScanUpload } from './ScanUpload';
import { redoneReply } from './signOffSpecs';
import type { ActionSpec } from './spec';

/** The unit's steps: sign, return, extension, progress, co-unit opinion, reply. */
export const UNIT_SPECS: Record<
  Extract<
    Action,
    | 'sign'
    | 'requestReturn'
    | 'requestExtension'
    | 'reportProgress'
    | 'coSign'
    | 'coOpinion'
    | 'coReturn'
    | 'reply'
  >,
  ActionSpec
> = {
  sign: {
    primary: true,
    rule: (o) => (
      <Rule>
        签收表示本单位已收到并开始办理本工单，系统记录签收人和时间。
        <Deadline d={o.deadlines.sign} label="签收期限" kind="sign" />
        <Deadline d={o.deadlines.handle} label="办理期限" />
        <Deadline d={o.deadlines.return} label="如不属本单位职责，可在此前申请回退" kind="return" />
      </Rule>
    ),
    okText: '确认签收',
  },
  requestReturn: {
    rule: (o) => (
      <Rule>
        不属于本单位职责的工单，须在收到工单后 <WorkingDays of="returnWindowWorkingDays" />
        内申请回退，写明理由和建议承办单位，由县热线办审核。
        <Deadline d={o.deadlines.return} label="回退窗口开放至" kind="return" />
        审核期间办理时限不停止计算。
      </Rule>
    ),
    Fields: () => (
      <>
        <Form.Item
          name="reason"
          label="回退理由"
          rules={atLeast(5, '请写明回退理由', '回退理由至少 5 个字（标点不计）')}
        >
          <Input.TextArea rows={3} maxLength={1000} placeholder="说明为何不属于本单位职责" />
        </Form.Item>
        <Form.Item name="suggestedUnit" label="建议承办单位" rules={required('请填写建议承办单位')}>
          <UnitNameInput />
        </Form.Item>
      </>
    ),
    toBody: (v) => ({ reason: text(v.reason), suggestedUnit: text(v.suggestedUnit) }),
  },
  requestExtension: {
    rule: (o) => (
      <Rule>
        确需延期的，须在办理期限届满前申请，写明原因和申请的新期限，经单位主要负责人签字，并上传签字的延期申请扫描件，由县热线办审批。
        <Deadline d={o.deadlines.handle} label="当前办理期限" />
        {o.cityDeadline && <div>新期限不得晚于市平台期限 {fmtDeadline(o.cityDeadline)}。</div>}
      </Rule>
    ),
    Fields: ({ order }) => (
      <>
        <ExtensionDeadlineField order={order} />
        <Form.Item
          name="reason"
          label="延期原因"
          rules={atLeast(5, '请写明延期原因', '延期原因至少 5 个字（标点不计）')}
        >
          <Input.TextArea rows={3} maxLength={2000} placeholder="写明在等什么或遇到了什么障碍" />
        </Form.Item>
        <Form.Item
          name="mainLeaderName"
          label="签字的主要负责人"
          rules={required('请填写签字的主要负责人姓名')}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="scanAttachmentId"
          label="主要负责人签字的延期申请扫描件"
          rules={[{ required: true, message: '请上传主要负责人签字的延期申请扫描件' }]}
        >
          <ScanUpload
            orderId={order.id}
            purpose="extension_scan"
            label="上传扫描件"
            existing={order.attachments}
          />
        </Form.Item>
      </>
    ),
    toBody: (v) => ({
      requestedDeadline: dayToDeadlineIso(v.requestedDeadline as Dayjs | undefined),
      reason: text(v.reason),
      mainLeaderName: text(v.mainLeaderName),
      scanAttachmentId: v.scanAttachmentId,
    }),
  },
  reportProgress: {
    rule: (o) => (
      <Rule>
        向县热线办报告办理进展（延期期间须定期报告，报告后下一次报告期限重新起算）。
        <Deadline d={o.deadlines.handle} label="办理期限" />
        {o.deadlines.progressReport.status && (
          <Deadline d={o.deadlines.progressReport} label="下次进展报告期限" />
        )}
      </Rule>
    ),
    Fields: () => (
      <Form.Item name="content" label="进展情况" rules={required('请填写进展情况')}>
        <Input.TextArea rows={4} maxLength={4000} />
      </Form.Item>
    ),
    toBody: (v) => ({ content: text(v.content) }),
  },
  coSign: {
    primary: true,
    rule: (o) => (
      <Rule>
        本单位为协办单位。签收后请在协办意见期限内向牵头单位提出协办意见；逾期不提出的，记为协办单位未按期反馈。
        <Deadline d={o.deadlines.coUnit} label="协办意见期限" />
      </Rule>
    ),
    okText: '确认签收',
  },
  coOpinion: {
    primary: true,
    rule: (o) => (
      <Rule>
        协办意见提交给牵头单位，由牵头单位统一答复。
        <Deadline d={o.deadlines.coUnit} label="协办意见期限" />
      </Rule>
    ),
    Fields: () => (
      <Form.Item name="content" label="协办意见" rules={required('请填写协办意见')}>
        <Input.TextArea rows={4} maxLength={4000} />
      </Form.Item>
    ),
    toBody: (v) => ({ content: text(v.content) }),
  },
  coReturn: {
    rule: (o) => (
      <Rule>
        协办事项不属于本单位职责的，可在回退期限内退回本单位的协办部分，写明理由和建议协办的单位；牵头单位继续办理，县热线办可见回退理由和建议。
        <Deadline d={o.deadlines.return} label="回退期限" />
      </Rule>
    ),
    Fields: () => (
      <>
        <Form.Item
          name="reason"
          label="回退理由"
          rules={atLeast(5, '请写明回退理由', '回退理由至少 5 个字（标点不计）')}
        >
          <Input.TextArea rows={3} maxLength={1000} placeholder="说明为何不属于本单位职责" />
        </Form.Item>
        <Form.Item name="suggestedUnit" label="建议协办单位" rules={required('请填写建议协办单位')}>
          <UnitNameInput />
        </Form.Item>
      </>
    ),
    toBody: (v) => ({ reason: text(v.reason), suggestedUnit: text(v.suggestedUnit) }),
  },
  reply: {
    primary: true,
    width: 960,
    rule: (o) => (
      <Rule>
        按规范回复要求答复：写明办理情况、处理结果和政策依据，不合理诉求写明说服疏导情况，注明签发人、承办人和电话；
        <Typography.Text strong>严禁一句话答复</Typography.Text>（如「已转交相关部门处理」「已收悉」）。
        {o.needsCitizenReply && (
          <Typography.Text strong>本工单需答复群众：须先答复群众并记录，再向热线办反馈。</Typography.Text>
        )}
        <Deadline d={o.deadlines.handle} label="办理期限" />
        <CoUnitOpinions order={o} />
      </Rule>
    ),
    // Only units on the typed issuer reply directly: the signed reply's scan backs the typed issuer.
    Fields: ({ form, order }) => (
      <>
        <ReplyFields form={form} order={order} />
        <Form.Item
          name="issuerScanAttachmentId"
          label="签发人签字的答复件扫描件（签发件扫描件）"
          rules={[{ required: true, message: '请上传签发件扫描件' }]}
        >
          <ScanUpload
            orderId={order.id}
            purpose="signed_reply"
            label="上传签发件扫描件"
            existing={order.attachments}
          />
        </Form.Item>
      </>
    ),
    initialValues: (o, me) => ({
      reply: redoneReply(o, me) ?? {
        handlerName: me.name,
        // The drafter handles it, by the phone their account has (changed here if another person does).
        handlerPhone: me.phone,
        unreasonableDemand: false,
        citizenContact: { contactedAt: nowPicker(), method: 'phone', contactedBy: me.name },
      },
    }),
    toBody: (v, o) => ({
      reply: replyBody(v.reply as ReplyFormValue, o.needsCitizenReply),
      issuerScanAttachmentId: v.issuerScanAttachmentId,
    }),
    // Replying directly is the typed mode: the issuer is typed (签发人手填).
    blanks: (v, o) =>
      blankReplyFields(replyBody(v.reply as ReplyFormValue, o.needsCitizenReply), o.needsCitizenReply, true),
    fieldName: (f) =>
      f.startsWith('issuerScanAttachmentId') ? ['issuerScanAttachmentId'] : replyFieldName(f),
    okText: '提交答复',
  },
};
