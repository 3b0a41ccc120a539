import { AutoComplete, Descriptions, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { meaningfulLength } from '../../../../src/domain/visible-text';
import { ordersApi } from '../../api/orders';
import type { OrderDetail } from '../../api/types';
import { fmtDeadline, fmtTime, pickerToIso } from '../../lib/time';
import { HANDLING_KINDS, unitSearch, useUnits } from '../../lib/useUnits';

/** Small pieces the action forms share. */
export const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
export const required = (message: string) => [{ required: true, whitespace: true, message }];
/**
 * Required, with at least `min` letters or digits as the server counts them (punctuation is not
 * a word): said beside the field before sending, not after the server refuses it.
 */
export const atLeast = (min: number, message: string, short: string) => [
  ...required(message),
  {
    validator: (_: unknown, value: unknown) =>
      !value || meaningfulLength(String(value)) >= min ? Promise.resolve() : Promise.reject(new Error(short)),
  },
];
export const picker = (v: unknown) => pickerToIso(v as Dayjs | undefined);

/** The lead unit's latest 申请回退 on the timeline (its reason and the unit it suggests), if any. */
export function lastReturn(order: OrderDetail) {
  return order.timeline.findLast((t) => t.type === 'return_requested')?.payload ?? null;
}

export function UnitNameInput(props: { value?: string; onChange?: (v: string) => void }) {
  const units = useUnits().filter((u) => HANDLING_KINDS.includes(u.kind));
  return (
    <AutoComplete
      {...props}
      options={units.map((u) => ({ value: u.name, unit: u }))}
      showSearch={unitSearch}
      placeholder="输入单位名称、简称或拼音首字母"
    />
  );
}

export function PendingExtensionView({ order }: { order: OrderDetail }) {
  const p = order.pendingExtension;
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

export const opinion = (label: string, need: boolean) => () => (
  <Form.Item name="opinion" label={label} rules={need ? required(`请填写${label}`) : undefined}>
    <Input.TextArea rows={3} maxLength={1000} />
  </Form.Item>
);
