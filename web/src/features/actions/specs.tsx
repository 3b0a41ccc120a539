import { AutoComplete, Checkbox, DatePicker, Descriptions, Form, Input, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { CALLBACK_LABELS, options, REDO_REASON_LABELS } from '../../api/labels';
import { ordersApi } from '../../api/orders';
import type { Action, OrderDetail, PendingExtension, StoredReply } from '../../api/types';
import { fmtDeadline, fmtTime, isoToPicker, nowPicker, pickerToIso } from '../../lib/time';
import { HANDLING_KINDS, useUnits } from '../../lib/useUnits';
import { ReplyView } from '../order/ReplyView';
import { DispatchFields } from './DispatchFields';
import { ReplyFields, type ReplyFormValue, replyBody, replyFieldName } from './ReplyFields';
import { Deadline, Rule } from './rules';
import { ScanUpload } from './ScanUpload';
import type { ActionSpec, FormValues } from './spec';
import { SUPERVISION_SPECS } from './supervisionSpecs';

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const required = (message: string) => [{ required: true, whitespace: true, message }];
const picker = (v: unknown) => pickerToIso(v as Dayjs | undefined);

function lastReturn(order: OrderDetail) {
  const e = [...order.timeline].reverse().find((t) => t.type === 'return_requested');
  return (e?.payload ?? {}) as { reason?: string; suggestedUnit?: string };
}

function UnitNameInput(props: { value?: string; onChange?: (v: string) => void }) {
  const units = useUnits().filter((u) => HANDLING_KINDS.includes(u.kind));
  return (
    <AutoComplete
      {...props}
      options={units.map((u) => ({ value: u.name }))}
      showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
      placeholder="输入或选择建议承办的单位"
    />
  );
}

function PendingExtensionView({ order }: { order: OrderDetail }) {
  const p = order.pendingExtension as PendingExtension | null;
  if (!p) return null;
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      style={{ marginBottom: 12 }}
      items={[
        { key: 'd', label: '申请延期至', children: fmtDeadline(p.requestedDeadline) },
        { key: 'r', label: '延期原因', children: p.reason },
        { key: 'l', label: '主要负责人签字', children: p.mainLeaderName },
        { key: 'b', label: '申请人', children: `${p.requestedBy} · ${fmtTime(p.requestedAt)}` },
        {
          key: 's',
          label: '签字扫描件',
          children: (
            <a href={ordersApi.attachmentUrl(p.scanAttachmentId)} target="_blank" rel="noreferrer">
              查看扫描件
            </a>
          ),
        },
      ]}
    />
  );
}

const opinion = (label: string, need: boolean) => () => (
  <Form.Item name="opinion" label={label} rules={need ? required(`请填写${label}`) : undefined}>
    <Input.TextArea rows={3} maxLength={1000} />
  </Form.Item>
);

