import { Form, Input, Typography } from 'antd';
import type { Action, Me, OrderDetail } from '../../api/types';
import { isoToPicker, nowPicker } from '../../lib/time';
import { ReplyView } from '../order/ReplyView';
import { required, text } from './fields';
import { ReplyFields, type ReplyFormValue, replyBody, replyFieldName } from './ReplyFields';
import { blankReplyFields } from './replyCheck';
import { CoUnitOpinions, Deadline, Rule } from './rules';
import type { ActionSpec } from './spec';

/** A reply's contact record as the form starts it: answered now, by phone, by whoever drafts. */
const newContact = (me: Me) => ({ contactedAt: nowPicker(), method: 'phone' as const, contactedBy: me.name });

/**
 * The draft sent back last time, to be changed rather than typed again: all of it, the record of
 * answering the citizen included (when, how, by whom, what the citizen said). That contact took
 * place; re-dating it or emptying the citizen's words would make the record untrue. If the
 * liaison answers the citizen again, they change it.
 */
const sentBackDraft = (o: OrderDetail, me: Me): ReplyFormValue | undefined => {
  const draft = o.signOff.draft?.reply;
  if (!draft) return undefined;
  const contact = draft.citizenContact;
  return {
    ...draft,
    citizenContact: contact
      ? { ...contact, contactedAt: isoToPicker(contact.contactedAt) ?? undefined }
      : newContact(me),
  };
};

/**
 * On a redo (退回重办), the reply the office sent back, to be improved rather than typed again on a
 * phone: its parts and its handler. Not its issuer (the leader signs the new one) nor its record of
 * answering the citizen: a redo answers the citizen anew, so that record starts fresh.
 */
export const redoneReply = (o: OrderDetail, me: Me): ReplyFormValue | undefined => {
  const last = o.reply;
  if (o.redoCount === 0 || !last) return undefined;
  return {
    findings: last.findings,
    result: last.result,
    basis: last.basis,
    unreasonableDemand: last.unreasonableDemand,
    explanation: last.explanation,
    issuer: '',
    handlerName: last.handlerName,
    handlerPhone: last.handlerPhone,
    citizenContact: newContact(me),
  };
};

/** 签发 and 阅批: the liaison submits the draft, a leader signs it off or sends it back; the main leader reads. */
export const SIGN_OFF_SPECS: Record<
  Extract<Action, 'submitForSignOff' | 'signOff' | 'sendBackSignOff' | 'leaderRead'>,
  ActionSpec
> = {
  submitForSignOff: {
    primary: true,
    width: 960,
    rule: (o) => (
      <Rule>
        按规范回复要求起草答复，提交本单位分管领导或主要负责人审核签发；签发人为签发领导本人，领导签发后才报县热线办。
        <Typography.Text strong>严禁一句话答复。</Typography.Text>
        {o.signOff.draft?.sentBack && (
          <div>
            <Typography.Text type="danger">
              {o.signOff.draft.sentBack.byName} 退回修改：{o.signOff.draft.sentBack.comment}
            </Typography.Text>
          </div>
        )}
        <Deadline d={o.deadlines.handle} label="办理期限（签发也在期限内）" />
        <CoUnitOpinions order={o} />
      </Rule>
    ),
    Fields: ({ form, order }) => <ReplyFields form={form} order={order} />,
    initialValues: (o, me) => {
      return {
        reply: sentBackDraft(o, me) ??
          redoneReply(o, me) ?? {
            handlerName: me.name,
            // The drafter handles it, by the phone their account has (changed here if another person does).
            handlerPhone: me.phone,
            unreasonableDemand: false,
            citizenContact: newContact(me),
          },
      };
    },
    toBody: (v, o) => ({ reply: replyBody(v.reply as ReplyFormValue, o.needsCitizenReply) }),
    // The leader who signs it off is the issuer: nothing typed for it here.
    blanks: (v, o) =>
      blankReplyFields(replyBody(v.reply as ReplyFormValue, o.needsCitizenReply), o.needsCitizenReply, false),
    fieldName: replyFieldName,
    okText: '提交领导签发',
  },
  signOff: {
    primary: true,
    rule: (o) => (
      <Rule>
        签发表示您已按通知「认真审核、校对」本答复，以您的名义作为签发人报县热线办。
        {o.signOff.draft && <div>起草人：{o.signOff.draft.submittedByName}</div>}
        <Deadline d={o.deadlines.handle} label="办理期限" />
        <CoUnitOpinions order={o} />
        {/* What is signed, in the dialog itself: on a phone the draft is screens away on the page. */}
        {o.signOff.draft && (
          <div style={{ marginTop: 8 }}>
            <ReplyView reply={{ ...o.signOff.draft.reply, repliedAt: o.signOff.draft.submittedAt }} compact />
          </div>
        )}
      </Rule>
    ),
    okText: '签发',
  },
  sendBackSignOff: {
    danger: true,
    rule: () => <Rule>退回联络员修改，请写明需要修改的地方；修改后联络员重新提交签发。</Rule>,
    Fields: () => (
      <Form.Item name="comment" label="修改意见" rules={required('请写明修改意见')}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    ),
    toBody: (v) => ({ comment: text(v.comment) }),
    okText: '退回修改',
  },
  leaderRead: {
    primary: true,
    rule: (o) => (
      <Rule>
        {o.urgency === 'leader' ? '领导批示件' : '急件'}
        须由单位主要负责人亲自阅批，阅批后本单位才能提交答复。可写下阅批意见。
        {o.leaderInstruction && <div>领导批示：{o.leaderInstruction}</div>}
      </Rule>
    ),
    Fields: () => (
      <Form.Item name="instruction" label="阅批意见（可不填）">
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    ),
    toBody: (v) => ({ instruction: text(v.instruction) || null }),
    okText: '确认阅批',
  },
};
