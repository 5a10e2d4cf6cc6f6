/**
 * The parts every scenario chart is drawn with: the y, x and year axes, the legend of series, the
 * SVG element (one image to assistive technology, with its description in words) and the frame of
 * a chart by year. Styles live with the views that use them (views/scenarios/scenarios.css).
 */
import { type ReactNode, type Ref } from 'react';
import type { Plot, Tick, YearTick } from './layout';
import { markerPath, seriesStyle } from './series';

function YAxis({ plot, ticks, title }: { plot: Plot; ticks: Tick[]; title: string }) {
  return (
    <>
      <g className="sc-grid">
        {ticks.map((t) => (
          <line key={t.value} x1={plot.left} x2={plot.right} y1={t.at} y2={t.at} />
        ))}
      </g>
      <g className="sc-axis">
        {ticks.map((t) => (
          <text key={t.value} x={plot.left - 8} y={t.at} textAnchor="end" dominantBaseline="middle">
            {t.label}
          </text>
        ))}
        <text
          className="sc-axis-title"
          transform={`translate(14 ${(plot.top + plot.bottom) / 2}) rotate(-90)`}
          textAnchor="middle"
        >
          {title}
        </text>
      </g>
    </>
  );
}

/** A value axis along the bottom of a horizontal-bar chart: vertical grid lines, tick labels and its title. */
export function XAxis({ plot, ticks, height, title }: { plot: Plot; ticks: Tick[]; height: number; title: string }) {
  return (
    <>
      <g className="sc-grid">
        {ticks.map((t) => (
          <line key={t.value} x1={t.at} x2={t.at} y1={plot.top} y2={plot.bottom} />
        ))}
      </g>
      <g className="sc-axis">
        {ticks.map((t) => (
          <text key={t.value} x={t.at} y={plot.bottom + 18} textAnchor="middle">
            {t.label}
          </text>
        ))}
        <text className="sc-axis-title" x={(plot.left + plot.right) / 2} y={height - 4} textAnchor="middle">
          {title}
        </text>
      </g>
    </>
  );
}

function YearAxis({ plot, ticks, height }: { plot: Plot; ticks: YearTick[]; height: number }) {
  return (
    <g className="sc-axis">
      <line className="sc-axis-line" x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} />
      {ticks.map((t) => (
        <text key={t.year} x={t.at} y={plot.bottom + 20} textAnchor="middle">
          {t.year}
        </text>
      ))}
      <text className="sc-axis-title" x={(plot.left + plot.right) / 2} y={height - 6} textAnchor="middle">
        Year ending 31 March
      </text>
    </g>
  );
}

/** The key to series: a sample of each line (colour, dash, marker) or bar, and its name. */
export function SeriesLegend({
  items,
  bars = false,
}: {
  items: readonly { name: string; styleIndex: number }[];
  bars?: boolean;
}) {
  return (
    <ul className="sc-legend" aria-label="Key to the chart">
      {items.map(({ name, styleIndex }) => {
        const style = seriesStyle(styleIndex);
        return (
          <li key={`${styleIndex}-${name}`}>
            <svg viewBox="0 0 32 14" className="sc-legend-swatch" aria-hidden="true">
              {bars ? (
                <rect x="8" y="1" width="16" height="12" fill={style.colour} />
              ) : (
                <>
                  <line
                    x1="1"
                    x2="31"
                    y1="7"
                    y2="7"
                    stroke={style.colour}
                    strokeWidth="2.5"
                    strokeDasharray={style.dash ?? undefined}
                  />
                  <path d={markerPath(style.marker, 40)} transform="translate(16 7)" fill={style.colour} />
                </>
              )}
            </svg>
            {name}
          </li>
        );
      })}
    </ul>
  );
}

/** A chart's <svg>: one image to assistive technology, described in words. */
export function ChartSvg({
  model,
  label,
  testId,
  svgRef,
  children,
}: {
  model: { width: number; height: number };
  label: string;
  testId?: string;
  svgRef?: Ref<SVGSVGElement>;
  children: ReactNode;
}) {
  return (
    <svg
      ref={svgRef}
      className="sc-chart"
      data-testid={testId}
      viewBox={`0 0 ${model.width} ${model.height}`}
      role="img"
      aria-label={label}
    >
      {children}
    </svg>
  );
}

/** The frame both year charts share: one described image with a value axis and a year axis. */
export function YearChartFrame({
  model,
  label,
  axisTitle,
  testId,
  svgRef,
  children,
}: {
  model: { width: number; height: number; plot: Plot; yTicks: Tick[]; xTicks: YearTick[] };
  label: string;
  axisTitle: string;
  testId: string;
  svgRef?: Ref<SVGSVGElement>;
  children: ReactNode;
}) {
  return (
    <ChartSvg model={model} label={label} testId={testId} svgRef={svgRef}>
      <YAxis plot={model.plot} ticks={model.yTicks} title={axisTitle} />
      <YearAxis plot={model.plot} ticks={model.xTicks} height={model.height} />
      {children}
    </ChartSvg>
  );
}
