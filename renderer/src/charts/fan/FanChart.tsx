import { useMemo, type Ref } from 'react';
import { fanChartModel } from './fanChartModel';
import { compactFanChartSize, largeFanChartSize, type FanChartInput } from './fanChartTypes';
import { describeFanChart } from './fanLabels';
import { formatWhole } from '../../format/numbers';
import { YGridLines, YTickLabels } from '../yTicks';

export interface FanChartProps {
  area: FanChartInput;
  /** A large chart with axis titles and end labels, or a compact small multiple. */
  variant?: 'large' | 'compact';
  /** Overrides the generated text alternative. */
  label?: string;
  /** Hides the chart from assistive technology (when its container already says what it shows). */
  decorative?: boolean;
  testId?: string;
  /** The drawn <svg>, for export. */
  svgRef?: Ref<SVGSVGElement>;
}

/**
 * A fan chart of children needing a place: observed history (line and dots), the projection's 80%
 * range (P10–P90 band) and median, beds needed (median, dashed) and accessible places (steps). One
 * image to assistive technology, described in words; hovering a year shows its figures.
 */
export function FanChart({
  area,
  variant = 'large',
  label,
  decorative = false,
  testId = 'fan-chart',
  svgRef,
}: FanChartProps) {
  const compact = variant === 'compact';
  const model = useMemo(() => fanChartModel(area, compact ? compactFanChartSize : largeFanChartSize), [area, compact]);
  const description = useMemo(() => label ?? describeFanChart(area), [label, area]);
  const { plot } = model;
  const projectedByYear = useMemo(() => new Map(area.years.map((y) => [y.year, y])), [area]);
  const step = model.years.length > 0 ? (plot.right - plot.left) / model.years.length : 0;

  return (
    <svg
      ref={svgRef}
      className={`fan-chart fan-chart-${variant}`}
      data-testid={testId}
      viewBox={`0 0 ${model.width} ${model.height}`}
      preserveAspectRatio="xMidYMid meet"
      {...(decorative ? { 'aria-hidden': true, focusable: false } : { role: 'img', 'aria-label': description })}
    >
      {model.baseX !== null && model.band.length > 0 && (
        <g className="fan-projected-zone">
          <rect
            x={model.baseX}
            y={plot.top}
            width={Math.max(0, plot.right - model.baseX)}
            height={plot.bottom - plot.top}
          />
          {!compact && (
            <>
              <text className="fan-zone-label" x={model.baseX - 8} y={plot.top - 10} textAnchor="end">
                Observed
              </text>
              <text className="fan-zone-label" x={model.baseX + 8} y={plot.top - 10}>
                Projected
              </text>
            </>
          )}
        </g>
      )}
      <g className="fan-grid">
        <YGridLines ticks={model.yTicks} plot={plot} />
      </g>
      <g className="fan-axis fan-axis-y">
        <YTickLabels ticks={model.yTicks} plotLeft={plot.left} />
        {!compact && (
          <text
            className="fan-axis-title"
            transform={`translate(${16} ${(plot.top + plot.bottom) / 2}) rotate(-90)`}
            textAnchor="middle"
          >
            Children
          </text>
        )}
      </g>
      <g className="fan-axis fan-axis-x">
        <line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} />
        {model.xTicks.map((t) => (
          <g key={t.label}>
            <line x1={t.at} x2={t.at} y1={plot.bottom} y2={plot.bottom + 5} />
            <text x={t.at} y={plot.bottom + (compact ? 16 : 22)} textAnchor="middle">
              {t.label}
            </text>
          </g>
        ))}
        {!compact && (
          <text className="fan-axis-title" x={(plot.left + plot.right) / 2} y={model.height - 8} textAnchor="middle">
            Year ending 31 March
          </text>
        )}
      </g>

      {model.bandPath && <path className="fan-band" d={model.bandPath} />}
      {model.placesPath && <path className="fan-places" d={model.placesPath} />}
      {model.bedsPath && <path className="fan-beds" d={model.bedsPath} />}
      {model.medianPath && <path className="fan-median" d={model.medianPath} />}
      {model.historyPath && <path className="fan-history" d={model.historyPath} />}
      {model.historyPoints.map((p) => (
        <circle key={p.year} className="fan-history-dot" cx={p.x} cy={p.y} r={compact ? 2.2 : 4} />
      ))}
      {!compact &&
        model.medianPoints.map((p) => <circle key={p.year} className="fan-median-dot" cx={p.x} cy={p.y} r={3.5} />)}
      {model.historyGaps.map((year) => {
        const x = model.x(Number(year));
        return <line key={year} className="fan-gap-mark" x1={x} x2={x} y1={plot.bottom - 8} y2={plot.bottom} />;
      })}

      {model.endLabels.map((l) => (
        <g key={l.kind} className={`fan-end-label fan-end-label-${l.kind}`}>
          <line x1={plot.right + 2} x2={plot.right + 10} y1={l.y} y2={l.labelY} />
          <text x={plot.right + 14} y={l.labelY} dominantBaseline="middle">
            {l.text}
          </text>
        </g>
      ))}

      {/* Hover targets: one column per year, with its figures as a tooltip. */}
      {!decorative && (
        <g className="fan-hits" data-export="skip">
          {model.years.map((year) => {
            const projected = projectedByYear.get(year);
            const observed = model.historyPoints.find((p) => p.year === year);
            let text = `Year ending 31 March ${year}: `;
            if (projected) {
              text += `${formatWhole(projected.demand.p50)} children projected (80% range ${formatWhole(projected.demand.p10)}–${formatWhole(projected.demand.p90)}); ${formatWhole(projected.bedsNeeded.p50)} beds needed; ${formatWhole(projected.accessiblePlaces)} accessible places`;
            } else if (observed) {
              text += `${formatWhole(observed.value)} children observed`;
            } else {
              text += 'no figure';
            }
            return (
              <rect
                key={year}
                x={model.x(Number(year)) - step / 2}
                y={plot.top}
                width={step}
                height={plot.bottom - plot.top}
              >
                <title>{text}</title>
              </rect>
            );
          })}
        </g>
      )}
    </svg>
  );
}
