/**
 * The national backtest table, one for the Projection view and the printed report: every candidate
 * method on every English authority by years ahead (pairs, MAE, MAPE, MASE vs last value, bias, 80%
 * coverage), the chosen method first and marked, last value always there as the yardstick. The
 * rows come from evidenceModel.ts; the two places differ only in their classes and caption.
 */
import type { NationalGroup } from '../models/evidenceModel';

export interface NationalBacktestTableProps {
  groups: readonly NationalGroup[];
  caption: string;
  /** 'screen': the Projection view's table (hints, highlighted cells); 'print': the report's. */
  variant: 'screen' | 'print';
  testId: string;
}

export function NationalBacktestTable({ groups, caption, variant, testId }: NationalBacktestTableProps) {
  const screen = variant === 'screen';
  const numHeader = screen ? 'th-num' : 'num';
  const header = (label: string, title?: string) => (
    <th scope="col" className={numHeader}>
      {screen && title ? <abbr title={title}>{label}</abbr> : label}
    </th>
  );
  return (
    <table
      className={screen ? 'proj-table proj-national-table' : 'report-table report-national-table'}
      data-testid={testId}
    >
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Method</th>
          {header('Years ahead')}
          {header('Pairs')}
          {header('MAE', 'Mean absolute error, in children')}
          {header('MAPE', 'Mean absolute percentage error')}
          {header('MASE vs last value', 'Mean absolute scaled error relative to last value: below 1 beats no change')}
          {header('Bias')}
          {header('80% coverage')}
        </tr>
      </thead>
      {groups.map((g) => (
        <tbody
          key={g.method}
          className={g.chosen ? (screen ? 'is-chosen' : 'report-row-chosen') : undefined}
          data-method={g.method}
          data-chosen={g.chosen ? 'true' : undefined}
        >
          {g.rows.map((r, i) => (
            <tr key={r.h} data-h={r.h}>
              {i === 0 && (
                <th scope="rowgroup" rowSpan={g.rows.length} className={screen ? 'proj-national-method' : undefined}>
                  {g.label}
                  {screen ? (
                    <>
                      {g.chosen && <span className="proj-best">chosen</span>}
                      {g.used && !g.chosen && <span className="proj-best">used</span>}
                      {g.lastValue && !g.chosen && <span className="proj-th-hint">the yardstick</span>}
                    </>
                  ) : g.chosen ? (
                    ' (chosen)'
                  ) : g.used ? (
                    ' (used)'
                  ) : (
                    ''
                  )}
                </th>
              )}
              <th scope="row" className="num">
                {r.h}
              </th>
              <td className="num">{r.pairs}</td>
              <td className="num">{r.mae}</td>
              <td className="num">{r.mape}</td>
              <td className={screen && r.beatsLastValue ? 'num is-best' : 'num'}>{r.maseVsLastValue}</td>
              <td className="num">{r.bias}</td>
              <td className="num">{r.coverage}</td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}
