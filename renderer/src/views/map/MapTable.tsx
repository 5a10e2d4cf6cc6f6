/**
 * The Map's figures as a table, behind a toggle: one row per member authority for the year shown
 * (the map's text equivalent, read by screen readers even when hidden).
 */
import type { MapYear } from '#shared/map/index.js';
import type { MapPicture } from '../../charts/map/types';
import { longDate } from '../../charts/map/words';
import { tableHeadings, tableRows } from './tableRows';

export interface MapTableProps {
  tableId: string;
  picture: MapPicture;
  year: MapYear;
  showTable: boolean;
  setShowTable(show: boolean): void;
}

export function MapTable({ tableId, picture, year, showTable, setShowTable }: MapTableProps) {
  const rows = tableRows(picture.areas, year);
  return (
    <>
      <div className="map-table-toggle">
        <button
          type="button"
          className="button button-small"
          aria-expanded={showTable}
          aria-controls={tableId}
          onClick={() => setShowTable(!showTable)}
        >
          {showTable ? 'Hide the table' : 'Show the figures as a table'}
        </button>
      </div>
      <div id={tableId} className={showTable ? 'table-scroll map-table-wrap' : 'visually-hidden'}>
        <table className="register-table map-table" data-testid="map-table">
          <caption>
            {picture.title}. One row per member authority; gap = beds needed − accessible places,{' '}
            {year.kind === 'base' ? 'observed (year 0)' : 'projected median'}.
          </caption>
          <thead>
            <tr>
              <th scope="col">Authority</th>
              {tableHeadings.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.code} data-code={row.code}>
                <th scope="row">{row.name}</th>
                {row.cells.map((cell, i) => (
                  <td key={i}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">Year shown: {longDate(year.year)}.</p>
      </div>
    </>
  );
}
