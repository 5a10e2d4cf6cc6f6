import { useMemo, type ReactNode, type Ref } from 'react';
import {
  describeLocality,
  describeTornado,
  describeYearChart,
  groupedBarModel,
  lineChartModel,
  localityCategories,
  localityChartModel,
  markerPath,
  seriesStyle,
  tornadoModel,
  type LocalityRow,
  type Plot,
  type Tick,
  type TornadoMetric,
  type TornadoPoint,
  type TornadoRow,
  type YearSeries,
  type YearTick,
  wrapLabel,
} from './scenarioCharts';

/*
 * Scenario charts: React renders the SVG that ./scenarioCharts.ts lays out. Each chart is one image
 * to assistive technology with a description in words; the figures are also in a table nearby.
 * Styles live with the views that use them (views/scenarios/scenarios.css).
 */

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
function XAxis({ plot, ticks, height, title }: { plot: Plot; ticks: Tick[]; height: number; title: string }) {
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
function ChartSvg({
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
function YearChartFrame({
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

export interface YearChartProps {
  series: readonly YearSeries[];
  title: string;
  axisTitle: string;
  format: (v: number) => string;
  tickFormat: (v: number) => string;
  includeZero?: boolean;
  testId: string;
  /** The drawn <svg>, for export. */
  svgRef?: Ref<SVGSVGElement>;
}

/** Lines by year, one per scenario (the baseline dashed), with a marker at each year. */
export function YearLineChart({
  series,
  title,
  axisTitle,
  format,
  tickFormat,
  includeZero,
  testId,
  svgRef,
}: YearChartProps) {
  const model = useMemo(
    () => lineChartModel(series, { tickFormat, includeZero: includeZero ?? true }),
    [series, tickFormat, includeZero],
  );
  return (
    <YearChartFrame
      model={model}
      label={describeYearChart(title, series, format)}
      axisTitle={axisTitle}
      testId={testId}
      svgRef={svgRef}
    >
      {model.zeroY !== null && (
        <line className="sc-zero" x1={model.plot.left} x2={model.plot.right} y1={model.zeroY} y2={model.zeroY} />
      )}
      {model.axisBreakY !== null && (
        // Two short slashes across the foot of the y axis: the axis does not start at zero.
        <g className="sc-axis-break" data-testid="axis-break" aria-hidden="true">
          <path
            d={`M${model.plot.left - 6} ${model.axisBreakY + 3} l12 -6 M${model.plot.left - 6} ${model.axisBreakY + 8} l12 -6`}
            stroke="#1f2f44"
            strokeWidth={1.5}
            fill="none"
          />
        </g>
      )}
      {model.lines.map((l) => (
        <g key={l.id} className="sc-series">
          <path
            d={l.path}
            fill="none"
            stroke={l.style.colour}
            strokeWidth={2.5}
            strokeDasharray={l.style.dash ?? undefined}
          />
          {l.points.map((p) => (
            <path
              key={p.year}
              d={markerPath(l.style.marker)}
              transform={`translate(${p.x} ${p.y})`}
              fill={l.style.colour}
              stroke="#fff"
              strokeWidth={1}
            >
              <title>{`${l.name}, ${p.year}: ${format(p.value)}`}</title>
            </path>
          ))}
        </g>
      ))}
    </YearChartFrame>
  );
}

/** Bars grouped by year, one colour per scenario. */
export function YearBarChart({ series, title, axisTitle, format, tickFormat, testId, svgRef }: YearChartProps) {
  const model = useMemo(() => groupedBarModel(series, { tickFormat }), [series, tickFormat]);
  return (
    <YearChartFrame
      model={model}
      label={describeYearChart(title, series, format)}
      axisTitle={axisTitle}
      testId={testId}
      svgRef={svgRef}
    >
      {model.bars.map((b) => (
        <rect
          key={`${b.seriesId}-${b.year}`}
          x={b.x}
          y={b.y}
          width={b.width}
          height={b.height}
          fill={b.style.colour}
          className="sc-bar"
        >
          <title>{`${b.seriesName}, ${b.year}: ${format(b.value)}`}</title>
        </rect>
      ))}
      <line className="sc-zero" x1={model.plot.left} x2={model.plot.right} y1={model.zeroY} y2={model.zeroY} />
    </YearChartFrame>
  );
}

export interface LocalityChartProps {
  rows: readonly LocalityRow[];
  title: string;
  format: (v: number) => string;
  testId: string;
  /** The drawn <svg>, for export. */
  svgRef?: Ref<SVGSVGElement>;
}

/** One stacked bar per scenario: children in their own LA, elsewhere in the consortium, outside. */
export function LocalityChart({ rows, title, format, testId, svgRef }: LocalityChartProps) {
  const model = useMemo(() => localityChartModel(rows, format), [rows, format]);
  const label = describeLocality(title, rows, format);
  const { plot } = model;
  return (
    <div className="sc-figure">
      <ul className="sc-legend" aria-label="Key to the chart">
        {model.categories.map((c) => (
          <li key={c.key}>
            <svg viewBox="0 0 16 14" className="sc-legend-swatch sc-legend-swatch-box" aria-hidden="true">
              <rect x="1" y="1" width="14" height="12" fill={c.colour} />
            </svg>
            {c.label}
          </li>
        ))}
      </ul>
      <ChartSvg model={model} label={label} testId={testId} svgRef={svgRef}>
        <XAxis plot={plot} ticks={model.xTicks} height={model.height} title="Children" />
        {model.bars.map((bar) => (
          <g key={bar.id}>
            <text
              className="sc-bar-label"
              x={plot.left - 8}
              y={bar.y + bar.height / 2}
              textAnchor="end"
              dominantBaseline="middle"
            >
              {wrapLabel(bar.name, 34).map((line, i, lines) => (
                <tspan key={i} x={plot.left - 8} dy={i === 0 ? `${-(lines.length - 1) * 0.6}em` : '1.2em'}>
                  {line}
                </tspan>
              ))}
              <title>{bar.name}</title>
            </text>
            {bar.segments.map((s) => (
              <g key={s.key}>
                <rect x={s.x} y={bar.y} width={Math.max(0, s.width)} height={bar.height} fill={s.colour}>
                  <title>{`${bar.name}: ${format(s.value)} ${localityCategories.find((c) => c.key === s.key)?.label.toLowerCase() ?? ''} (${Math.round(s.share * 100)}%)`}</title>
                </rect>
                {s.label && (
                  <text
                    className="sc-segment-label"
                    x={s.x + s.width / 2}
                    y={bar.y + bar.height / 2}
                    textAnchor="middle"
                    dominantBaseline="middle"
                    fill={s.textColour}
                  >
                    {s.label}
                  </text>
                )}
              </g>
            ))}
            <text className="sc-total-label" x={bar.totalX} y={bar.y + bar.height / 2} dominantBaseline="middle">
              {format(bar.total)}
            </text>
          </g>
        ))}
      </ChartSvg>
    </div>
  );
}

export interface TornadoChartProps {
  rows: readonly TornadoRow[];
  base: TornadoPoint;
  metric: TornadoMetric;
  title: string;
  /** Formats a change, e.g. "+£94.2m". */
  format: (v: number) => string;
  /** Formats an axis tick. */
  tickFormat: (v: number) => string;
  /** "20%". */
  step: string;
  /** How the two ends read ("20% lower" by default; "at its low" for a range). */
  ends?: { low: string; high: string };
  /** The x axis title. */
  axisTitle?: string;
  testId?: string;
}

/** A tornado: each assumption's change in one figure when it is lower (blue, above) or higher (vermillion, below). */
export function TornadoChart({
  rows,
  base,
  metric,
  title,
  format,
  tickFormat,
  step,
  ends = { low: `${step} lower`, high: `${step} higher` },
  axisTitle = 'Change from the scenario’s figure',
  testId,
}: TornadoChartProps) {
  const model = useMemo(() => tornadoModel(rows, base, metric, tickFormat), [rows, base, metric, tickFormat]);
  const label = describeTornado(title, model, format, step, ends);
  const { plot } = model;
  return (
    <div className="sc-tornado">
      {model.bars.length > 0 && (
        <ChartSvg model={model} label={label} testId={testId}>
          <XAxis plot={plot} ticks={model.xTicks} height={model.height} title={axisTitle} />
          {model.bars.map((b) => (
            <g key={b.label}>
              <text className="sc-bar-label" x={plot.left - 10} y={b.y - 5} textAnchor="end">
                {b.label}
              </text>
              {b.detail && (
                <text className="sc-bar-detail" x={plot.left - 10} y={b.y + 11} textAnchor="end">
                  {b.detail.length > 34 ? `${b.detail.slice(0, 33)}…` : b.detail}
                  <title>{b.detail}</title>
                </text>
              )}
              <rect className="sc-tornado-low" x={b.low.x} y={b.y - b.half} width={b.low.width} height={b.half}>
                <title>{`${b.label}, ${ends.low}: ${format(b.lowDelta)}`}</title>
              </rect>
              <rect className="sc-tornado-high" x={b.high.x} y={b.y} width={b.high.width} height={b.half}>
                <title>{`${b.label}, ${ends.high}: ${format(b.highDelta)}`}</title>
              </rect>
              <text
                className="sc-tornado-value"
                x={b.low.labelX}
                y={b.y - b.half / 2}
                textAnchor={b.low.anchor}
                dominantBaseline="middle"
              >
                {format(b.lowDelta)}
              </text>
              <text
                className="sc-tornado-value"
                x={b.high.labelX}
                y={b.y + b.half / 2}
                textAnchor={b.high.anchor}
                dominantBaseline="middle"
              >
                {format(b.highDelta)}
              </text>
            </g>
          ))}
          <line className="sc-zero" x1={model.zeroX} x2={model.zeroX} y1={plot.top} y2={plot.bottom} />
        </ChartSvg>
      )}
      {model.bars.length === 0 && <p className="muted">No assumption here moves this figure.</p>}
      {(model.noEffect.length > 0 || model.notEstimated.length > 0) && (
        <p className="sc-tornado-note">
          {model.noEffect.length > 0 && <>No effect: {model.noEffect.join(', ')}. </>}
          {model.notEstimated.length > 0 && <>Not estimated here: {model.notEstimated.join(', ')}.</>}
        </p>
      )}
    </div>
  );
}
