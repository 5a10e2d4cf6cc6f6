/**
 * Compare's chart card: a chart with its title, a choice between amounts and differences from the
 * baseline (when offered), its key, a note, download buttons and the figures as a table.
 */
import { useId, type ReactNode, type RefObject } from 'react';
import type { ExportLegendItem } from '../../charts/chartExport';
import { ChartExportButtons } from '../../charts/ChartExportButtons';
import type { YearSeries } from '../../charts/scenario/series';
import { scrollRegion } from '../../app/scrollRegion';

export type Mode = 'amount' | 'difference';

interface ChartCardProps {
  title: string;
  note: string;
  legend?: ReactNode;
  mode?: Mode;
  onMode?(mode: Mode): void;
  wide?: boolean;
  /** Offers the chart for download as SVG and PNG. */
  exportAs?: {
    title: string;
    source: string;
    fileStem: string;
    legend: readonly ExportLegendItem[];
  };
  exportTestId?: string;
  /** The chart's drawn <svg>, for export. */
  exportRef?: RefObject<SVGSVGElement | null>;
  /** The figures drawn, offered as a table too (the accessible alternative to the chart). */
  series?: readonly YearSeries[];
  format?: (v: number) => string;
  children: ReactNode;
}

/**
 * A chart with its title, a choice between amounts and differences (when offered), its key, a note
 * and the figures as a table.
 */
export function ChartCard({
  title,
  note,
  legend,
  mode,
  onMode,
  wide = false,
  exportAs,
  exportTestId,
  exportRef,
  series,
  format,
  children,
}: ChartCardProps) {
  const name = useId();
  const years = series?.[0]?.values.map((v) => v.year) ?? [];
  return (
    <figure className={wide ? 'cmp-card cmp-card-wide' : 'cmp-card'}>
      <div className="cmp-card-header">
        <h3>{title}</h3>
        {mode && onMode && (
          <div className="cmp-mode" role="radiogroup" aria-label={`${title}: show`}>
            {(['amount', 'difference'] as const).map((m) => (
              <label key={m} className={mode === m ? 'is-checked' : undefined}>
                <input type="radio" name={name} value={m} checked={mode === m} onChange={() => onMode(m)} />
                {m === 'amount' ? 'Amounts' : 'Against the baseline'}
              </label>
            ))}
          </div>
        )}
        {exportAs && exportRef && <ChartExportButtons {...exportAs} svgRef={exportRef} testId={exportTestId} />}
      </div>
      {legend}
      {children}
      <figcaption className="scn-caption">{note}</figcaption>
      {series && format && series.length > 0 && (
        <details className="cmp-chart-table">
          <summary>The figures as a table</summary>
          <div className="scn-table-scroll" {...scrollRegion(`${title}, as a table`)}>
            <table className="scn-table">
              <caption className="visually-hidden">
                {title}
                {mode === 'difference' ? ', against the baseline' : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Scenario</th>
                  {years.map((y) => (
                    <th key={y} scope="col" className="num">
                      {y}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {series.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.name}</th>
                    {s.values.map((v) => (
                      <td key={v.year} className="num">
                        {format(v.value)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </figure>
  );
}
