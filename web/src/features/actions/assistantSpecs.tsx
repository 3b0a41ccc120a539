import { Form, Input } from 'antd';
import type { Action } from '../../api/types';
import { AnswerOnSpotFields } from '../knowledge/AnswerOnSpotFields';
import { required, text } from './fields';
import { Rule } from './rules';
import type { ActionSpec } from './spec';

/** The dispatcher's assistant (issue 12): tie an order to the earlier one it repeats. */
export const ASSISTANT_SPECS: Record<Extract<Action, 'linkRepeat' | 'answerOnSpot'>, ActionSpec> = {
  linkRepeat: {
    rule: () => (
      <Rule>
        同一事项再次反映、但需要单独办理的，把本工单关联为那张工单的重复件：本工单照常流转，统计中计为重复投诉。
      </Rule>
    ),
    Fields: () => (
      <Form.Item name="repeatOfCode" label="所重复的工单编号" rules={required('请填写所重复的工单编号')}>
        <Input placeholder="如 HY202611230001" maxLength={40} />
      </Form.Item>
    ),
    toBody: (v) => ({ repeatOfCode: text(v.repeatOfCode) }),
    okText: '确认关联',
  },
  answerOnSpot: {
    rule: () => (
      <Rule>
        咨询类诉求，热线办能依据知识库中经审核的现行条目当场答复的，直接办结（直办），不再派发承办单位；须引用所依据的条目。
      </Rule>
    ),
    Fields: ({ form, order }) => <AnswerOnSpotFields form={form} order={order} />,
    toBody: (v) => ({ knowledgeVersionId: v.knowledgeVersionId, answer: text(v.answer) }),
    okText: '直办办结',
    width: 720,
  },
};
