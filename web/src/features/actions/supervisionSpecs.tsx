import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Action } from '../../api/types';
import { fmtDeadline, nowPicker, pickerToIso } from '../../lib/time';
import { Deadline, Rule } from './rules';
import type { ActionSpec } from './spec';

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const required = (message: string) => [{ required: true, whitespace: true, message }];

type SupervisionAction =
  | 'urge'
  | 'recordPhoneSupervision'
  | 'escalate'
  | 'recordSupervisionFinding'
  | 'reportToLeaders'
  | 'concludeSupervision';

/** 督查督办: urges and phone supervision by the office, escalation handled by the supervision office. */
export const SUPERVISION_SPECS: Record<SupervisionAction & Action, ActionSpec> = {
  urge: {
    rule: (o) => (
      <Rule>
        催办通知发给承办单位 A 角联络员（A 角不在岗时发给 B 角）和分管领导，系统记录对方是否已阅。
        <Deadline d={o.deadlines.handle} label="办理期限" />
      </Rule>
    ),
    Fields: () => (
      <Form.Item name="message" label="催办内容" rules={required('请写明催办内容')}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    ),
    initialValues: (o) => ({
      message: `工单「${o.title}」办理期限为 ${fmtDeadline(o.deadlines.handle.at)}，请抓紧办理并按时反馈。`,
    }),
    toBody: (v) => ({ message: text(v.message) }),
  },
  recordPhoneSupervision: {
    rule: () => <Rule>记录电话督办：谁在何时打给了承办单位的谁、谈了什么、对方承诺何时办结。</Rule>,
    Fields: ({ order }) => (
      <>
        <Form.Item name="calledAt" label="通话时间" rules={[{ required: true, message: '请选择通话时间' }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="calleeUnitId"
          label="被督办单位"
          rules={[{ required: true, message: '请选择被督办单位' }]}
        >
          <Select
            options={order.assignments
              .filter((a) => a.active)
              .map((a) => ({
                value: a.unitId,
                label: `${a.unitName}（${a.role === 'lead' ? '牵头' : '协办'}）`,
              }))}
          />
        </Form.Item>
        <Form.Item name="calleeName" label="接听人" rules={required('请填写接听电话的人员姓名')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="summary" label="通话内容" rules={required('请记录通话内容')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="promise" label="对方承诺" rules={required('请记录对方的承诺')}>
          <Input maxLength={1000} placeholder="如：承诺本周五前办结反馈" />
        </Form.Item>
      </>
    ),
    initialValues: (o) => ({
      calledAt: nowPicker(),
      calleeUnitId: o.assignments.find((a) => a.active && a.role === 'lead')?.unitId,
    }),
    toBody: (v) => ({
      calledAt: pickerToIso(v.calledAt as Dayjs | undefined),
      calleeUnitId: v.calleeUnitId,
      calleeName: text(v.calleeName),
      summary: text(v.summary),
      promise: text(v.promise),
    }),
  },
  escalate: {
    danger: true,
    rule: (o) => (
      <Rule>
        经催办、电话督办仍不按期办理的，报县委县政府督查室专项督办。
        {o.supervision?.proposedBecause?.length ? (
          <div>系统提示：{o.supervision.proposedBecause.join('；')}。</div>
        ) : null}
      </Rule>
    ),
    Fields: () => (
      <Form.Item name="reason" label="报督办理由" rules={required('请写明理由')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    ),
    toBody: (v) => ({ reason: text(v.reason) }),
  },
  recordSupervisionFinding: {
    primary: true,
    rule: () => <Rule>记录专项督查发现的情况和采取的督办措施。</Rule>,
    Fields: () => (
      <>
        <Form.Item name="findings" label="督查情况" rules={required('请写明督查发现的情况')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="measures" label="督办措施" rules={required('请写明采取的督办措施')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </>
    ),
    toBody: (v) => ({ findings: text(v.findings), measures: text(v.measures) }),
  },
  reportToLeaders: {
    rule: () => <Rule>将专项督办情况报告县政府主要领导。</Rule>,
    Fields: () => (
      <Form.Item name="summary" label="报告内容" rules={required('请写明报告内容')}>
        <Input.TextArea rows={4} maxLength={4000} />
      </Form.Item>
    ),
    toBody: (v) => ({ summary: text(v.summary) }),
  },
  concludeSupervision: {
    rule: () => <Rule>督查办结后，本工单的专项督办结束。</Rule>,
    Fields: () => (
      <Form.Item name="conclusion" label="督办结论" rules={required('请写明督办结论')}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
    ),
    toBody: (v) => ({ conclusion: text(v.conclusion) }),
  },
};
