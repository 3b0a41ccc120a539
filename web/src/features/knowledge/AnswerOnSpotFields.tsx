import type { FormInstance } from 'antd';
import { Form, Input, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { OrderDetail } from '../../api/types';
import { type KnowledgeHit, knowledgeApi } from './api';

/** The 直办 form's fields: the entry cited (ranked by the order's text) and what the caller was told. */
export function AnswerOnSpotFields({ form, order }: { form: FormInstance; order: OrderDetail }) {
  const [hits, setHits] = useState<KnowledgeHit[]>([]);
  useEffect(() => {
    knowledgeApi
      .forOrder(order.id)
      .then((r) => setHits(r.items))
      .catch(() => setHits([]));
  }, [order.id]);
  return (
    <>
      <Form.Item
        name="knowledgeVersionId"
        label="引用的知识条目"
        rules={[{ required: true, message: '请选择所引用的知识条目' }]}
        extra={hits.length === 0 ? '知识库中没有与本工单相关的现行条目。' : '按与本工单内容的相关度排序'}
      >
        <Select
          options={hits.map((h) => ({ value: h.versionId, label: `${h.title}（${h.sourceDocument}）` }))}
          onChange={(id: number) => {
            const hit = hits.find((h) => h.versionId === id);
            if (hit && !form.getFieldValue('answer')) form.setFieldValue('answer', hit.body);
          }}
        />
      </Form.Item>
      <Form.Item
        name="answer"
        label="答复来电人的内容"
        rules={[{ required: true, message: '请记录答复来电人的内容' }]}
      >
        <Input.TextArea rows={5} maxLength={4000} showCount />
      </Form.Item>
      <Typography.Text type="secondary">直办的工单不派发承办单位，在统计中单独计为「直办」。</Typography.Text>
    </>
  );
}
