import { Button, Collapse, type FormInstance } from 'antd';
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
  // Folded: on a phone the entries stood between the reply's fields and its button.
  return (
    <section aria-label="知识库" style={{ marginTop: 12 }}>
      <Collapse
        size="small"
        items={[
          {
            key: 'knowledge',
            label:
              hits === undefined
                ? '知识库参考（正在查找……）'
                : hits.length === 0
                  ? '知识库参考：没有与本工单明显相关的条目'
                  : `知识库参考（${hits.length} 条，按与本工单的相关程度排序）`,
            collapsible: hits && hits.length > 0 ? undefined : 'disabled',
            children: hits && (
              <KnowledgeHits
                items={hits}
                actions={(k) => [
                  <Button key="cite" size="small" onClick={() => cite(k)} aria-label={`引用「${k.title}」`}>
                    引用
                  </Button>,
                ]}
              />
            ),
          },
        ]}
      />
    </section>
  );
}
