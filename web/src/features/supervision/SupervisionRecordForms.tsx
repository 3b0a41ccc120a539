import { Button, DatePicker, Flex, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { OrderDetail } from '../../api/types';
import { nowPicker, pickerToIso } from '../../lib/time';
import { supervisionRecordsApi, type Tracking } from './api';
import { RecordModal, type Values } from './RecordModal';

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const day = (v: unknown) => (v ? (v as Dayjs).format('YYYY-MM-DD') : null);
const required = (message: string) => [{ required: true, whitespace: true, message }];
const picked = (message: string) => [{ required: true, message }];

export type RecordForm =
  | { kind: 'visit' }
  | { kind: 'tracking' }
  | { kind: 'followUp' | 'end'; tracking: Tracking };

interface Props {
  order: OrderDetail;
  form: RecordForm | null;
  onClose: () => void;
  onDone: () => void;
}

function UnitSelect({ order }: { order: OrderDetail }) {
  return (
    <Form.Item name="unitId" label="被督办单位" rules={picked('请选择被督办单位')}>
      <Select
        options={order.assignments
          .filter((a) => a.active)
          .map((a) => ({
            value: a.unitId,
            label: `${a.unitName}（${a.role === 'lead' ? '牵头' : '协办'}）`,
          }))}
      />
    </Form.Item>
  );
}

const leadUnit = (order: OrderDetail) => order.assignments.find((a) => a.active && a.role === 'lead')?.unitId;

/** The four forms of 现场督办 / 跟踪督办; each is sent with the order's version. */
export function SupervisionRecordForms({ order, form, onClose, onDone }: Props) {
  // Every record is sent with the order's version as this page saw it (409 when someone was first).
  const send = (call: (v: Values, version: number) => Promise<unknown>) => async (values: Values) => {
    await call(values, order.version);
    onDone();
  };
  const api = supervisionRecordsApi;
  if (form?.kind === 'visit')
    return (
      <RecordModal
        open
        title="记录现场督办"
        done="已记录现场督办"
        onClose={onClose}
        initialValues={{ visitedAt: nowPicker(), unitId: leadUnit(order) }}
        onSubmit={send((v, version) =>
          api.recordVisit(order.id, {
            ...v,
            version,
            visitedAt: pickerToIso(v.visitedAt as Dayjs),
            dueOn: day(v.dueOn),
            place: text(v.place),
            visitors: text(v.visitors),
            metWith: text(v.metWith),
            findings: text(v.findings),
            requirements: text(v.requirements),
          }),
        )}
      >
        <UnitSelect order={order} />
        <Form.Item name="visitedAt" label="督办时间" rules={picked('请选择督办时间')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="place" label="地点" rules={required('请填写地点')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="visitors" label="督办人员" rules={required('请填写参加督办的人员')}>
          <Input maxLength={200} placeholder="如：督查室 王刚、李娜" />
        </Form.Item>
        <Form.Item name="metWith" label="见到的单位人员" rules={required('请填写见到的单位人员')}>
          <Input maxLength={200} placeholder="姓名、职务" />
        </Form.Item>
        <Form.Item name="findings" label="现场发现的情况" rules={required('请写明现场发现的情况')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="requirements" label="单位承诺或督办要求" rules={required('请写明承诺或要求')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="dueOn" label="完成期限">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </RecordModal>
    );
  if (form?.kind === 'tracking')
    return (
      <RecordModal
        open
        title="开始跟踪督办"
        done="已开始跟踪督办"
        onClose={onClose}
        initialValues={{ unitId: leadUnit(order), checkpoints: [undefined] }}
        onSubmit={send((v, version) =>
          api.startTracking(order.id, {
            version,
            unitId: v.unitId,
            reason: text(v.reason),
            checkpoints: ((v.checkpoints as Array<Dayjs | undefined>) ?? []).flatMap((d) =>
              d ? [d.format('YYYY-MM-DD')] : [],
            ),
          }),
        )}
      >
        <UnitSelect order={order} />
        <Form.Item name="reason" label="跟踪督办事由" rules={required('请写明事由')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.List name="checkpoints">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Flex key={f.key} gap={8} align="start">
                  <Form.Item
                    name={f.name}
                    label={`跟进日期 ${i + 1}`}
                    rules={picked('请选择日期')}
                    style={{ flex: 1 }}
                  >
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button style={{ marginTop: 30 }} onClick={() => remove(f.name)}>
                      删除
                    </Button>
                  )}
                </Flex>
              ))}
              <Button onClick={() => add()}>添加跟进日期</Button>
            </>
          )}
        </Form.List>
      </RecordModal>
    );
  if (form?.kind === 'followUp') {
    const open = form.tracking.checkpoints.filter((c) => c.status !== 'done');
    return (
      <RecordModal
        open
        title={`登记跟进：${form.tracking.unitName}`}
        done="已登记跟进"
        onClose={onClose}
        initialValues={{ followedAt: nowPicker(), checkpoint: open[0]?.date ?? null, method: '电话' }}
        onSubmit={send((v, version) =>
          api.followUp(order.id, form.tracking.id, {
            version,
            followedAt: pickerToIso(v.followedAt as Dayjs),
            checkpoint: v.checkpoint ?? null,
            method: text(v.method),
            progress: text(v.progress),
          }),
        )}
      >
        <Form.Item name="checkpoint" label="对应的跟进日期">
          <Select
            allowClear
            placeholder="不对应设定的日期"
            options={open.map((c) => ({ value: c.date, label: `${c.date}（${c.label}）` }))}
          />
        </Form.Item>
        <Form.Item name="followedAt" label="跟进时间" rules={picked('请选择跟进时间')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="method" label="跟进方式" rules={required('请填写跟进方式')}>
          <Input maxLength={100} placeholder="电话、现场、书面" />
        </Form.Item>
        <Form.Item name="progress" label="办理进展" rules={required('请写明办理进展')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </RecordModal>
    );
  }
  if (form?.kind === 'end')
    return (
      <RecordModal
        open
        title={`结束跟踪督办：${form.tracking.unitName}`}
        done="跟踪督办已结束"
        onClose={onClose}
        onSubmit={send((v, version) =>
          api.endTracking(order.id, form.tracking.id, { version, conclusion: text(v.conclusion) }),
        )}
      >
        <Form.Item name="conclusion" label="结论" rules={required('请写明结论')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </RecordModal>
    );
  return null;
}
