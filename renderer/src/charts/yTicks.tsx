/**
 * Parts of a y axis shared by the fan chart and the report's gap chart: the horizontal grid line
 * at each tick, and each tick's label written to the left of the plot. They render bare SVG
 * elements, so each chart wraps them in its own styled group.
 */

/** A tick on the y axis: its label and where it is (pixels from the top). */
export interface YTickMark {
  label: string;
  at: number;
}

/** One horizontal grid line across the plot at each tick. */
export function YGridLines({ ticks, plot }: { ticks: readonly YTickMark[]; plot: { left: number; right: number } }) {
  return (
    <>
      {ticks.map((t) => (
        <line key={t.label} x1={plot.left} x2={plot.right} y1={t.at} y2={t.at} />
      ))}
    </>
  );
}

/** Each tick's label, right-aligned 8 pixels left of the plot and centred on its grid line. */
export function YTickLabels({ ticks, plotLeft }: { ticks: readonly YTickMark[]; plotLeft: number }) {
  return (
    <>
      {ticks.map((t) => (
        <text key={t.label} x={plotLeft - 8} y={t.at} textAnchor="end" dominantBaseline="middle">
          {t.label}
        </text>
      ))}
    </>
  );
}
