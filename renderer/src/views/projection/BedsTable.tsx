import { useMemo, type ReactNode } from 'react';
import type { AreaProjection, ForecastAssumption } from '#shared/forecast/types.js';
import { probabilityFootnote } from '../../models/evidenceModel';
import { baseYearRow, buildYearRows, type YearRow } from '../../models/projectionModel';
import { scrollRegion } from '../../app/scrollRegion';

export interface BedsTableProps {
  area: AreaProjection;
  caption: ReactNode;
  /** Where the figures come from, under the table. */
  note?: ReactNode;
  /** data-testid of each year's row. */
  rowTestId?: string;
  /** The projection's assumptions: the chance of being short is stated with those that drive it. */
  assumptions?: readonly ForecastAssumption[];
}

/**
 * Beds needed against places by year: children (median and 80% range), beds needed in all and by
 * need type, registered and accessible places, the gap in words and the chance of being short.
 */
export function BedsTable({ area, caption, note, rowTestId = 'projection-row', assumptions = [] }: BedsTableProps) {
  const rows = useMemo(() => buildYearRows(area), [area]);
  const base = useMemo(() => baseYearRow(area), [area]);
  return (
    <>
      <div className="proj-table-scroll" {...scrollRegion(`Beds needed by year, ${area.name}`)}>
        <table className="proj-table proj-beds-table" data-area={area.code}>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={2} className="col-year">
                Year
                <span className="proj-th-hint">to 31 March</span>
              </th>
              <th scope="col" rowSpan={2} className="th-num">
                Children needing a place
                <span className="proj-th-hint">median, 80% range</span>
              </th>
              <th scope="colgroup" colSpan={2} className="group-start">
                Beds needed
              </th>
              <th scope="colgroup" colSpan={2} className="group-start">
                Places
              </th>
              <th scope="col" rowSpan={2} className="group-start">
                Gap
                <span className="proj-th-hint">beds needed − accessible places: median, 80% range</span>
              </th>
              <th scope="col" rowSpan={2} className="col-chance th-num">
                Chance of being short
              </th>
            </tr>
            <tr>
              <th scope="col" className="group-start th-num">
                All <span className="proj-th-hint">median, 80% range</span>
              </th>
              <th scope="col" className="th-num">
                By need type <span className="proj-th-hint">mainstream / solo or complex</span>
              </th>
              <th scope="col" className="group-start th-num">
                Registered
              </th>
              <th scope="col" className="th-num">
                Accessible
              </th>
            </tr>
          </thead>
          <tbody>
            {base && <BedsRow row={base} testId={`${rowTestId}-base`} observed />}
            {rows.map((r) => (
              <BedsRow key={r.year} row={r} testId={rowTestId} observed={false} />
            ))}
          </tbody>
        </table>
      </div>
      <p className="proj-caption" data-testid="probability-footnote">
        {rows.some((r) => !r.probabilityInformative) && <span aria-hidden="true">* </span>}
        {probabilityFootnote(assumptions, area.code === 'consortium' ? 'consortium' : 'authority')}{' '}
        {area.years.length > 0 ? 'It is the share of simulations, or the approximate probability without them. ' : ''}
        {note}
      </p>
    </>
  );
}

/**
 * One year's row: a projected year with its ranges, need types and chance of being short, or the
 * observed base year (year 0) with its single figures only.
 */
function BedsRow({ row: r, testId, observed }: { row: YearRow; testId: string; observed: boolean }) {
  return (
    <tr className={observed ? 'is-observed' : undefined} data-testid={testId} data-year={r.year}>
      <th scope="row" className="col-year">
        {r.year}
        {observed && <span className="proj-th-hint"> observed, year 0</span>}
      </th>
      <td className="num">
        <span className="proj-p50" data-column="demand-p50">
          {r.demandP50}
        </span>
        {!observed && <span className="proj-range">{r.demandRange}</span>}
      </td>
      <td className="num group-start">
        <span className="proj-p50" data-column="beds-p50">
          {r.bedsP50}
        </span>
        {!observed && <span className="proj-range">{r.bedsRange}</span>}
      </td>
      {observed ? (
        <td className="num">—</td>
      ) : (
        <td className="num">
          <span data-column="beds-mainstream">{r.mainstreamP50}</span>
          <span className="visually-hidden"> mainstream,</span>
          <span aria-hidden="true"> / </span>
          <span data-column="beds-solo-complex">{r.soloComplexP50}</span>
          <span className="visually-hidden"> solo or complex</span>
        </td>
      )}
      <td className="num group-start" data-column="registered">
        {r.registeredPlaces}
      </td>
      <td className="num" data-column="accessible">
        {r.accessiblePlaces}
      </td>
      <td className={`proj-gap proj-gap-${r.gap.kind} group-start`} data-column="gap">
        <span className="proj-gap-text" data-column="gap-p50">
          {r.gap.text}
        </span>
        {!observed && <span className="proj-range">{r.gapRange}</span>}
      </td>
      {observed ? (
        <td className="num">—</td>
      ) : (
        <td
          className={r.probabilityInformative ? 'num' : 'num proj-saturated'}
          data-column="probability"
          data-informative={r.probabilityInformative}
        >
          {r.probability}
          {!r.probabilityInformative && (
            <sup className="proj-footnote-mark" aria-hidden="true">
              *
            </sup>
          )}
        </td>
      )}
    </tr>
  );
}
