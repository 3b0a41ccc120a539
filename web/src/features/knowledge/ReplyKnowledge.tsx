import { Button, type FormInstance, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { OrderDetail } from '../../api/types';
import { citationText, type KnowledgeHit, knowledgeApi } from './api';
import { KnowledgeHits } from './KnowledgeHits';

/** Beside the reply form: the knowledge entries most relevant to the order, cited into 政策依据 with one click. */
export function ReplyKnowledge({ form, order }: { form: FormInstance; order: OrderDetail }) {
  const [hits, setHits] = useState<KnowledgeHit[]>();
  useEffect(() => {
    knowledgeApi
      .forOrder(order.id)
      .then((r) => setHits(r.items))
      .catch(() => setHits([]));
  }, [order.id]);
  const cite = (k: KnowledgeHit) => {
    const basis = (form.getFieldValue(['reply', 'basis']) as string | undefined)?.trim();
    form.setFieldValue(['reply', 'basis'], basis ? `${basis}\n${citationText(k)}` : citationText(k));
  };
  return (
    <section aria-label="知识库" style={{ marginTop: 12 }}>
      <Typography.Text strong>知识库(按本工单内容排序)</Typography.Text>
      {hits === undefined ? (
        <div>
          <Typography.Text type="secondary">正在查找……</Typography.Text>
        </div>
      ) : (
        <KnowledgeHits
          items={hits}
          actions={(k) => [
            <Button key="cite" size="small" onClick={() => cite(k)} aria-label={`引用「${k.title}」`}>
              引用
            </Button>,
          ]}
        />
      )}
    </section>
  );
}
