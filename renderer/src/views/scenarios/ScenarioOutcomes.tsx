import { useId, useMemo } from 'react';
import { breakEvenWeeklyPrice } from '#shared/scenario/compare.js';
import type { ScenarioOutcome } from '#shared/scenario/types.js';
import type { ShownError } from '../../app/usePlanController';
import { SeriesLegend } from '../../charts/scenario/ChartFrame';
import { LocalityChart } from '../../charts/scenario/LocalityChart';
import { YearBarChart, YearLineChart } from '../../charts/scenario/YearCharts';
import { localityRows, yearSeries } from '../../models/outcomeSeries';
import { AssumptionsTable } from '../../panels/AssumptionsTable';
import { SensitivityCharts } from '../../panels/SensitivityCharts';
import { sensitivityFromOutcome } from '../../models/sensitivity';
import { probabilityAssumptions } from '../../models/evidenceModel';
import { outcomeColumns, outcomeHeadline, outcomeRows, type OutcomeCell, type OutcomeRow } from './outcomeModel';
import { financialYearSpan } from '#shared/scenario/years.js';
import { formatMoney, formatMoneyDiff, formatMoneyTick, formatPounds } from '../../format/money';
import { formatCount, formatDecimal, formatNumber } from '../../format/numbers';
import { formatShare } from '../../format/shares';
import { scrollRegion } from '../../app/scrollRegion';

export interface ScenarioOutcomesProps {
  scenarioName: string;
  /** The selected scenario's outcome (null until it has been run). */
  outcome: ScenarioOutcome | null;
  baseline: ScenarioOutcome | null;
  status: string;
  updating: boolean;
  error: ShownError | null;
  /** What the outcomes are for: the saved levers, edits not yet saved, or the last valid edits. */
  basis: OutcomeBasis;
  /** Why the scenario is not run until it is repaired (it names a non-member); shown instead of outcomes. */
  needsRepair?: string | null;
}

export type OutcomeBasis = 'saved' | 'edited' | 'lastValid';

function Cell({ cell, testColumn }: { cell: OutcomeCell; testColumn: string }) {
  return (
    <>
      <span className="scn-value" data-column={testColumn}>
        {cell.text}
      </span>
      {cell.range && (
        <span className="scn-range">
          <span className="visually-hidden">80% range </span>
          {cell.range}
        </span>
      )}
      {cell.diff && (
        <span className={`scn-diff is-${cell.diff.judgement}`} data-column={`${testColumn}-diff`}>
          {cell.diff.text}
          <span className="visually-hidden"> against the baseline</span>
        </span>
      )}
    </>
  );
}

function Row({ row, total }: { row: OutcomeRow; total: boolean }) {
  return (
    <tr data-testid={total ? 'outcome-total' : 'outcome-row'} data-year={total ? undefined : row.key}>
      <th scope="row" className="scn-year">
        {row.label}
      </th>
      {outcomeColumns.map((c) => (
        <td key={c.key} className={`num${c.groupStart ? ' group-start' : ''}`}>
          <Cell cell={row.cells[c.key]} testColumn={c.key} />
        </td>
      ))}
    </tr>
  );
}

/**
 * The selected scenario's outcomes against the baseline: each year and the total, with differences,
 * then the warnings, how the distances were calibrated and every assumption behind the figures.
 */
