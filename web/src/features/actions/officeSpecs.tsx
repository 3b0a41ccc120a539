import { DatePicker, Form, Input, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { categoryPath } from '../../api/labels';
import type { Action } from '../../api/types';
import { CategoryPicker, categoryPathOf, pickedCategoryId } from '../../lib/CategoryPicker';
import { dayToDeadlineIso, deadlineToDay, fmtDeadline, isoToPicker, nowPicker } from '../../lib/time';
import { AddCoUnitFields } from './AddCoUnitFields';
import { DispatchFields } from './DispatchFields';
import { lastReturn, opinion, PendingExtensionView, picker, required, text } from './fields';
import { ReplyFields, type ReplyFormValue, replyBody, replyFieldName } from './ReplyFields';
import { Deadline, Rule } from './rules';
import { ScanUpload } from './ScanUpload';
import type { ActionSpec } from './spec';

/**
 * The dispatcher's steps: dispatch, decide returns and extensions, record faxed replies, void and
 * merge; and the whole office's 改分类 (the reviewer's too).
 */
export const OFFICE_SPECS: Record<
  Extract<
    Action,
    | 'dispatch'
    | 'approveReturn'
    | 'rejectReturn'
    | 'approveExtension'
    | 'rejectExtension'
    | 'recordFaxReply'
    | 'void'
    | 'merge'
    | 'addCoUnit'
    | 'reclassify'
  >,
  ActionSpec
> = {
  dispatch: {
    primary: true,
    width: 760,
    rule: (o) => (
      <Rule>
        派发给一个牵头单位，可加协办单位；协办单位须在协办意见期限内向牵头单位提出意见。
        {'期限按工作日历由系统计算，县里的期限不得晚于市平台期限'}
        {o.cityDeadline ? `（本工单市平台期限 ${fmtDeadline(o.cityDeadline)}）` : ''}。
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
      // Only an order registered without one is given its category here (DispatchFields).
      categoryId: pickedCategoryId(v.category) ?? undefined,
    }),
    fieldName: (f) => [f === 'categoryId' ? 'category' : f],
  },
  approveReturn: {
    primary: true,
    rule: (o) => {
      const r = lastReturn(o);
      return (
        <Rule>
          同意后工单回到「待派发」，请随即重新派发。
          <div>
            单位回退理由：<Typography.Text strong>{r?.reason ?? '—'}</Typography.Text>
          </div>
          <div>
            建议承办单位：<Typography.Text strong>{r?.suggestedUnit ?? '—'}</Typography.Text>
          </div>
        </Rule>
      );
    },
    Fields: opinion('审核意见（可不填）', false),
    toBody: (v) => ({ opinion: text(v.opinion) || undefined }),
  },
  rejectReturn: {
    rule: (o) => {
      const r = lastReturn(o);
      return (
        <Rule>
          不同意回退时工单留在原单位继续办理，办理期限没有停止计算。
          <div>单位回退理由：{r?.reason ?? '—'}</div>
        </Rule>
      );
    },
    Fields: opinion('不同意的理由', true),
    toBody: (v) => ({ opinion: text(v.opinion) }),
    danger: true,
  },
  approveExtension: {
    primary: true,
    rule: (o) => (
      <Rule>
        <PendingExtensionView order={o} />
        同意后办理期限改为批准的新期限（可调整），单位在延期期间须报告进展。
        <Deadline d={o.deadlines.handle} label="当前办理期限" />
      </Rule>
    ),
    Fields: () => (
      <>
        <Form.Item name="newDeadline" label="批准的新期限">
          <DatePicker format="YYYY-MM-DD 24:00" inputReadOnly style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="opinion" label="审批意见（可不填）">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </>
    ),
    initialValues: (o) => ({
      newDeadline: deadlineToDay(o.pendingExtension?.requestedDeadline),
    }),
    toBody: (v) => ({
      newDeadline: dayToDeadlineIso(v.newDeadline as Dayjs | undefined),
      opinion: text(v.opinion) || undefined,
    }),
  },
  rejectExtension: {
    danger: true,
    rule: (o) => (
      <Rule>
        <PendingExtensionView order={o} />
        不同意延期时，单位须在原办理期限内办结。
      </Rule>
    ),
    Fields: opinion('不同意的理由', true),
    toBody: (v) => ({ opinion: text(v.opinion) }),
  },
  recordFaxReply: {
    width: 960,
    rule: () => (
      <Rule>
        承办单位因系统不可用以传真方式答复时，由热线办代为录入：上传传真件扫描件，按传真内容录入各部分。录入的答复同样须符合规范回复要求，并标明「传真代录」。
      </Rule>
    ),
    Fields: ({ form, order }) => (
      <>
        <Form.Item
          name="scanAttachmentId"
          label="传真件扫描件"
          rules={[{ required: true, message: '请上传传真答复件的扫描件' }]}
        >
          <ScanUpload
            orderId={order.id}
            purpose="fax_reply"
            label="上传传真件"
            existing={order.attachments}
          />
        </Form.Item>
        <Form.Item
          name="faxReceivedAt"
          label="收到传真的时间"
          rules={[{ required: true, message: '请选择收到传真的时间' }]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item
          name="backdateReason"
          label="补录说明"
          extra="收到传真 24 小时后才录入，或收到在办理期限前、录入已过期限时必填：写明当时为何未录入，记入流转记录"
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <ReplyFields form={form} order={order} fromPaper />
      </>
    ),
    initialValues: () => ({
      faxReceivedAt: nowPicker(),
      reply: { unreasonableDemand: false, citizenContact: { method: 'phone' } },
    }),
    toBody: (v, o) => ({
      scanAttachmentId: v.scanAttachmentId,
      faxReceivedAt: picker(v.faxReceivedAt),
      backdateReason: text(v.backdateReason) || null,
      reply: replyBody(v.reply as ReplyFormValue, o.needsCitizenReply),
    }),
    fieldName: replyFieldName,
    okText: '录入答复',
  },
  void: {
    danger: true,
    rule: () => <Rule>作废用于重复、无效或误登记的工单。作废后工单不再流转，不能恢复。</Rule>,
    Fields: () => (
      <Form.Item name="reason" label="作废原因" rules={required('请写明作废原因')}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    ),
    toBody: (v) => ({ reason: text(v.reason) }),
    okText: '确认作废',
  },
  addCoUnit: {
    rule: () => (
      <Rule>
        增加一个协办单位（例如协办单位回退时建议的单位）；新单位收到协办通知，须在协办意见期限内向牵头单位提出意见。
      </Rule>
    ),
    Fields: AddCoUnitFields,
    toBody: (v) => ({ unitId: v.unitId, note: text(v.note) || undefined }),
  },
  reclassify: {
    rule: (o) => (
      <Rule>
        设置或更正工单的诉求分类。按分类的统计以工单的分类为准：登记时未分类的不计入任何分类，办结后质检发现分类不对也可以更正。修改记入流转记录（原分类、新分类和原因）。
        <div>
          当前分类：
          <Typography.Text strong>
            {o.category ? categoryPath(o.category) : '尚未选择诉求分类'}
          </Typography.Text>
        </div>
      </Rule>
    ),
    Fields: () => (
      <>
        <Form.Item
          name="category"
          label="诉求分类"
          rules={[{ required: true, message: '请选择诉求分类' }]}
          extra="可直接输入关键词、同义词或拼音首字母查找"
        >
          <CategoryPicker />
        </Form.Item>
        <Form.Item name="reason" label="修改原因（可不填）">
          <Input.TextArea rows={2} maxLength={500} placeholder="如：登记时漏选分类；质检发现分类有误" />
        </Form.Item>
      </>
    ),
    initialValues: (o) => (o.category ? { category: categoryPathOf(o.category) } : {}),
    toBody: (v) => ({ categoryId: pickedCategoryId(v.category), reason: text(v.reason) || null }),
    fieldName: (f) => [f === 'categoryId' ? 'category' : f],
    okText: '确认改分类',
  },
  merge: {
    danger: true,
    rule: () => <Rule>同一事项重复反映的，把本工单合并到另一张工单，本工单随即作废并指向那张工单。</Rule>,
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
};
