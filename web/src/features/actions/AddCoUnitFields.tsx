import { Form, type FormInstance, Input, Select, Typography } from 'antd';
import { useEffect } from 'react';
import type { OrderDetail } from '../../api/types';
import { HANDLING_KINDS, useUnits } from '../../lib/useUnits';

/** The latest part a co-unit returned, with the unit it suggested instead. */
export function lastCoReturn(order: OrderDetail) {
  return order.timeline.findLast((t) => t.type === 'co_returned')?.payload ?? null;
}

/**
 * Picks the unit to add: any handling unit not already on the order. When a co-unit returned
 * its part suggesting a unit by name, that unit is picked to start with.
 */
export function AddCoUnitFields({ form, order }: { form: FormInstance; order: OrderDetail }) {
  const onOrder = new Set(order.assignments.filter((a) => a.active).map((a) => a.unitId));
  const units = useUnits().filter((u) => HANDLING_KINDS.includes(u.kind) && u.active && !onOrder.has(u.id));
  const returned = lastCoReturn(order);
  const suggested = units.find((u) => u.name === returned?.suggestedUnit?.trim());
  useEffect(() => {
    if (suggested && form.getFieldValue('unitId') === undefined) form.setFieldValue('unitId', suggested.id);
  }, [suggested, form]);
  return (
    <>
      {returned && (
        <Typography.Paragraph>
          协办单位回退理由：{returned.reason ?? '—'}；建议协办单位：
          <Typography.Text strong>{returned.suggestedUnit ?? '—'}</Typography.Text>
        </Typography.Paragraph>
      )}
      <Form.Item name="unitId" label="增加的协办单位" rules={[{ required: true, message: '请选择协办单位' }]}>
        <Select
          showSearch
          optionFilterProp="label"
          options={units.map((u) => ({ value: u.id, label: u.name }))}
          placeholder="选择单位"
        />
      </Form.Item>
      <Form.Item name="note" label="说明（可不填）">
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </>
  );
}
