/**
 * The report's scenarios: each chosen scenario's levers, key figures against the baseline and its
 * year-by-year table (accessible places, gap, chance gap closed, placements and cost).
 */
import { saysUnit } from '#shared/model/words.js';
import type { ForecastAssumption } from '#shared/forecast/types.js';
import type { ScenarioOutcome } from '#shared/scenario/index.js';
import { needsRepairMessage } from '#shared/scenario/repair.js';
import { financialYearSpan } from '#shared/scenario/years.js';
import { probabilityAssumptions } from '#renderer/models/evidenceModel.js';
import {
  leverSummary,
  scenarioFigureRows,
  scenarioYearRows,
  type ReportData,
  type ReportSection,
} from '../reportModel';
import { Problem, Section, Tag } from './Section';
import { YearTable } from './YearTable';

function ScenarioYearTable({
  baseline,
  outcome,
  caption,
  assumptions,
}: {
  baseline: ScenarioOutcome;
  outcome: ScenarioOutcome | null;
  caption: string;
  /** The projection's assumptions, named beside the chance the gap is closed. */
  assumptions: readonly ForecastAssumption[];
}) {
  const rows = scenarioYearRows(baseline, outcome);
  const basis = probabilityAssumptions(assumptions, 'consortium');
  return (
    <>
      <YearTable
        className="report-table report-scenario-years"
        caption={caption}
        columns={
          <>
            <th scope="col" className="num">
              Accessible places
            </th>
            <th scope="col">Gap (median)</th>
            <th scope="col" className="num">
              Chance gap closed
            </th>
            <th scope="col" className="num">
              Placed outside the consortium
            </th>
            <th scope="col" className="num">
              20+ miles away
            </th>
            <th scope="col" className="num">
              Cost
            </th>
          </>
        }
        rows={rows}
        cells={(r) => (
          <>
            <td className="num">{r.accessible}</td>
            <td>
              {r.gap}
              {r.gapDifference !== null && <span className="report-range-inline"> ({r.gapDifference})</span>}
            </td>
            <td className="num">{r.chanceGapClosed}</td>
            <td className="num">{r.placedOutside}</td>
            <td className="num">{r.over20Miles}</td>
            <td className="num">
              {r.cost}
              {r.costDifference !== null && <span className="report-range-inline"> ({r.costDifference})</span>}
            </td>
          </>
        )}
      />
      <p className="report-note">
        Chance gap closed: how likely it is that beds needed are no more than accessible places; a figure only between
        1% and 99%, otherwise in words (“near certain”, “very unlikely”).
        {basis ? ` It rests on the assumptions as much as on the forecast: ${basis}.` : ''}
      </p>
    </>
  );
}

export function ScenariosSection({ section, data }: { section: ReportSection; data: ReportData }) {
  const run = data.scenarioRun;
  if (!run) {
    return (
      <Section section={section}>
        <Problem>The scenarios could not be run: {data.scenarioProblem ?? 'no reason was given.'}</Problem>
      </Section>
    );
  }
  const { baseline } = run;
  const needsRepair = run.needsRepair ?? [];
  const rows = scenarioFigureRows(baseline, run.outcomes);
  const years = baseline.years.map((y) => y.year);
  const names = new Map(data.summary.authorities.map((a) => [a.code, a.name]));
  const memberName = (code: string) => names.get(code) ?? code;
  return (
    <Section section={section} className="report-scenarios">
      <p>
        Each scenario is a set of changes the consortium might make, run on the same projection as the baseline (no
        changes) over the years ending 31 March {years[0]} to {years.at(-1)} ({financialYearSpan(years)}). Counts of
        children are summed over the years (child-years); costs are in pounds at the unit costs’ price year.{' '}
        {data.availableScenarios.length > data.scenarios.length &&
          `The plan holds ${data.availableScenarios.length} scenarios; this report shows ${data.scenarios.length}.`}
      </p>
      {needsRepair.length > 0 && (
        <ul className="report-problem report-needs-repair" data-testid="report-needs-repair">
          {needsRepair.map((r) => (
            <li key={r.id}>{needsRepairMessage(r)}</li>
          ))}
        </ul>
      )}
      <div className="report-scenario" data-testid="report-scenario" data-scenario="baseline">
        <h3>Baseline</h3>
        <p>{baseline.scenario.notes}</p>
        <table className="report-table report-scenario-table">
          <caption>Baseline: key figures over the projected years.</caption>
          <thead>
            <tr>
              <th scope="col">Figure</th>
              <th scope="col" className="num">
                Baseline
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">
                  {r.label}
                  {!saysUnit(r.label, r.unit) && <span className="report-unit"> ({r.unit})</span>}
                </th>
                <td className="num">{r.baseline}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <ScenarioYearTable
          baseline={baseline}
          outcome={null}
          caption="Baseline by year (central demand path)."
          assumptions={data.projection?.projection.assumptions ?? []}
        />
      </div>
      {run.outcomes.length === 0 && needsRepair.length === 0 && (
        <p className="report-note">
          This plan has no scenarios besides the baseline yet: add them in the Scenarios view to compare options.
        </p>
      )}
      {run.outcomes.map((o, i) => (
        <div
          key={o.scenario.id}
          className="report-scenario report-scenario-page"
          data-testid="report-scenario"
          data-scenario={o.scenario.id}
        >
          <h3>
            {o.scenario.name} {o.scenario.illustrative && <Tag>Illustrative</Tag>}
          </h3>
          {o.scenario.notes && <p>{o.scenario.notes}</p>}
          {o.scenario.levers.length > 0 && (
            <>
              <h4>Changes</h4>
              <ul className="report-levers">
                {o.scenario.levers.map((l, k) => (
                  <li key={l.id ?? k}>
                    {leverSummary(l, memberName)}
                    {(o.levers[k]?.notes.length ?? 0) > 0 && (
                      <ul className="report-notes">
                        {o.levers[k]!.notes.map((n) => (
                          <li key={n}>{n}</li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          <table className="report-table report-scenario-table">
            <caption>{o.scenario.name}: key figures against the baseline.</caption>
            <thead>
              <tr>
                <th scope="col">Figure</th>
                <th scope="col" className="num">
                  Baseline
                </th>
                <th scope="col" className="num">
                  This scenario
                </th>
                <th scope="col" className="num">
                  Difference
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">
                    {r.label}
                    {!saysUnit(r.label, r.unit) && <span className="report-unit"> ({r.unit})</span>}
                  </th>
                  <td className="num">{r.baseline}</td>
                  <td className="num">{r.scenarios[i]?.value}</td>
                  <td className="num">{r.scenarios[i]?.difference}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ScenarioYearTable
            assumptions={data.projection?.projection.assumptions ?? []}
            baseline={baseline}
            outcome={o}
            caption={`${o.scenario.name} by year (central demand path); differences from the baseline in brackets.`}
          />
          {o.warnings.length > 0 && (
            <ul className="report-notes">
              {o.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </Section>
  );
}
