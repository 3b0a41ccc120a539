import { Typography } from 'antd';
import type { QueueTab } from './queues';
import { tileCountStyle, tileGridStyle, tileLabelStyle, tileStyle } from './tileStyles';

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
    <div role="tablist" style={tileGridStyle}>
      {tabs.map((t, i) => {
        const n = counts?.[i];
        const selected = t.key === active;
        return (
          <button
            key={t.key}
            type="button"
            role="tab"
            aria-selected={selected}
            onClick={() => onPick(t.key)}
            style={{ ...tileStyle(selected), cursor: 'pointer' }}
          >
            <Typography.Text strong style={tileCountStyle(t, n)}>
              {n ?? '–'}
            </Typography.Text>
            <Typography.Text style={tileLabelStyle(selected)}>{t.label}</Typography.Text>
          </button>
        );
      })}
    </div>
  );
}
