/**
 * The sensitivity tornado, rendered from tornadoModel.ts: one bar per assumption from its low to
 * its high value's effect, with a description in words.
 */
import { useMemo } from 'react';
import { ChartSvg, XAxis } from './ChartFrame';
import { describeTornado, tornadoModel, type TornadoMetric, type TornadoPoint, type TornadoRow } from './tornadoModel';

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
