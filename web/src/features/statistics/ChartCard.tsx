import { Card, Empty, Segmented, Typography } from 'antd';
import { type ReactNode, Suspense, useState } from 'react';

/** One figure of a chart as words: what it is and how many. */
export interface ChartRow {
  name: string;
  value: number;
}

interface Props {
  title: string;
  /** The chart's figures, shown as a table on request and always readable by screen readers. */
  rows: ChartRow[];
  /** What the numbers count (件, 分). */
  unit: string;
  children: ReactNode;
  /** A line under the chart or table: what the figures leave out. */
  note?: ReactNode;
}

function FiguresTable({
  title,
  rows,
  unit,
  hidden,
}: Pick<Props, 'title' | 'rows' | 'unit'> & { hidden?: boolean }) {
  return (
    <table className={hidden ? 'sr-only' : 'figures-table'}>
      <caption className="sr-only">{title}</caption>
      <thead>
        <tr>
          <th scope="col">项目</th>
          <th scope="col">数值（{unit}）</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name}>
            <th scope="row">{r.name}</th>
            <td>{r.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A chart in a card, with its figures as a table: 「图表/表格」 switches what is shown, and while the
 * chart shows, the same table is there for screen readers (a picture of bars says nothing to them).
 */
export function ChartCard({ title, rows, unit, children, note }: Props) {
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const empty = rows.length === 0;
  return (
    <Card
      size="small"
      title={title}
      style={{ height: '100%' }}
      extra={
        !empty && (
          <Segmented
            size="small"
            aria-label={`${title}的显示方式`}
            value={view}
            onChange={setView}
            options={[
              { value: 'chart', label: '图表' },
              { value: 'table', label: '表格' },
            ]}
          />
        )
      }
    >
      {empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本期无数据" />
      ) : view === 'table' ? (
        <FiguresTable title={title} rows={rows} unit={unit} />
      ) : (
        <>
          <Suspense fallback={<div style={{ height: 280 }} />}>{children}</Suspense>
          <FiguresTable title={title} rows={rows} unit={unit} hidden />
        </>
      )}
      {note && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
          {note}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
