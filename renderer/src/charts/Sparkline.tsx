import { useMemo } from 'react';
import { buildSparkline, describeSparkline, type SparkInput, type SparklineWords } from './sparklineModel';

export interface SparklineProps extends SparklineWords {
  points: readonly SparkInput[];
  /** Long form of a period for the hover text, e.g. "31 March 2021". */
  formatPeriodLong(period: string): string;
  /** Emphasised (the selected area) or quiet (the consortium it is compared with). */
  variant?: 'primary' | 'secondary';
}

/**
 * A small history chart: the line (broken where a value is missing), a dot per value, and the first and
 * last values written at either end. Hovering a dot shows its period and value; the whole chart is one
 * image to assistive technology, described in words.
 */
export function Sparkline({ points, variant = 'primary', formatPeriodLong, ...words }: SparklineProps) {
  const data = useMemo(() => buildSparkline(points), [points]);
  const label = describeSparkline(data, words);
  const { first, last } = data;
  const baseline = data.height - 1;

  return (
    <svg
      className={`sparkline sparkline-${variant}`}
      data-testid="sparkline"
      viewBox={`0 0 ${data.width} ${data.height}`}
      role="img"
      aria-label={label}
      preserveAspectRatio="xMidYMid meet"
    >
      <line className="sparkline-axis" x1={data.xs[0] ?? 0} x2={data.xs.at(-1) ?? 0} y1={baseline} y2={baseline} />
      {data.zeroY !== null && (
        <line
          className="sparkline-zero"
          x1={data.xs[0] ?? 0}
          x2={data.xs.at(-1) ?? 0}
          y1={data.zeroY}
          y2={data.zeroY}
        />
      )}
      {data.gaps.map((period) => {
        const x = data.xs[data.periods.indexOf(period)] ?? 0;
        return <line key={period} className="sparkline-gap" x1={x} x2={x} y1={baseline - 5} y2={baseline} />;
      })}
      {data.path && <path className="sparkline-line" d={data.path} />}
      {data.points.map((p) => (
        <g key={p.period}>
          <circle
            className={p === first || p === last ? 'sparkline-dot sparkline-end' : 'sparkline-dot'}
            cx={p.x}
            cy={p.y}
            r={p === first || p === last ? 3.5 : 2.5}
          />
          <circle className="sparkline-hit" cx={p.x} cy={p.y} r={9}>
            <title>{`${formatPeriodLong(p.period)}: ${words.formatValue(p.value)}`}</title>
          </circle>
        </g>
      ))}
      {first && (
        <EndLabel point={first} side="start" atEdge={first.x === data.xs[0]} text={words.formatValue(first.value)} />
      )}
      {last && last !== first && (
        <EndLabel point={last} side="end" atEdge={last.x === data.xs.at(-1)} text={words.formatValue(last.value)} />
      )}
    </svg>
  );
}

/** A first or last value, beside its dot at the chart's edge, or above the dot when a gap precedes or follows it. */
function EndLabel({
  point,
  side,
  atEdge,
  text,
}: {
  point: { x: number; y: number };
  side: 'start' | 'end';
  atEdge: boolean;
  text: string;
}) {
  if (!atEdge) {
    return (
      <text className="sparkline-label" x={point.x} y={point.y - 8} textAnchor="middle">
        {text}
      </text>
    );
  }
  return (
    <text
      className="sparkline-label"
      x={side === 'start' ? point.x - 7 : point.x + 7}
      y={point.y}
      textAnchor={side === 'start' ? 'end' : 'start'}
      dominantBaseline="middle"
    >
      {text}
    </text>
  );
}
