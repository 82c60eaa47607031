// One ECharts chart as a React component. Only the chart types and components the dashboard draws
// are registered, and this module is reached only through the dashboard's lazy import, so ECharts
// is a chunk of its own that the map never fetches.
import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, LegendScrollComponent, TooltipComponent } from 'echarts/components';
import { type ECharts, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { ChartOption } from './chart-options.ts';

use([
  BarChart,
  FunnelChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  LegendScrollComponent,
  TooltipComponent,
  CanvasRenderer,
]);

interface EChartProps {
  option: ChartOption;
  /** What the chart shows, for screen readers (its figures are also in the tables below). */
  label: string;
  height: number;
  testId?: string;
}

export function EChart({ option, label, height, testId }: EChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  useEffect(() => {
    const node = element.current;
    if (!node) return;
    const instance = init(node, null, { renderer: 'canvas' });
    chart.current = instance;
    // Cards change width with the window and the phone's orientation.
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(node);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  return (
    <div
      ref={element}
      className="dashboard-chart__canvas"
      style={{ height }}
      role="img"
      aria-label={label}
      data-testid={testId}
    />
  );
}
