/**
 * "How good is this forecast?": the method the projection uses and why, the national backtest of
 * every candidate on every English authority (chosen row marked, last value always shown as the
 * yardstick) and, beside it, the consortium's own backtest with its number of pairs and a plain
 * verdict when it is too thin to judge. The figures are prepared in evidenceModel.ts.
 */
import { useId, useMemo } from 'react';
import type { BacktestResult, MethodSelection } from '#shared/forecast/types.js';
import {
  buildNationalGroups,
  buildOwnBacktest,
  buildTotalsCoverage,
  selectionWords,
  type NationalGroup,
  type OwnBacktest,
} from '../../models/evidenceModel';
import { NationalBacktestTable } from '../../panels/NationalBacktestTable';
import { OwnPairsCells } from '../../panels/OwnPairsCells';
import { TotalsCoverageTable } from '../../panels/TotalsCoverageTable';
import { scrollRegion } from '../../app/scrollRegion';
import { formatNumber } from '../../format/numbers';

export interface EvidencePanelProps {
  selection: MethodSelection | null | undefined;
  backtest: BacktestResult | null;
  consortiumName: string;
}

export function EvidencePanel({ selection, backtest, consortiumName }: EvidencePanelProps) {
  const headingId = useId();
  const words = useMemo(() => (selection ? selectionWords(selection) : null), [selection]);
  const groups = useMemo(() => (selection ? buildNationalGroups(selection, selection.horizons) : []), [selection]);
  const own = useMemo(() => buildOwnBacktest(backtest), [backtest]);
  const totals = useMemo(() => buildTotalsCoverage(selection), [selection]);

  return (
    <section className="proj-section proj-evidence" aria-labelledby={headingId} data-testid="evidence-panel">
      <h2 id={headingId}>How good is this forecast?</h2>
      {!selection || !words ? (
        <p className="muted">
          This method was not chosen by a backtest: it is set by hand, so there is no national evidence for it here.
        </p>
      ) : (
        <>
          <p className="proj-headline" data-testid="evidence-method">
            Method used: <strong>{words.usedLabel}</strong>.
            {words.overridden ? ` It was set by hand; the evidence would choose ${words.chosenLabel}.` : ''}
          </p>
          <p data-testid="evidence-reason">Why: {words.reason}</p>
          {words.lastValueNote && (
            <p className="proj-evidence-lastvalue" data-testid="evidence-last-value">
              {words.lastValueNote}
            </p>
          )}
          <p className="proj-caption">{words.basis}</p>
        </>
      )}
      <div className="proj-evidence-grid">
        {selection && <NationalTable groups={groups} areas={selection.areas} />}
        <OwnTable own={own} consortiumName={consortiumName} />
      </div>
      <TotalsCoverageTable totals={totals} variant="screen" testId="totals-coverage-table" />
      {selection && (
        <dl className="proj-backtest-terms">
          <div>
            <dt>Pairs</dt>
            <dd>forecasts compared with what was later published</dd>
          </div>
          <div>
            <dt>MAE / MAPE</dt>
            <dd>average error in children / as a percentage of the actual figure</dd>
          </div>
          <div>
            <dt>MASE vs last value</dt>
            <dd>error relative to carrying the last value forward on the same pairs: below 1.00 beats no change</dd>
          </div>
          <div>
            <dt>Bias</dt>
            <dd>average signed error: negative means forecasts were too low</dd>
          </div>
          <div>
            <dt>80% coverage</dt>
            <dd>share of actual figures inside the 80% range: near 80% means the ranges are honest</dd>
          </div>
        </dl>
      )}
    </section>
  );
}

function NationalTable({ groups, areas }: { groups: NationalGroup[]; areas: number }) {
  return (
    <div className="proj-table-scroll" {...scrollRegion('National backtest table')}>
      <NationalBacktestTable
        groups={groups}
        caption={`National backtest: every English authority (${formatNumber(areas)}), by years ahead`}
        variant="screen"
        testId="national-backtest-table"
      />
    </div>
  );
}

function OwnTable({ own, consortiumName }: { own: OwnBacktest; consortiumName: string }) {
  return (
    <div className="proj-evidence-own">
      <div className="proj-table-scroll" {...scrollRegion(`${consortiumName}’s own backtest table`)}>
        <table className="proj-table proj-own-table" data-testid="own-backtest-table" data-thin={own.thin}>
          <caption>{consortiumName}’s own backtest, by years ahead</caption>
          <thead>
            <tr>
              <th scope="col" className="th-num">
                Years ahead
              </th>
              <th scope="col" className="th-num">
                Pairs <span className="proj-th-hint">member authorities</span>
              </th>
              <th scope="col" className="th-num">
                Pairs <span className="proj-th-hint">consortium total</span>
              </th>
              <th scope="col" className="th-num">
                <abbr title="Mean absolute error, in children">MAE</abbr>
              </th>
              <th scope="col" className="th-num">
                <abbr title="Mean absolute error of carrying the last value forward">MAE, last value</abbr>
              </th>
            </tr>
          </thead>
          <tbody>
            {own.rows.length === 0 ? (
              <tr>
                <td colSpan={5} className="muted">
                  No horizon could be tested.
                </td>
              </tr>
            ) : (
              own.rows.map((r) => (
                <tr key={r.h} data-h={r.h} data-thin={r.thin}>
                  <OwnPairsCells row={r} />
                  <td className="num">{r.mae}</td>
                  <td className="num">{r.lastValueMae}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <p className={own.thin ? 'proj-evidence-verdict is-thin' : 'proj-evidence-verdict'} data-testid="own-verdict">
        {own.verdict}
      </p>
    </div>
  );
}
