/** The report's scenario comparison chart, rendered from gapChartModel.ts: the median gap by year, one line per scenario. */
import { useMemo } from 'react';
import { gapChartModel, type GapChartSeries } from './gapChartModel';
import { YGridLines, YTickLabels } from './yTicks';

export interface GapChartProps {
  series: readonly GapChartSeries[];
  /** What the chart shows, in words (its text alternative). */
  label: string;
}

/** The consortium's median gap by year, one line per scenario (baseline solid), as an inline SVG. */
export function GapChart({ series, label }: GapChartProps) {
  const model = useMemo(() => gapChartModel(series), [series]);
  const { plot } = model;
  return (
    <svg
      className="report-gap-chart"
      viewBox={`0 0 ${model.width} ${model.height}`}
      role="img"
      aria-label={label}
      data-testid="report-gap-chart"
    >
      <g className="report-chart-grid">
        <YGridLines ticks={model.yTicks} plot={plot} />
      </g>
      {model.zeroY !== null && (
        <line className="report-chart-zero" x1={plot.left} x2={plot.right} y1={model.zeroY} y2={model.zeroY} />
      )}
      <g className="report-chart-axis">
        <YTickLabels ticks={model.yTicks} plotLeft={plot.left} />
        {model.xTicks.map((t) => (
          <text key={t.label} x={t.at} y={plot.bottom + 18} textAnchor="middle">
            {t.label}
          </text>
        ))}
        <text
          className="report-chart-axis-title"
          transform={`translate(14 ${(plot.top + plot.bottom) / 2}) rotate(-90)`}
          textAnchor="middle"
        >
          Gap (beds)
        </text>
        <text
          className="report-chart-axis-title"
          x={(plot.left + plot.right) / 2}
          y={model.height - 4}
          textAnchor="middle"
        >
          Year ending 31 March
        </text>
      </g>
      {model.lines.map((l) => (
        <g key={l.name} className={`report-chart-series report-chart-series-${l.style % 5}`}>
          <path d={l.path} />
          {l.points.map((p) => (
            <circle key={p.year} cx={p.x} cy={p.y} r={3} />
          ))}
          <line className="report-chart-leader" x1={plot.right + 4} x2={plot.right + 12} y1={l.endY} y2={l.labelY} />
          <text x={plot.right + 16} y={l.labelY} dominantBaseline="middle">
            {l.name.length > 34 ? `${l.name.slice(0, 33)}…` : l.name}
          </text>
        </g>
      ))}
    </svg>
  );
}
