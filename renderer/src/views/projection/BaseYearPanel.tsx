/**
 * "Today, and what the gap is made of": the base year (year 0) by the projection's own definitions —
 * children, where they were placed, places by sector, accessible places and the gap — and the
 * horizon year's median gap split into today's shortfall, growth in need, occupancy headroom and
 * supply change, which add up to it. One component for the Projection view and the report.
 */
import { useId } from 'react';
import type { AreaProjection } from '../../../../shared/forecast/types.js';
import type { GapReconciliation } from '../../../../shared/forecast/basePosition.js';
import { baseYearWords, gapPartRows, reconciliationRows } from './baseYearModel';

export interface BaseYearPanelProps {
  area: Pick<AreaProjection, 'base' | 'decomposition' | 'name'>;
  targetOccupancy: number | undefined;
  variant: 'screen' | 'print';
  /** The horizon year's consortium gap beside its members' gaps, and the two open-market shares. */
  reconciliation?: GapReconciliation | undefined;
  shares?: { own: number; consortium: number } | null;
}

export function BaseYearPanel({ area, targetOccupancy, variant, reconciliation, shares = null }: BaseYearPanelProps) {
  const headingId = useId();
  const words = baseYearWords(area, targetOccupancy);
  const rows = gapPartRows(area);
  const members = reconciliationRows(reconciliation, shares);
  if (!words) return null;
  const screen = variant === 'screen';
  const Heading = screen ? 'h2' : 'h3';
  return (
    <section
      className={screen ? 'proj-section proj-base-year' : 'report-base-year'}
      aria-labelledby={headingId}
      data-testid="base-year"
    >
      <Heading id={headingId}>Today, and what the gap is made of</Heading>
      <p data-testid="base-year-position">
        <strong>{words.when}:</strong> {words.children ?? 'children in homes not published for every member'}
        {words.placed ? ` — ${words.placed}` : ''}. {words.places}; {words.accessible}.
        {words.gap ? ` ${words.gap}` : ''}
      </p>
      {rows && (
        <table
          className={screen ? 'proj-table proj-gap-parts' : 'report-table report-gap-parts'}
          data-testid="gap-parts"
        >
          <caption>
            {area.name}: the median gap in {area.decomposition?.at(-1)?.year} in parts that add up to it (beds)
          </caption>
          <thead>
            <tr>
              <th scope="col">Part</th>
              <th scope="col">What it is</th>
              <th scope="col" className={screen ? 'th-num' : 'num'}>
                Beds
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-part={r.key} className={r.key === 'gap' ? 'is-total' : undefined}>
                <th scope="row">{r.label}</th>
                <td>{r.meaning}</td>
                <td className="num">{r.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {members && (
        <table
          className={screen ? 'proj-table proj-gap-parts' : 'report-table report-gap-parts'}
          data-testid="gap-reconciliation"
        >
          <caption>The consortium’s gap and its members’ gaps, {reconciliation?.year} (beds, medians)</caption>
          <tbody>
            {members.map((r) => (
              <tr key={r.key} data-part={r.key} className={r.key === 'consortium' ? 'is-total' : undefined}>
                <th scope="row">{r.label}</th>
                <td className="num">{r.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
