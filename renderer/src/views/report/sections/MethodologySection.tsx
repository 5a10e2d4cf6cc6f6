/**
 * The report's methodology in plain English, and how the projection method was chosen (the national
 * backtest, the consortium's own pairs and the totals' coverage).
 */
import { useMemo } from 'react';
import { buildBacktestRows } from '#renderer/models/projectionModel.js';
import { NationalBacktestTable } from '#renderer/panels/NationalBacktestTable.js';
import { OwnPairsCells } from '#renderer/panels/OwnPairsCells.js';
import { TotalsCoverageTable } from '#renderer/panels/TotalsCoverageTable.js';
import { buildMethodology, type MethodEvidence, type ReportData, type ReportSection } from '../reportModel';
import { Section } from './Section';
import { formatNumber } from '#renderer/format/numbers.js';

export function MethodologySection({ section, data }: { section: ReportSection; data: ReportData }) {
  const backtest = data.projection?.backtest ?? null;
  const method = useMemo(
    () =>
      buildMethodology({
        summary: data.summary,
        projection: data.projection?.projection ?? null,
        backtest,
        scenarios: data.scenarioRun?.baseline ?? null,
        hasScenarios: (data.scenarioRun?.outcomes.length ?? 0) > 0,
      }),
    [data, backtest],
  );
  const levels = backtest
    ? [
        { name: 'Member authorities', rows: buildBacktestRows({ method: backtest.horizons, ...backtest.baselines }) },
        { name: 'Consortium total', rows: buildBacktestRows(backtest.consortium) },
      ]
    : [];
  return (
    <Section section={section} className="report-methodology">
      {method.parts.map((p) => (
        <div key={p.heading} className="report-method-part">
          <h3>{p.heading}</h3>
          {p.paragraphs.map((text) => (
            <p key={text}>{text}</p>
          ))}
        </div>
      ))}
      <EvidencePart evidence={method.evidence} consortiumName={data.summary.consortium.name} />
      <div className="report-method-part">
        <h3>How accurate the method has been on this consortium’s figures: backtest</h3>
        <p data-testid="report-own-verdict">{method.evidence.own.verdict}</p>
        {method.backtest.map((text) => (
          <p key={text}>{text}</p>
        ))}
        {levels.map((level) => (
          <table key={level.name} className="report-table report-backtest-table" data-testid="report-backtest-table">
            <caption>Backtest, {level.name.toLowerCase()}: this method against two simple baselines.</caption>
            <thead>
              <tr>
                <th scope="col" rowSpan={2}>
                  Years ahead
                </th>
                <th scope="col" rowSpan={2} className="num">
                  n
                </th>
                <th scope="colgroup" colSpan={3}>
                  This method
                </th>
                <th scope="col" className="num">
                  Last value
                </th>
                <th scope="col" className="num">
                  Straight-line trend
                </th>
              </tr>
              <tr>
                <th scope="col" className="num">
                  MAE
                </th>
                <th scope="col" className="num">
                  MAPE
                </th>
                <th scope="col" className="num">
                  Coverage
                </th>
                <th scope="col" className="num">
                  MAE
                </th>
                <th scope="col" className="num">
                  MAE
                </th>
              </tr>
            </thead>
            <tbody>
              {level.rows.map((r) => (
                <tr key={r.h}>
                  <th scope="row">{r.h}</th>
                  <td className="num">{r.n}</td>
                  <td className="num">{r.method.mae}</td>
                  <td className="num">{r.method.mape}</td>
                  <td className="num">{r.method.coverage}</td>
                  <td className="num">{r.lastValue.mae}</td>
                  <td className="num">{r.linearTrend.mae}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
      <div className="report-method-part">
        <h3>Limitations</h3>
        <ul className="report-limitations">
          {method.limitations.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      </div>
    </Section>
  );
}

/** How the method was chosen: the method used and why, the national table and the consortium's own pairs. */
function EvidencePart({ evidence, consortiumName }: { evidence: MethodEvidence; consortiumName: string }) {
  const { selection, national, own } = evidence;
  return (
    <div className="report-method-part report-evidence" data-testid="report-evidence">
      <h3>How the method was chosen: national backtest</h3>
      {selection ? (
        <>
          <p>
            Method used: <strong>{selection.usedLabel}</strong>.
            {selection.overridden ? ` It was set by hand; the evidence would choose ${selection.chosenLabel}.` : ''}{' '}
            Why: {selection.reason}
          </p>
          {selection.lastValueNote && <p className="report-callout">{selection.lastValueNote}</p>}
          <p>
            {selection.basis} MASE vs last value below 1.00 beats carrying the last value forward; bias below zero means
            forecasts were too low; 80% coverage near 80% means the ranges are honest.
          </p>
        </>
      ) : (
        <p>The method was set by hand, not chosen by a backtest: there is no national evidence for it.</p>
      )}
      <div className="report-evidence-tables">
        {national.length > 0 && (
          <NationalBacktestTable
            groups={national}
            caption={`National backtest, every English authority (${formatNumber(evidence.nationalAreas)}): each candidate by years ahead. The chosen method is first and marked; last value is the yardstick.`}
            variant="print"
            testId="report-national-table"
          />
        )}
        <table className="report-table report-own-table" data-testid="report-own-table">
          <caption>{consortiumName}’s own backtest: forecast/actual pairs by years ahead.</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Years ahead
              </th>
              <th scope="col" className="num">
                Pairs, member authorities
              </th>
              <th scope="col" className="num">
                Pairs, consortium total
              </th>
            </tr>
          </thead>
          <tbody>
            {own.rows.length === 0 ? (
              <tr>
                <td colSpan={3}>No horizon could be tested.</td>
              </tr>
            ) : (
              own.rows.map((r) => (
                <tr key={r.h}>
                  <OwnPairsCells row={r} />
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <p className={own.thin ? 'report-callout' : undefined}>{own.verdict}</p>
      <TotalsCoverageTable totals={evidence.totals} variant="print" testId="report-totals-table" />
    </div>
  );
}