export function ScenarioOutcomes({
  scenarioName,
  outcome,
  baseline,
  status,
  updating,
  error,
  basis,
  needsRepair = null,
}: ScenarioOutcomesProps) {
  const headingId = useId();
  const rows = useMemo(() => (outcome ? outcomeRows(outcome, baseline) : []), [outcome, baseline]);
  const yearRows = rows.filter((r) => r.key !== 'total');
  const totalRow = rows.find((r) => r.key === 'total');
  const isBaseline = outcome !== null && outcome === baseline;
  const span = outcome ? financialYearSpan(outcome.years.map((y) => y.year)) : '';
  const calibration = outcome?.calibration;
  // The charts: the baseline and this scenario (the baseline alone when it is the one selected).
  const charted = useMemo(
    () => (outcome ? (baseline && !isBaseline ? [baseline, outcome] : [outcome]) : []),
    [outcome, baseline, isBaseline],
  );
  const gapSeries = useMemo(() => yearSeries(charted, (y) => y.gap), [charted]);
  const locality = useMemo(() => localityRows(charted), [charted]);
  // Cost: this scenario's difference from the baseline (the baseline's own cost when it is selected).
  const costSeries = useMemo(
    () =>
      charted.length > 1
        ? yearSeries(charted, (y) => y.cost.total, 'difference').slice(1)
        : yearSeries(charted, (y) => y.cost.total),
    [charted],
  );
  const costTitle = charted.length > 1 ? 'Cost by year against the baseline' : 'Cost by year';
  const lastYear = outcome?.years[outcome.years.length - 1]?.year ?? '';
  // The tornadoes of this scenario's cost and gap (the shared engine's, carried by the run).
  const sensitivity = useMemo(() => (outcome ? sensitivityFromOutcome(outcome) : null), [outcome]);

  return (
    <section className="scn-outcomes" data-testid="scenario-outcomes" aria-labelledby={headingId}>
      <div className="scn-outcomes-header">
        <h2 id={headingId}>
          Outcomes of “{scenarioName}”{isBaseline ? '' : ' against the baseline'}
          {span && <span className="scn-heading-note"> {span}</span>}
        </h2>
        <p className="scn-status" role="status" data-testid="scenario-status">
          {status}
        </p>
      </div>

      {needsRepair && (
        <p className="scn-notice" data-testid="outcome-needs-repair">
          {needsRepair}
        </p>
      )}
      {error && !needsRepair && (
        <div className="scn-error" role="alert">
          <p>
            The outcomes of “{scenarioName}” could not be worked out: {error.message}
          </p>
        </div>
      )}
      {!needsRepair && basis === 'edited' && (
        <p className="scn-notice" data-testid="outcome-basis">
          These outcomes include changes not yet saved: save them to keep them in the plan.
        </p>
      )}
      {!needsRepair && basis === 'lastValid' && (
        <p className="scn-notice" data-testid="outcome-basis">
          These outcomes are for the last valid levers: correct the fields marked to see the effect of your changes.
        </p>
      )}
      {!outcome && !error && !needsRepair && (
        <p className="scn-loading" aria-busy="true">
          Working out the outcomes…
        </p>
      )}

      {outcome && !needsRepair && (
        <div className={updating ? 'scn-outcomes-body is-updating' : 'scn-outcomes-body'}>
          <p className="scn-headline">{outcomeHeadline(outcome, baseline)}</p>
          {sensitivity && (
            <details className="scn-sensitivity" open data-testid="scenario-sensitivity">
              <summary>What moves these figures: each input at the ends of its stated range</summary>
              <SensitivityCharts
                sensitivity={sensitivity}
                scenarioName={outcome.scenario.name}
                costTitle={`Cost ${span}`}
                testIdPrefix="scenario"
              />
            </details>
          )}
          <div className="cmp-charts scn-outcome-charts">
            <figure className="cmp-card">
              <h3>Bed gap by year</h3>
              <SeriesLegend items={gapSeries.map((s) => ({ name: s.name, styleIndex: s.styleIndex ?? 0 }))} />
              <YearLineChart
                series={gapSeries}
                title="Bed gap by year"
                axisTitle="Beds short"
                format={formatDecimal}
                tickFormat={formatCount}
                testId="scenario-chart-gap"
              />
              <figcaption className="scn-caption">
                Beds needed − accessible places (median). Above zero means short.
              </figcaption>
            </figure>
            <figure className="cmp-card">
              <h3>{costTitle}</h3>
              <SeriesLegend bars items={costSeries.map((s) => ({ name: s.name, styleIndex: s.styleIndex ?? 0 }))} />
              <YearBarChart
                series={costSeries}
                title={costTitle}
                axisTitle={charted.length > 1 ? 'Cost, against the baseline' : 'Cost'}
                format={charted.length > 1 ? formatMoneyDiff : formatMoney}
                tickFormat={formatMoneyTick}
                testId="scenario-chart-cost"
              />
              <figcaption className="scn-caption">
                {charted.length > 1
                  ? 'This scenario’s cash cost less the baseline’s, in the price year’s prices. Above zero: dearer.'
                  : 'Cash cost of placements, contracts, homes and programmes, in the price year’s prices.'}
              </figcaption>
            </figure>
            <figure className="cmp-card cmp-card-wide">
              <h3>Where children are placed in {lastYear}</h3>
              <LocalityChart
                rows={locality}
                title={`Where children are placed in ${lastYear}`}
                format={formatCount}
                testId="scenario-chart-locality"
              />
              <figcaption className="scn-caption">
                Children on 31 March {lastYear} in their own council area, elsewhere in the consortium, or outside it
                (median).
              </figcaption>
            </figure>
          </div>
          <div className="scn-table-scroll" {...scrollRegion(`Outcomes of ${outcome.scenario.name} by year`)}>
            <table className="scn-table scn-outcome-table">
              <caption className="visually-hidden">
                Outcomes of {outcome.scenario.name} by year{isBaseline ? '' : ', with differences from the baseline'}
              </caption>
              <thead>
                <tr className="scn-group-head">
                  <td />
                  <td />
                  <td />
                  <th scope="colgroup" colSpan={4} className="group-start">
                    Where children are placed (on 31 March)
                  </th>
                  <th scope="colgroup" colSpan={2} className="group-start">
                    Distance and safety
                  </th>
                  <th scope="colgroup" colSpan={2} className="group-start">
                    Cost
                  </th>
                </tr>
                <tr>
                  <th scope="col" className="scn-year">
                    Year <span className="scn-th-hint">to 31 March</span>
                  </th>
                  {outcomeColumns.map((c) => (
                    <th key={c.key} scope="col" className={`num${c.groupStart ? ' group-start' : ''}`}>
                      {c.label} <span className="scn-th-hint">{c.hint}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {yearRows.map((r) => (
                  <Row key={r.key} row={r} total={false} />
                ))}
              </tbody>
              {totalRow && (
                <tfoot>
                  <Row row={{ ...totalRow, label: `Total ${span}` }} total />
                </tfoot>
              )}
            </table>
          </div>
          <p className="scn-caption">
            {outcome.uncertainty === 'simulated'
              ? `Medians over ${formatNumber(outcome.simulations)} demand simulations`
              : 'Central estimate: the projection’s median demand path, with the consortium’s P10 and P90 paths for the ranges'}
            ; the 80% range of the gap is P10–P90.{' '}
            {outcome.uncertainty === 'simulated'
              ? 'The chance the gap is closed is the share of simulations in which beds needed are no more than accessible places.'
              : 'The chance the gap is closed comes from a lognormal through the consortium’s P50 and P90 demand.'}{' '}
            {chanceNote(outcome.assumptions)} The total row sums the years: the gap in bed-years, children in
            child-years, the share over all placements; present value is discounted at{' '}
            {formatShare(outcome.discountRate)} a year.
            {isBaseline ? '' : ' Under each figure: the difference from the baseline.'} Money is in the price year’s
            prices unless a price-growth lever says otherwise.
          </p>

          <LeverNotes outcome={outcome} baseline={isBaseline ? null : baseline} />

          {outcome.warnings.length > 0 && (
            <div className="scn-warnings">
              <h3>Read with these in mind</h3>
              <ul>
                {outcome.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </div>
          )}

          {calibration && (
            <p className="scn-caption">
              Distances are calibrated so that the baseline places {formatShare(calibration.over20MilesAchieved)} of{' '}
              {calibration.year}’s {formatNumber(calibration.children)} children more than 20 miles from home, against a
              target of {formatShare(calibration.over20MilesTarget)} (see the assumptions).
              {calibration.members &&
                (calibration.members.every((m) => m.withinTolerance)
                  ? ` Member by member, each authority’s published share placed inside its boundary and more than 20 miles away is reproduced within 3 percentage points.`
                  : ` Not within 3 percentage points of its published locality split: ${calibration.members
                      .filter((m) => !m.withinTolerance)
                      .map((m) => `${m.name} (${m.why ?? ''})`)
                      .join('; ')}.`)}
            </p>
          )}

          <AssumptionsTable assumptions={outcome.assumptions} />
        </div>
      )}
    </section>
  );
}

/**
 * What each lever did, in words — including why a lever changed nothing — and each block contract's
 * break-even weekly price against the baseline.
 */
function LeverNotes({ outcome, baseline }: { outcome: ScenarioOutcome; baseline: ScenarioOutcome | null }) {
  const items = outcome.levers.flatMap((l) => {
    const breakEven = baseline ? breakEvenWeeklyPrice(outcome, baseline, l.key) : null;
    const notes = [...l.notes];
    if (breakEven) {
      notes.push(
        breakEven.breakEvenWeeklyPrice <= 0
          ? 'It would not pay for itself against the baseline even at £0 a bed a week.'
          : `Breaks even against the baseline at ${formatPounds(breakEven.breakEvenWeeklyPrice)} a bed a week${breakEven.exact ? '' : ' or a little more'} (contract price ${formatPounds(breakEven.weeklyPrice)}): below that it saves money, above it it costs more.`,
      );
    }
    return notes.length ? [{ key: l.key, label: l.label, notes }] : [];
  });
  if (items.length === 0) return null;
  return (
    <div className="scn-lever-notes" data-testid="lever-notes">
      <h3>What each lever did</h3>
      <ul>
        {items.map((item) => (
          <li key={item.key} data-lever={item.key}>
            <strong>{item.label}.</strong> {item.notes.join(' ')}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Why a chance of the gap being closed may be in words, and the assumptions it rests on: "It is a
 * figure only between 1% and 99% …; it rests on target occupancy 85%; …".
 */
function chanceNote(assumptions: readonly { key: string; value: number }[]): string {
  const basis = probabilityAssumptions(assumptions, 'consortium');
  return `It is a figure only between 1% and 99%; outside that it is given in words (“near certain”, “very unlikely”), since it then says only that the answer is almost certain.${basis ? ` It rests on the assumptions as much as on the forecast: ${basis}.` : ''}`;
}
