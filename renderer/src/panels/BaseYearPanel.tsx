/**
 * "Today, and what the gap is made of": the base year (year 0) by the projection's own definitions —
 * children, where they were placed, places by sector, accessible places and the gap — and the
 * horizon year's median gap split into today's shortfall, growth in need, occupancy headroom and
 * supply change, which add up to it; and each member's own share of its open market, estimated
 * from published figures, with its range and source. One component for the Projection view and the
 * report.
 */
import { useId, type ReactElement } from 'react';
import type { AreaProjection, ProjectionResult } from '#shared/forecast/types.js';
import type { GapReconciliation } from '#shared/forecast/basePosition.js';
import { scrollRegion } from '../app/scrollRegion';
import {
  accessShareRows,
  baseYearWords,
  gapPartRows,
  reconciliationRows,
  type OpenMarketShares,
} from '../models/baseYearModel';

export interface BaseYearPanelProps {
  area: Pick<AreaProjection, 'base' | 'decomposition' | 'name'>;
  targetOccupancy: number | undefined;
  variant: 'screen' | 'print';
  /** The horizon year's consortium gap beside its members' gaps, and the two open-market shares. */
  reconciliation?: GapReconciliation | undefined;
  shares?: OpenMarketShares | null;
  /** Each member's own open-market share with its estimate and source. */
  accessShares?: ProjectionResult['accessShares'];
}

export function BaseYearPanel({
  area,
  targetOccupancy,
  variant,
  reconciliation,
  shares = null,
  accessShares,
}: BaseYearPanelProps) {
  const headingId = useId();
  const words = baseYearWords(area, targetOccupancy);
  const rows = gapPartRows(area);
  const members = reconciliationRows(reconciliation, shares);
  const access = accessShareRows({ accessShares });
  if (!words) return null;
  const screen = variant === 'screen';
  const Heading = screen ? 'h2' : 'h3';
  // On screen a table wider than the panel scrolls in its own keyboard-reachable box; in print it wraps.
  const scrolling = (label: string, table: ReactElement) =>
    screen ? (
      <div className="proj-table-scroll" {...scrollRegion(label)}>
        {table}
      </div>
    ) : (
      table
    );
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
      {rows &&
        scrolling(
          `${area.name}: the gap in parts`,
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
          </table>,
        )}
      {members &&
        scrolling(
          'The consortium’s gap and its members’ gaps',
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
          </table>,
        )}
      {access &&
        scrolling(
          'Each member’s own share of its open market',
          <table
            className={screen ? 'proj-table proj-gap-parts' : 'report-table report-gap-parts'}
            data-testid="access-shares"
          >
            <caption>
              Each member’s own share of its open market (private and voluntary places its own children can count on),
              estimated from published figures: its children placed inside its boundary ÷ occupancy, less its LA-run
              places, ÷ its private and voluntary places
            </caption>
            <thead>
              <tr>
                <th scope="col">Authority</th>
                <th scope="col" className={screen ? 'th-num' : 'num'}>
                  Share
                </th>
                <th scope="col" className={screen ? 'th-num' : 'num'}>
                  Range
                </th>
                <th scope="col">Placed inside its boundary</th>
                <th scope="col">20+ miles away</th>
                <th scope="col" className={screen ? 'th-num' : 'num'}>
                  LA-run / open-market places
                </th>
                <th scope="col">Basis and source</th>
              </tr>
            </thead>
            <tbody>
              {access.map((r) => (
                <tr key={r.code} data-code={r.code}>
                  <th scope="row">{r.name}</th>
                  <td className="num">{r.share}</td>
                  <td className="num">{r.range}</td>
                  <td>{r.inside}</td>
                  <td>{r.over20Miles}</td>
                  <td className="num">{r.places}</td>
                  <td title={r.explanation}>
                    {r.basis}: {r.source}
                    {r.limit ? ` Cannot reproduce its published inside share: ${r.limit}.` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>,
        )}
    </section>
  );
}
