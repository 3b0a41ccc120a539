import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { dayjs } from '../../lib/time';
import { useUnits } from '../../lib/useUnits';
import { RecordModal, type Values } from '../supervision/RecordModal';
import { type CityBulletin, type CityBulletinList, cityBulletinsApi } from './api';

/** 「待定」: the accountability not decided yet (sent as null). */
const PENDING = 'pending';
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

interface Props {
  editing: CityBulletin | null;
  measures: CityBulletinList['measures'];
  onClose: () => void;
  onDone: () => void;
}

/** Records a city bulletin (or changes one): what it says, the orders and the units it names, the accountability. */
export function CityBulletinForm({ editing, measures, onClose, onDone }: Props) {
  const units = useUnits().filter((u) => u.kind === 'department' || u.kind === 'township');
  const initialValues = editing
    ? {
        ...editing,
        issuedOn: dayjs(editing.issuedOn),
        orderCodes: editing.orders.map((o) => o.code),
        units: editing.units.map((u) => ({ ...u, measure: u.measure ?? PENDING })),
      }
    : { units: [{ measure: PENDING }] };
  const submit = async (v: Values) => {
    const body = {
      number: text(v.number),
      title: text(v.title),
      issuedOn: (v.issuedOn as Dayjs).format('YYYY-MM-DD'),
      issuer: text(v.issuer),
      matter: text(v.matter),
      orderCodes: (v.orderCodes as string[] | undefined) ?? [],
      units: ((v.units as Values[] | undefined) ?? []).map((u) => ({
        unitId: u.unitId,
        measure: u.measure === PENDING ? null : u.measure,
        note: text(u.note),
        decidedBy: text(u.decidedBy),
      })),
    };
    if (editing) await cityBulletinsApi.update(editing.id, { ...body, version: editing.version });
    else await cityBulletinsApi.record(body);
    onDone();
  };
  const required = (message: string) => [{ required: true, whitespace: true, message }];
  return (
    <RecordModal
      open
      title={editing ? '修改市政府通报' : '登记市政府通报'}
      done={editing ? '已保存' : '已登记市政府通报'}
      initialValues={initialValues}
      onClose={onClose}
      onSubmit={submit}
    >
      <Form.Item name="number" label="文号" rules={required('请填写文号')}>
        <Input maxLength={100} placeholder="如：市热线通〔2026〕12号" />
      </Form.Item>
      <Form.Item name="title" label="标题" rules={required('请填写标题')}>
        <Input maxLength={300} />
      </Form.Item>
      <Flex gap={8}>
        <Form.Item name="issuedOn" label="通报日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="issuer" label="发文单位" rules={required('请填写发文单位')} style={{ flex: 1 }}>
          <Input maxLength={100} placeholder="如：市政府办公室" />
        </Form.Item>
      </Flex>
      <Form.Item name="matter" label="通报事项" rules={required('请写明通报事项')}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Form.Item
        name="orderCodes"
        label="关联工单编号"
        extra="输入本县工单编号或市平台工单号后回车，可填多个"
      >
        <Select mode="tags" open={false} tokenSeparators={[',', ',', ' ', '、']} />
      </Form.Item>
      <Form.List name="units">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <fieldset
                key={f.key}
                aria-label={`被通报单位 ${i + 1}`}
                style={{ border: '1px solid #f0f0f0', padding: 8, marginBottom: 8 }}
              >
                <Flex gap={8} align="start">
                  <Form.Item
                    name={[f.name, 'unitId']}
                    label="被通报单位"
                    rules={[{ required: true, message: '请选择单位' }]}
                    style={{ flex: 1 }}
                  >
                    <Select
                      showSearch
                      optionFilterProp="label"
                      options={units.map((u) => ({ value: u.id, label: u.name }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'measure']} label="追究责任" style={{ width: 150 }}>
                    <Select
                      options={[{ value: PENDING, label: '待定' }, ...measures.map((m) => ({ ...m }))]}
                    />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button
                      type="text"
                      aria-label={`删除被通报单位 ${i + 1}`}
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(f.name)}
                      style={{ marginTop: 30 }}
                    />
                  )}
                </Flex>
                <Flex gap={8}>
                  <Form.Item name={[f.name, 'decidedBy']} label="决定者" style={{ width: 160 }}>
                    <Input maxLength={100} placeholder="如：县政府常务会议" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'note']} label="说明" style={{ flex: 1 }}>
                    <Input maxLength={1000} />
                  </Form.Item>
                </Flex>
              </fieldset>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ measure: PENDING })}>
              添加被通报单位
            </Button>
          </>
        )}
      </Form.List>
    </RecordModal>
  );
}
