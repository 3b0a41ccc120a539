import { Button, Card, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { type KnowledgeHit, knowledgeApi } from './api';
import { KnowledgeHits } from './KnowledgeHits';

const DEBOUNCE_MS = 400;

interface Props {
  title: string;
  content: string;
  /** Only a consultation may be answered on the spot (直办); the server refuses anything else too. */
  consultation: boolean;
  busy: boolean;
  onAnswer: (hit: KnowledgeHit) => void;
}

/**
 * While the call is taken: the knowledge entries relevant to what the dispatcher types. A
 * consultation the office can answer from one of them is registered and closed in one click (直办).
 */
export function RegisterKnowledge({ title, content, consultation, busy, onAnswer }: Props) {
  const [hits, setHits] = useState<KnowledgeHit[]>();
  const text = `${title}\n${content}`.trim();
  useEffect(() => {
    if (text.length < 2) {
      setHits(undefined);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      knowledgeApi
        .search(text, true)
        .then((r) => live && setHits(r.items))
        .catch(() => live && setHits(undefined));
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text]);
  return (
    <Card size="small" title="知识库" role="region" aria-label="知识库面板" style={{ marginTop: 16 }}>
      {hits ? (
        <>
          <KnowledgeHits
            items={hits}
            actions={(k) =>
              consultation
                ? [
                    <Button
                      key="answer"
                      size="small"
                      type="primary"
                      loading={busy}
                      onClick={() => onAnswer(k)}
                      aria-label={`依据「${k.title}」直办答复`}
                    >
                      直办答复
                    </Button>,
                  ]
                : []
            }
          />
          {!consultation && hits.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              类型为「咨询」的工单可依据现行条目直办答复，不再派发单位。
            </Typography.Text>
          )}
        </>
      ) : (
        <Typography.Text type="secondary">
          输入标题或诉求内容后，自动查找相关的政策和答复口径。
        </Typography.Text>
      )}
    </Card>
  );
}
