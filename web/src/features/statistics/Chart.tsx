import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { CSSProperties } from 'react';

// Only the parts of ECharts the dashboard draws; this module is loaded with the page, on demand.
// SVG keeps the charts sharp when printed and lets each bar be a clickable element.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface ChartClick {
  name: string;
  dataIndex: number;
  data: unknown;
}

export interface ChartProps {
  option: Record<string, unknown>;
  height?: number;
  label: string;
  onClick?: (p: ChartClick) => void;
  style?: CSSProperties;
}

/** One ECharts chart; a click on a bar, point or slice calls onClick (to drill down). */
export default function Chart({ option, height = 280, label, onClick, style }: ChartProps) {
  return (
    <div role="img" aria-label={label} style={{ cursor: onClick ? 'pointer' : undefined, ...style }}>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        notMerge
        style={{ height, width: '100%' }}
        opts={{ renderer: 'svg' }}
        onEvents={onClick ? { click: (p: ChartClick) => onClick(p) } : undefined}
      />
    </div>
  );
}
