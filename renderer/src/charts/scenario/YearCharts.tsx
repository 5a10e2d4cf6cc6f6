/**
 * The charts by year, rendered from yearChartModel.ts: lines (the bed gap) and grouped bars (cost),
 * one series per scenario. Each is one image with a description in words; the figures are also in
 * a table nearby.
 */
import { useMemo, type Ref } from 'react';
import { YearChartFrame } from './ChartFrame';
import { markerPath, type YearSeries } from './series';
import { describeYearChart, groupedBarModel, lineChartModel } from './yearChartModel';

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
