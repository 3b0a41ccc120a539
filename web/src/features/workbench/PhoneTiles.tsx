import { Typography } from 'antd';
import type { QueueTab } from './queues';

/** On a phone, the queue's tabs as a grid of tiles: every count visible without scrolling. */
export function PhoneTiles({
  tabs,
  counts,
  active,
  onPick,
}: {
  tabs: QueueTab[];
  counts: Array<number | null> | undefined;
  active: string | undefined;
  onPick: (key: string) => void;
}) {
  return (
    <div
      role="tablist"
      style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: 6, marginBottom: 12 }}
    >
      {tabs.map((t, i) => {
        const n = counts?.[i];
        const selected = t.key === active;
        const alarm = t.urgent && !!n;
        return (
          <button
            key={t.key}
            type="button"
            role="tab"
            aria-selected={selected}
            onClick={() => onPick(t.key)}
            style={{
              border: `1px solid ${selected ? '#1668dc' : '#e5e7eb'}`,
              background: selected ? '#e8f1ff' : '#fff',
              borderRadius: 8,
              padding: '6px 2px',
              cursor: 'pointer',
              minHeight: 52,
            }}
          >
            <Typography.Text
              strong
              style={{ fontSize: 18, color: alarm ? '#cf1322' : undefined, display: 'block' }}
            >
              {n ?? '–'}
            </Typography.Text>
            <Typography.Text style={{ fontSize: 12, color: selected ? '#1668dc' : undefined }}>
              {t.label}
            </Typography.Text>
          </button>
        );
      })}
    </div>
  );
}
