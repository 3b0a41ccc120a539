import { Checkbox, Form, Input, Radio, Typography } from 'antd';
import { UNREACHABLE_CLOSE_RULE } from '../../../../src/domain/workflow/callback-attempts';
import { CALLBACK_LABELS, options, REDO_REASON_LABELS } from '../../api/labels';
import type { Action } from '../../api/types';
import { WorkingDays } from '../../lib/useTimeLimits';
import { ReplyView } from '../order/ReplyView';
import { opinion, required, text } from './fields';
import { CoUnitOpinions, Rule } from './rules';
import type { ActionSpec } from './spec';

/** The reviewer's steps: review, redo, callback, close. */
export const REVIEW_SPECS: Record<
  Extract<Action, 'acceptReview' | 'orderRedo' | 'callback' | 'close'>,
  ActionSpec
> = {
  acceptReview: {
    primary: true,
    width: 760,
    rule: (o) => (
      <Rule>
        审核承办单位的答复：事实清楚、结果明确、有据可依的，审核通过后转入回访；否则请「退回重办」。
        <CoUnitOpinions order={o} />
        {o.reply && <ReplyView reply={o.reply} />}
      </Rule>
    ),
    Fields: opinion('审核意见（可不填）', false),
    toBody: (v) => ({ opinion: text(v.opinion) || undefined }),
    okText: '审核通过',
  },
  orderRedo: {
    danger: true,
    rule: () => (
      <Rule>
        退回重办须写明原因和意见；重办期限为 <WorkingDays of="redoWorkingDays" />
        （自退回时起算），工单回到原牵头单位「办理中」。
      </Rule>
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
        回访群众，记录满意度。群众不满意的，须记录具体意见，之后可退回重办，或在诉求超出政策规定时写明情况后办结。
        <div>
          联系不上的，每次拨打各记一次「联系不上」；须至少回访 {UNREACHABLE_CLOSE_RULE.minAttempts}{' '}
          次、且不在同一天（至少 {UNREACHABLE_CLOSE_RULE.minDays} 个不同日期）仍联系不上，才能以联系不上办结。
        </div>
      </Rule>
    ),
    Fields: () => (
      <>
        <Form.Item name="result" label="回访结果" rules={[{ required: true, message: '请选择回访结果' }]}>
          <Radio.Group options={options(CALLBACK_LABELS)} />
        </Form.Item>
        <Form.Item name="note" label="回访记录">
          <Input.TextArea rows={3} maxLength={2000} placeholder="群众的意见（不满意时必填）" />
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
        {o.cityOrderNo ? '办结后结果反馈市级平台，工单不能再修改。' : '办结后工单不能再修改。'}
        {o.lastCallbackResult && <div>最近一次回访：{CALLBACK_LABELS[o.lastCallbackResult]}</div>}
        {o.lastCallbackResult === 'unsatisfied' && (
          <Typography.Text type="danger">
            群众不满意的工单，只有诉求超出政策规定时才能直接办结，须写明情况说明；否则请退回重办。
          </Typography.Text>
        )}
      </Rule>
    ),
    Fields: ({ order }) => (
      <>
        {order.lastCallbackResult === 'unsatisfied' && (
          <Form.Item
            name="beyondPolicy"
            valuePropName="checked"
            rules={[
              {
                validator: (_, checked) =>
                  checked ? Promise.resolve() : Promise.reject(new Error('不能确认的，请退回重办')),
              },
            ]}
          >
            <Checkbox>经审核，群众诉求超出政策规定或不合理，已说服疏导</Checkbox>
          </Form.Item>
        )}
        <Form.Item
          name="explanation"
          label="情况说明"
          rules={order.lastCallbackResult === 'unsatisfied' ? required('请写明情况说明') : undefined}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </>
    ),
    toBody: (v) => ({
      explanation: text(v.explanation) || undefined,
      ...(v.beyondPolicy ? { beyondPolicy: true } : {}),
    }),
    okText: '确认办结',
  },
};
