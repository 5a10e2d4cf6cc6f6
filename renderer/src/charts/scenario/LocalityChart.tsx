/**
 * The placement-locality chart, rendered from localityModel.ts: stacked bars of where children are
 * placed, with a legend and a description in words.
 */
import { useMemo, type Ref } from 'react';
import { ChartSvg, XAxis } from './ChartFrame';
import { wrapLabel } from './layout';
import { describeLocality, localityCategories, localityChartModel, type LocalityRow } from './localityModel';

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
