/**
 * A report table with one row per year: the caption, a "Year to 31 March" column heading the rows,
 * then the columns and cells each section gives. The projection's beds-versus-places table and each
 * scenario's year-by-year table are drawn with it.
 */
import type { ReactNode } from 'react';

export function YearTable<Row extends { year: string }>({
  className,
  testId,
  caption,
  columns,
  rows,
  cells,
}: {
  className: string;
  testId?: string;
  caption: ReactNode;
  /** The column headings after the year's. */
  columns: ReactNode;
  rows: readonly Row[];
  /** A row's cells after the year's. */
  cells(row: Row): ReactNode;
}) {
  return (
    <table className={className} data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Year to 31 March</th>
          {columns}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.year}>
            <th scope="row">{r.year}</th>
            {cells(r)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
