import {
  Alert,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  type FormInstance,
  Input,
  Radio,
  Select,
  Spin,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { options, URGENCY_LABELS } from '../../api/labels';
import { ordersApi } from '../../api/orders';
import type { DispatchPreview, OrderDetail, Unit, Urgency } from '../../api/types';
import { CategoryPicker, pickedCategoryId } from '../../lib/CategoryPicker';
import { fmtDeadline, pickerToIso } from '../../lib/time';
import { HANDLING_KINDS, unitSearch, useUnits } from '../../lib/useUnits';
import { CategoryChoices } from '../assistant/CategoryChoices';
import { DispatchSuggestions } from '../assistant/DispatchSuggestions';
import { useDispatchSuggestions } from '../assistant/useDispatchSuggestions';
import { lastReturn } from './fields';

function unitOption(u: Unit) {
  return { value: u.id, label: u.name, unit: u };
}

/** Each option shows the unit's remit (and its full text on hover), and whether its form is filed. */
function renderUnit(opt: { data: { unit?: Unit } }) {
  const u = opt.data.unit;
  if (!u) return null;
  return (
    <Tooltip title={u.remit} placement="right">
      <div style={{ whiteSpace: 'normal', lineHeight: 1.4, padding: '2px 0' }}>
        <div>
          {u.name} {!u.registrationFiled && <Tag color="orange">未报登记表</Tag>}
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
          {u.remit}
        </Typography.Text>
      </div>
    </Tooltip>
  );
}

function RemitNote({ unit }: { unit?: Unit }) {
  if (!unit) return null;
  return (
    <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '-16px 0 16px' }}>
      职能：{unit.remit || '—'}
      {unit.registration && ` · A角 ${unit.registration.liaisonA.name} ${unit.registration.liaisonA.mobile}`}
    </Typography.Paragraph>
  );
}

/**
 * Beside the picker of an unclassified order, the assistant's categories. A category the order
 * already has was chosen by a person (or the city), the dispatch cannot change it
 * (CATEGORY_ALREADY_SET), and 改分类 is the place for corrections: then nothing is offered.
 */
function CategorySuggestions(props: Parameters<typeof CategoryChoices>[0]) {
  return (
    <Flex
      wrap
      gap={6}
      align="center"
      role="group"
      aria-label="派单助手推荐的诉求分类"
      style={{ margin: '-16px 0 16px' }}
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        派单助手推荐（<kbd>Alt+Shift+1…3</kbd>）：
      </Typography.Text>
      <CategoryChoices {...props} />
    </Flex>
  );
}

