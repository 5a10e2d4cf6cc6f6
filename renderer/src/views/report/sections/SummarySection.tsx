/**
 * The report's summary: the beds-needed sentence, the key figures and the headline table of each
 * member's published figures, with what the plan is missing.
 */
import { useMemo } from 'react';
import {
  bedNeedSentence,
  headlineTable,
  keyFigures,
  missingItems,
  type ReportData,
  type ReportSection,
} from '../reportModel';
import { Problem, Section } from './Section';

export function SummarySection({ section, data }: { section: ReportSection; data: ReportData }) {
  const { summary } = data;
  const projection = data.projection?.projection ?? null;
  const table = useMemo(() => headlineTable(summary), [summary]);
  const figures = keyFigures(summary, projection);
  const sentence = bedNeedSentence(summary.consortium.name, projection);
  const missing = missingItems(data);
  const run = data.scenarioRun;
  return (
    <Section section={section} className="report-summary">
      {sentence ? (
        <p className="report-lead" data-testid="report-bed-need">
          {sentence}
        </p>
      ) : (
        <Problem>
          There is no projection of bed need for this plan{data.projectionProblem ? `: ${data.projectionProblem}` : '.'}
        </Problem>
      )}
      {figures.length > 0 && (
        <ul className="report-key-figures">
          {figures.map((f) => (
            <li key={f.label}>
              <span className="report-key-label">{f.label}</span>
              <span className="report-key-value">{f.value}</span>
              <span className="report-key-note">{f.note}</span>
            </li>
          ))}
        </ul>
      )}
      {run && run.outcomes.length > 0 && (
        <div className="report-scenario-summary">
          <p>Against the baseline, in the last projected year:</p>
          <ul>
            {run.outcomes.map((o) => {
              const d = Math.round(o.totals.finalYearGap - run.baseline.totals.finalYearGap);
              const beds = Math.abs(d) === 1 ? 'bed' : 'beds';
              const change =
                d === 0
                  ? 'leaves the gap unchanged'
                  : d < 0
                    ? `narrows the gap by ${-d} ${beds}`
                    : `widens the gap by ${d} ${beds}`;
              return (
                <li key={o.scenario.id}>
                  “{o.scenario.name}” {change}.
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <table className="report-table report-headline-table" data-testid="report-headline-table">
        <caption>Headline figures: the consortium and its members (latest published).</caption>
        <thead>
          <tr>
            <th scope="col">Authority</th>
            {table.columns.map((c) => (
              <th key={c.measure} scope="col" className="num">
                {c.label}
                <span className="report-th-hint">{c.periodLabel}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r.code} className={r.kind === 'consortium' ? 'report-row-total' : undefined}>
              <th scope="row">{r.name}</th>
              {r.cells.map((c, i) => (
                <td key={i} className="num">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {missing.length > 0 && (
        <p className="report-note">
          This plan is missing {missing.length === 1 ? 'one thing' : `${missing.length} things`}: see “What this plan is
          missing” at the end of the report.
        </p>
      )}
    </Section>
  );
}
