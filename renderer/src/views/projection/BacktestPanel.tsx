import { useId, useMemo } from 'react';
import type { BacktestResult, HorizonAccuracy } from '#shared/forecast/types.js';
import { backtestSummary, buildBacktestRows, type BacktestRow } from '../../models/projectionModel';
import { scrollRegion } from '../../app/scrollRegion';

export interface BacktestPanelProps {
  backtest: BacktestResult | null;
  methodName: string;
}

/**
 * How well the method would have forecast past years on the plan's own data (rolling origin), by
 * years ahead, against two simple baselines, for member authorities and for the consortium total.
 */
export function BacktestPanel({ backtest, methodName }: BacktestPanelProps) {
  const headingId = useId();
  const authorities = useMemo(
    () =>
      backtest
        ? buildBacktestRows({
            method: backtest.horizons,
            lastValue: backtest.baselines.lastValue,
            linearTrend: backtest.baselines.linearTrend,
          })
        : [],
    [backtest],
  );
  const consortium = useMemo(() => (backtest ? buildBacktestRows(backtest.consortium) : []), [backtest]);
  const summary = backtest ? backtestSummary(backtest) : null;

  return (
    <section className="proj-section proj-backtest" aria-labelledby={headingId}>
      <h2 id={headingId}>How well this method would have forecast past years</h2>
      <p className="proj-caption">
        How well this method would have forecast past years on this plan’s own data: the {methodName} is fitted on the
        history up to each past year in turn (each “origin”), its forecasts compared with what DfE later published, and
        the same done for two simple rules — repeating the last value, and a straight-line trend.
      </p>
      {!backtest ? (
        <p className="muted">No backtest for this projection.</p>
      ) : (
        <>
          {summary && <p className="proj-headline">{summary}</p>}
          <dl className="proj-backtest-terms">
            <div>
              <dt>MAE</dt>
              <dd>mean absolute error: how far out the forecasts were on average, in children</dd>
            </div>
            <div>
              <dt>MAPE</dt>
              <dd>the same as a percentage of the actual figure</dd>
            </div>
            <div>
              <dt>80% coverage</dt>
              <dd>share of actual figures inside the forecast’s 80% range: near 80% means the ranges are honest</dd>
            </div>
            <div>
              <dt>n</dt>
              <dd>forecasts behind each figure: with few, read them as indicative</dd>
            </div>
          </dl>
          <BacktestTable
            rows={authorities}
            caption="Member authorities (each authority’s own forecast)"
            level="authorities"
            baselineN={backtest.baselines.lastValue}
          />
          <BacktestTable
            rows={consortium}
            caption="Consortium total"
            level="consortium"
            baselineN={backtest.consortium.lastValue}
          />
          <p className="proj-backtest-origins">
            Forecast origins (last observed year of each fit): {backtest.origins.join(', ') || 'none'}; at least{' '}
            {backtest.minHistoryYears} years of history before each.
          </p>
          {backtest.notes.length > 0 && (
            <ul className="proj-notes" aria-label="Notes on the backtest">
              {backtest.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

const groups = [
  { key: 'method', label: 'This method' },
  { key: 'lastValue', label: 'Last value' },
  { key: 'linearTrend', label: 'Linear trend' },
] as const;

function BacktestTable({
  rows,
  caption,
  level,
  baselineN,
}: {
  rows: BacktestRow[];
  caption: string;
  level: string;
  baselineN: readonly HorizonAccuracy[];
}) {
  const differingN = rows.some((r) => {
    const b = baselineN.find((a) => a.h === r.h);
    return b !== undefined && b.n !== r.n;
  });
  return (
    <div className="proj-table-scroll" {...scrollRegion(caption)}>
      <table className="proj-table proj-backtest-table" data-level={level} data-testid="backtest-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              Years ahead
            </th>
            <th scope="col" rowSpan={2} className="th-num">
              n
            </th>
            {groups.map((g) => (
              <th key={g.key} scope="colgroup" colSpan={3} className="group-start">
                {g.label}
              </th>
            ))}
          </tr>
          <tr>
            {groups.map((g) => (
              <GroupHeads key={g.key} />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={11} className="muted">
                Too little history to test any horizon.
              </td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr key={r.h} data-h={r.h}>
                <th scope="row">{r.h}</th>
                <td className="num">{r.n}</td>
                {groups.map((g) => (
                  <Cells key={g.key} cells={r[g.key]} best={r.best.includes(g.key)} />
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
      {differingN && <p className="proj-caption-note">The baselines rest on a different number of forecasts.</p>}
    </div>
  );
}

function GroupHeads() {
  return (
    <>
      <th scope="col" className="group-start th-num">
        <abbr title="Mean absolute error, in children">MAE</abbr>
      </th>
      <th scope="col" className="th-num">
        <abbr title="Mean absolute percentage error">MAPE</abbr>
      </th>
      <th scope="col" className="th-num">
        80% coverage
      </th>
    </>
  );
}

function Cells({ cells, best }: { cells: BacktestRow['method']; best: boolean }) {
  return (
    <>
      <td className={best ? 'num group-start is-best' : 'num group-start'}>
        {cells.mae}
        {best && <span className="proj-best">lowest</span>}
      </td>
      <td className="num">{cells.mape}</td>
      <td className="num">{cells.coverage}</td>
    </>
  );
}