/** Lead unit and co-units with each remit in view, urgency, and the server's deadline preview. */
export function DispatchFields({
  form,
  order,
  picked,
}: {
  form: FormInstance;
  order: OrderDetail;
  picked: () => void;
}) {
  const units = useUnits().filter((u) => HANDLING_KINDS.includes(u.kind) && u.active);
  const leadId = Form.useWatch('leadUnitId', form) as number | undefined;
  const coIds = (Form.useWatch('coUnitIds', form) as number[] | undefined) ?? [];
  const urgency = (Form.useWatch('urgency', form) as Urgency | undefined) ?? order.urgency;
  const leaderDeadline = Form.useWatch('leaderDeadline', form) as Dayjs | undefined;
  // An order registered without its request category gets it here, or it counts under none.
  const unclassified = order.category === null;
  const categoryPicked = pickedCategoryId(Form.useWatch('category', form)) !== null;
  const [preview, setPreview] = useState<DispatchPreview>();
  const [previewError, setPreviewError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const returned = lastReturn(order);
  const suggestions = useDispatchSuggestions(order.title, order.content, order.id);
  const leaderIso = urgency === 'leader' ? pickerToIso(leaderDeadline) : null;

  useEffect(() => {
    if (urgency === 'leader' && !leaderIso) {
      setPreview(undefined);
      setPreviewError('领导批示件须按批示设定办理期限，请先选择期限。');
      return;
    }
    let live = true;
    setLoading(true);
    ordersApi
      .dispatchPreview(order.id, urgency, leaderIso)
      .then((p) => {
        if (!live) return;
        setPreview(p);
        setPreviewError(undefined);
      })
      .catch((e) => live && setPreviewError(e instanceof ApiError ? e.message : '无法计算时限'))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [order.id, urgency, leaderIso]);

  return (
    <>
      {returned && order.counts.returns > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`上次回退理由：${(returned.reason ?? '').replace(/[。；;.\s]+$/u, '')}；建议承办单位：${returned.suggestedUnit ?? '—'}`}
        />
      )}
      {unclassified && !categoryPicked && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="尚未选择诉求分类"
          description="登记时没有选择诉求分类，未分类的工单不计入按分类的统计。请在下面选择，派发时一并记录。"
        />
      )}
      <DispatchSuggestions
        suggestions={suggestions}
        onPickUnit={(id) => {
          form.setFieldValue('leadUnitId', id);
          form.setFieldValue(
            'coUnitIds',
            coIds.filter((c) => c !== id),
          );
          picked();
        }}
      />
      <Form.Item name="leadUnitId" label="牵头单位" rules={[{ required: true, message: '请选择牵头单位' }]}>
        <Select
          showSearch={unitSearch}
          placeholder="输入单位名称、简称、拼音首字母或职能关键词"
          options={units.filter((u) => !coIds.includes(u.id)).map(unitOption)}
          optionRender={renderUnit}
          listHeight={360}
        />
      </Form.Item>
      <RemitNote unit={units.find((u) => u.id === leadId)} />
      {unclassified && (
        <Form.Item name="category" label="诉求分类">
          <CategoryPicker />
        </Form.Item>
      )}
      {unclassified && suggestions.data && (
        <CategorySuggestions
          categories={suggestions.data.categories}
          onPick={(value) => {
            form.setFieldValue('category', value);
            picked();
          }}
        />
      )}
      <Form.Item name="coUnitIds" label="协办单位（可多选）">
        <Select
          mode="multiple"
          showSearch={unitSearch}
          placeholder="需要其他单位配合时选择"
          options={units.filter((u) => u.id !== leadId).map(unitOption)}
          optionRender={renderUnit}
          listHeight={360}
        />
      </Form.Item>
      <Form.Item name="urgency" label="紧急程度">
        <Radio.Group options={options(URGENCY_LABELS)} optionType="button" />
      </Form.Item>
      {urgency === 'leader' && (
        <Form.Item
          name="leaderDeadline"
          label="领导批示的办理期限"
          rules={[{ required: true, message: '领导批示件须按批示设定办理期限' }]}
          extra={order.leaderInstruction ? `批示：${order.leaderInstruction}` : undefined}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
      )}
      <Form.Item name="note" label="派单说明">
        <Input.TextArea rows={2} maxLength={500} placeholder="给承办单位的说明（可不填）" />
      </Form.Item>
      <Spin spinning={loading}>
        {preview && (
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, sm: 2 }}
            title="按现在派发，各项期限（北京时间）"
            items={[
              { key: 's', label: '签收', children: fmtDeadline(preview.signBy) },
              { key: 'r', label: '回退', children: fmtDeadline(preview.returnBy) },
              { key: 'h', label: '办理', children: fmtDeadline(preview.handleBy) },
              ...(coIds.length
                ? [{ key: 'c', label: '协办意见', children: fmtDeadline(preview.coUnitBy) }]
                : []),
            ]}
          />
        )}
        {preview?.warning && (
          <Alert type="warning" showIcon title={preview.warning} style={{ marginTop: 8 }} />
        )}
        {previewError && <Alert type="info" showIcon title={previewError} style={{ marginTop: 8 }} />}
      </Spin>
    </>
  );
}