export const ACTION_SPECS: Record<Action, ActionSpec> = {
  dispatch: {
    primary: true,
    width: 760,
    rule: (o) => (
      <Rule>
        派发给一个牵头单位,可加协办单位;协办单位须在协办意见期限内向牵头单位提出意见。期限按工作日历由系统计算,
        县里的期限不得晚于市平台期限
        {o.cityDeadline ? `(本工单市平台期限 ${fmtDeadline(o.cityDeadline)})` : ''}。
      </Rule>
    ),
    Fields: DispatchFields,
    initialValues: (o) => ({
      urgency: o.urgency,
      coUnitIds: [],
      leaderDeadline: isoToPicker(o.leaderDeadline),
    }),
    toBody: (v) => ({
      leadUnitId: v.leadUnitId,
      coUnitIds: v.coUnitIds ?? [],
      urgency: v.urgency,
      leaderDeadline: v.urgency === 'leader' ? picker(v.leaderDeadline) : null,
      note: text(v.note) || undefined,
    }),
  },
  sign: {
    primary: true,
    rule: (o) => (
      <Rule>
        签收表示本单位已收到并开始办理本工单,系统记录签收人和时间。
        <Deadline d={o.deadlines.sign} label="签收期限" />
        <Deadline d={o.deadlines.handle} label="办理期限" />
        <Deadline d={o.deadlines.return} label="如不属本单位职责,可在此前申请回退" />
      </Rule>
    ),
    okText: '确认签收',
  },
  requestReturn: {
    rule: (o) => (
      <Rule>
        不属于本单位职责的工单,须在收到工单后 1 个工作日内申请回退,写明理由和建议承办单位,由县热线办审核。
        <Deadline d={o.deadlines.return} label="回退窗口开放至" />
        审核期间办理时限不停止计算。
      </Rule>
    ),
    Fields: () => (
      <>
        <Form.Item name="reason" label="回退理由" rules={required('请写明回退理由')}>
          <Input.TextArea rows={3} maxLength={1000} placeholder="说明为何不属于本单位职责" />
        </Form.Item>
        <Form.Item name="suggestedUnit" label="建议承办单位" rules={required('请填写建议承办单位')}>
          <UnitNameInput />
        </Form.Item>
      </>
    ),
    toBody: (v) => ({ reason: text(v.reason), suggestedUnit: text(v.suggestedUnit) }),
  },
  approveReturn: {
    primary: true,
    rule: (o) => {
      const r = lastReturn(o);
      return (
        <Rule>
          同意后工单回到「待派发」,请随即重新派发。
          <div>
            单位回退理由:<Typography.Text strong>{r.reason ?? '—'}</Typography.Text>
          </div>
          <div>
            建议承办单位:<Typography.Text strong>{r.suggestedUnit ?? '—'}</Typography.Text>
          </div>
        </Rule>
      );
    },
    Fields: opinion('审核意见(可不填)', false),
    toBody: (v) => ({ opinion: text(v.opinion) || undefined }),
  },
  rejectReturn: {
    rule: (o) => {
      const r = lastReturn(o);
      return (
        <Rule>
          不同意回退时工单留在原单位继续办理,办理期限没有停止计算。
          <div>单位回退理由:{r.reason ?? '—'}</div>
        </Rule>
      );
    },
    Fields: opinion('不同意的理由', true),
    toBody: (v) => ({ opinion: text(v.opinion) }),
    danger: true,
  },
  requestExtension: {
    rule: (o) => (
      <Rule>
        确需延期的,须在办理期限届满前申请,写明原因和申请的新期限,经单位主要负责人签字,并上传签字的延期申请扫描件,由县热线办审批。
        <Deadline d={o.deadlines.handle} label="当前办理期限" />
        {o.cityDeadline && <div>新期限不得晚于市平台期限 {fmtDeadline(o.cityDeadline)}。</div>}
      </Rule>
    ),
    Fields: ({ order }) => (
      <>
        <Form.Item
          name="requestedDeadline"
          label="申请延期至"
          rules={[{ required: true, message: '请选择申请的新期限' }]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label="延期原因" rules={required('请写明延期原因')}>
          <Input.TextArea rows={3} maxLength={2000} placeholder="至少 10 个字" />
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
          <ScanUpload orderId={order.id} purpose="extension_scan" label="上传扫描件" />
        </Form.Item>
      </>
    ),
    initialValues: (o) => ({ requestedDeadline: isoToPicker(o.deadlines.handle.at)?.add(3, 'day') }),
    toBody: (v) => ({
      requestedDeadline: picker(v.requestedDeadline),
      reason: text(v.reason),
      mainLeaderName: text(v.mainLeaderName),
      scanAttachmentId: v.scanAttachmentId,
    }),
  },
  approveExtension: {
    primary: true,
    rule: (o) => (
      <Rule>
        <PendingExtensionView order={o} />
        同意后办理期限改为批准的新期限(可调整),单位在延期期间须报告进展。
        <Deadline d={o.deadlines.handle} label="当前办理期限" />
      </Rule>
    ),
    Fields: () => (
      <>
        <Form.Item name="newDeadline" label="批准的新期限">
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="opinion" label="审批意见(可不填)">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </>
    ),
    initialValues: (o) => ({
      newDeadline: isoToPicker((o.pendingExtension as PendingExtension | null)?.requestedDeadline),
    }),
    toBody: (v) => ({ newDeadline: picker(v.newDeadline), opinion: text(v.opinion) || undefined }),
  },
  rejectExtension: {
    danger: true,
    rule: (o) => (
      <Rule>
        <PendingExtensionView order={o} />
        不同意延期时,单位须在原办理期限内办结。
      </Rule>
    ),
    Fields: opinion('不同意的理由', true),
    toBody: (v) => ({ opinion: text(v.opinion) }),
  },
  reportProgress: {
    rule: (o) => (
      <Rule>
        向县热线办报告办理进展(延期期间须定期报告)。
        <Deadline d={o.deadlines.handle} label="办理期限" />
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
        本单位为协办单位。签收后请在协办意见期限内向牵头单位提出协办意见;逾期不提出的,记为协办单位未按期反馈。
        <Deadline d={o.deadlines.coUnit} label="协办意见期限" />
      </Rule>
    ),
    okText: '确认签收',
  },
  coOpinion: {
    primary: true,
    rule: (o) => (
      <Rule>
        协办意见提交给牵头单位,由牵头单位统一答复。
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
  reply: {
    primary: true,
    width: 960,
    rule: (o) => (
      <Rule>
        按规范回复要求答复:写明办理情况、处理结果和政策依据,不合理诉求写明说服疏导情况,注明签发人、承办人和电话;
        <Typography.Text strong>严禁一句话答复</Typography.Text>(如「已转交相关部门处理」「已收悉」)。
        {o.needsCitizenReply && (
          <Typography.Text strong>本工单需答复群众:须先答复群众并记录,再向热线办反馈。</Typography.Text>
        )}
        <Deadline d={o.deadlines.handle} label="办理期限" />
      </Rule>
    ),
    Fields: ({ form, order }) => <ReplyFields form={form} order={order} />,
    initialValues: (_o, me) => ({
      reply: {
        handlerName: me.name,
        unreasonableDemand: false,
        citizenContact: { contactedAt: nowPicker(), method: 'phone', contactedBy: me.name },
      },
    }),
    toBody: (v, o) => ({ reply: replyBody(v.reply as ReplyFormValue, o.needsCitizenReply) }),
    fieldName: replyFieldName,
    okText: '提交答复',
  },
  recordFaxReply: {
    width: 960,
    rule: () => (
      <Rule>
        承办单位因系统不可用以传真方式答复时,由热线办代为录入:上传传真件扫描件,按传真内容录入各部分。录入的答复同样须符合规范回复要求,并标明「传真代录」。
      </Rule>
    ),
    Fields: ({ form, order }) => (
      <>
        <Form.Item
          name="scanAttachmentId"
          label="传真件扫描件"
          rules={[{ required: true, message: '请上传传真答复件的扫描件' }]}
        >
          <ScanUpload orderId={order.id} purpose="fax_reply" label="上传传真件" />
        </Form.Item>
        <Form.Item
          name="faxReceivedAt"
          label="收到传真的时间"
          rules={[{ required: true, message: '请选择收到传真的时间' }]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <ReplyFields form={form} order={order} />
      </>
    ),
    initialValues: () => ({
      faxReceivedAt: nowPicker(),
      reply: { unreasonableDemand: false, citizenContact: { method: 'phone' } },
    }),
    toBody: (v, o) => ({
      scanAttachmentId: v.scanAttachmentId,
      faxReceivedAt: picker(v.faxReceivedAt),
      reply: replyBody(v.reply as ReplyFormValue, o.needsCitizenReply),
    }),
    fieldName: replyFieldName,
    okText: '录入答复',
  },
  acceptReview: {
    primary: true,
    width: 760,
    rule: (o) => (
      <Rule>
        审核承办单位的答复:事实清楚、结果明确、有据可依的,审核通过后转入回访;否则请「退回重办」。
        {o.reply && <ReplyView reply={o.reply as unknown as StoredReply} />}
      </Rule>
    ),
    Fields: opinion('审核意见(可不填)', false),
    toBody: (v) => ({ opinion: text(v.opinion) || undefined }),
    okText: '审核通过',
  },
  orderRedo: {
    danger: true,
    rule: () => (
      <Rule>退回重办须写明原因和意见;重办期限为 5 个工作日(自退回时起算),工单回到原牵头单位「办理中」。</Rule>
    ),
    Fields: () => (
      <>
        <Form.Item name="reasons" label="重办原因" rules={[{ required: true, message: '请选择重办原因' }]}>
          <Checkbox.Group options={options(REDO_REASON_LABELS)} />
        </Form.Item>
        <Form.Item name="opinion" label="重办意见" rules={required('请写明重办意见')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </>
    ),
    initialValues: (o) => ({
      reasons: o.lastCallbackResult === 'unsatisfied' ? ['citizen_unsatisfied'] : [],
    }),
    toBody: (v) => ({ reasons: v.reasons ?? [], opinion: text(v.opinion) }),
  },
  callback: {
    primary: true,
    rule: () => (
      <Rule>
        回访群众,记录满意度。群众不满意的,须记录具体意见,之后可退回重办,或在诉求超出政策规定时写明情况后办结。
      </Rule>
    ),
    Fields: () => (
      <>
        <Form.Item name="result" label="回访结果" rules={[{ required: true, message: '请选择回访结果' }]}>
          <Radio.Group options={options(CALLBACK_LABELS)} />
        </Form.Item>
        <Form.Item name="note" label="回访记录">
          <Input.TextArea rows={3} maxLength={2000} placeholder="群众的意见(不满意时必填)" />
        </Form.Item>
      </>
    ),
    toBody: (v) => ({ result: v.result, note: text(v.note) }),
    okText: '记录回访',
  },
  close: {
    primary: true,
    rule: (o) => (
      <Rule>
        办结后结果反馈市级平台,工单不能再修改。
        {o.lastCallbackResult && <div>最近一次回访:{CALLBACK_LABELS[o.lastCallbackResult]}</div>}
        {o.lastCallbackResult === 'unsatisfied' && (
          <Typography.Text type="danger">
            群众不满意的工单,只有诉求超出政策规定时才能直接办结,须写明情况说明;否则请退回重办。
          </Typography.Text>
        )}
      </Rule>
    ),
    Fields: ({ order }) => (
      <Form.Item
        name="explanation"
        label="情况说明"
        rules={order.lastCallbackResult === 'unsatisfied' ? required('请写明情况说明') : undefined}
      >
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    ),
    toBody: (v) => ({ explanation: text(v.explanation) || undefined }),
    okText: '确认办结',
  },
  void: {
    danger: true,
    rule: () => <Rule>作废用于重复、无效或误登记的工单。作废后工单不再流转,不能恢复。</Rule>,
    Fields: () => (
      <Form.Item name="reason" label="作废原因" rules={required('请写明作废原因')}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    ),
    toBody: (v) => ({ reason: text(v.reason) }),
    okText: '确认作废',
  },
  merge: {
    danger: true,
    rule: () => <Rule>同一事项重复反映的,把本工单合并到另一张工单,本工单随即作废并指向那张工单。</Rule>,
    Fields: () => (
      <>
        <Form.Item name="intoCode" label="合并到的工单编号" rules={required('请填写要合并到的工单编号')}>
          <Input placeholder="如 HY202611230001" maxLength={40} />
        </Form.Item>
        <Form.Item name="reason" label="合并原因" rules={required('请写明合并原因')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </>
    ),
    toBody: (v) => ({ intoCode: text(v.intoCode), reason: text(v.reason) }),
    okText: '确认合并',
  },
  ...SUPERVISION_SPECS,
};

export const emptyValues: FormValues = {};
