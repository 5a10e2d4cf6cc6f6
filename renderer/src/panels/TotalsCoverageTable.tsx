/**
 * How honest the ranges of consortium totals have been: the chosen method's 80% coverage for
 * regions' totals and for random consortium-sized groups in the national backtest, by years ahead
 * and origin by origin, with the sentence that says what it rests on. One table for the Projection
 * view and the printed report (rows from evidenceModel.ts); they differ only in classes.
 */
import type { TotalsCoverage } from '../models/evidenceModel';
import { scrollRegion } from '../app/scrollRegion';
import { formatNumber } from '../format/numbers';

export interface TotalsCoverageTableProps {
  totals: TotalsCoverage;
  variant: 'screen' | 'print';
  testId: string;
}

export function TotalsCoverageTable({ totals, variant, testId }: TotalsCoverageTableProps) {
  if (totals.rows.length === 0) return null;
  const screen = variant === 'screen';
  const num = screen ? 'th-num' : 'num';
  return (
    <div className={screen ? 'proj-evidence-totals' : 'report-evidence-totals'}>
      <div {...(screen ? { className: 'proj-table-scroll', ...scrollRegion('Totals coverage table') } : {})}>
        <table
          className={screen ? 'proj-table proj-totals-table' : 'report-table report-totals-table'}
          data-testid={testId}
        >
          <caption>Ranges for consortium totals: share of summed totals inside the 80% range, by years ahead</caption>
          <thead>
            <tr>
              <th scope="col" className={num}>
                Years ahead
              </th>
              <th scope="col" className={num}>
                Regions’ totals
              </th>
              <th scope="col" className={num}>
                Groups of 5–15 authorities
              </th>
              <th scope="col">Origin by origin</th>
            </tr>
          </thead>
          <tbody>
            {totals.rows.map((r) => (
              <tr key={r.h} data-h={r.h}>
                <th scope="row" className="num">
                  {r.h}
                </th>
                <td className="num">
                  {r.regions} <span className="muted">of {formatNumber(r.regionPairs)}</span>
                </td>
                <td className="num">
                  {r.randomGroups} <span className="muted">of {formatNumber(r.randomGroupPairs)}</span>
                </td>
                <td>{r.byOrigin}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {totals.verdict && (
        <p className={screen ? 'proj-caption' : undefined} data-testid={`${testId}-verdict`}>
          {totals.verdict}
        </p>
      )}
    </div>
  );
}
