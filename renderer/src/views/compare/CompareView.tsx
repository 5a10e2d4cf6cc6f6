import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { BASELINE_SCENARIO_ID } from '#shared/scenario/builtin.js';
import { needsRepairMessage } from '#shared/scenario/repair.js';
import type { ScenarioOutcome } from '#shared/scenario/types.js';
import { api } from '../../api';
import { usePlan } from '../../app/PlanContext';
import { planSession, type PlanSessionState } from '../../app/planSession/planSessionStore';
import { usePlanRevision, usePlanSession } from '../../app/planSession/usePlanSession';
import { chartFileStem, type ExportLegendItem } from '../../charts/chartExport';
import { SeriesLegend } from '../../charts/scenario/ChartFrame';
import { LocalityChart } from '../../charts/scenario/LocalityChart';
import { YearBarChart, YearLineChart } from '../../charts/scenario/YearCharts';
import { localityCategories } from '../../charts/scenario/localityModel';
import { seriesStyle, type YearSeries } from '../../charts/scenario/series';
import { AssumptionsTable } from '../../panels/AssumptionsTable';
import { SensitivityCharts } from '../../panels/SensitivityCharts';
import { financialYearSpan } from '#shared/scenario/years.js';
import { formatMoney, formatMoneyDiff, formatMoneyTick } from '../../format/money';
import { formatCount, formatCountDiffOnAxis, formatDecimal, formatNumber } from '../../format/numbers';
import { formatShare } from '../../format/shares';
import { useScenarioList, useScenarioRun } from '../../app/useScenarios';
import { keyFigureRows, leverNoteGroups } from './compareModel';
import { localityRows, yearSeries } from '../../models/outcomeSeries';
import { ChartCard, type Mode } from './ChartCard';
import { KeyFigureTable } from './KeyFigureTable';
import { LeverNotes } from './LeverNotes';
import { maxCompared, ScenarioPicker } from './ScenarioPicker';
import { sensitivityFromHost, sensitivityFromOutcome, type Sensitivity } from '../../models/sensitivity';
import '../../panels/scenarios.css';
import { scrollRegion } from '../../app/scrollRegion';

export { maxCompared };

/** The scenarios ticked, kept in the plan session; null until the user first chooses. */
const selectCompared = (s: PlanSessionState) => s.compareIds;

const gapTick = (v: number) => formatCount(v);

/**
 * Compare: the baseline and one to four scenarios side by side — key figures with differences,
 * charts of the gap, where children are placed and cost over time, and how sensitive the first
 * scenario's cost and gap are to its key assumptions. A scenario that cannot be run (one naming an
 * authority outside the consortium) is listed with what to do, and the rest are still compared.
 */
export function CompareView() {
  const { summary } = usePlan();
  const revision = usePlanRevision();
  const { list, error: listError } = useScenarioList(revision);
  const chosen = usePlanSession(selectCompared);
  // Scenarios move the gap and cost by a few per cent, so differences show them best; amounts are a click away.
  const [gapMode, setGapMode] = useState<Mode>('difference');
  const [costMode, setCostMode] = useState<Mode>('difference');
  const ids = {
    picker: useId(),
    table: useId(),
    charts: useId(),
    locality: useId(),
    levers: useId(),
    sensitivity: useId(),
    assumptions: useId(),
  };
  const gapChartRef = useRef<SVGSVGElement>(null);
  const costChartRef = useRef<SVGSVGElement>(null);
  const localityChartRef = useRef<SVGSVGElement>(null);

  const choices = useMemo(() => (list ?? []).filter((s) => s.id !== BASELINE_SCENARIO_ID), [list]);
  // Until the user chooses, compare the first two scenarios; drop any that no longer exist.
  const picked = useMemo(() => {
    const known = new Set(choices.map((c) => c.id));
    const base = chosen ?? choices.slice(0, 2).map((c) => c.id);
    return base.filter((id) => known.has(id)).slice(0, maxCompared);
  }, [chosen, choices]);

  const run = useScenarioRun(list ? picked : null, revision);
  const result = run.result;

  function toggle(id: string, on: boolean) {
    const next = on ? [...picked.filter((p) => p !== id), id] : picked.filter((p) => p !== id);
    // Keep the list's order, so columns and colours do not jump about.
    planSession.chooseCompared(choices.map((c) => c.id).filter((c) => next.includes(c)));
  }

  // Columns in the order chosen (the result's order), baseline first.
  const columns: ScenarioOutcome[] = useMemo(() => (result ? [result.baseline, ...result.outcomes] : []), [result]);
  const rows = useMemo(() => (result ? keyFigureRows(result.baseline, result.outcomes) : []), [result]);
  const leverNotes = useMemo(() => (result ? leverNoteGroups(result.baseline, result.outcomes) : []), [result]);
  const years = result ? result.baseline.years.map((y) => y.year) : [];
  const span = financialYearSpan(years);
  // The plan's horizon: "five-year" for five years, "7-year" for seven.
  const totalsLabel = horizonLabel(years.length);
  const lastYear = years[years.length - 1] ?? '';

  const gapSeries = useMemo(() => yearSeries(columns, (y) => y.gap, gapMode), [columns, gapMode]);
  const costSeries = useMemo(() => {
    const series = yearSeries(columns, (y) => y.cost.total, costMode);
    return costMode === 'difference' ? series.slice(1) : series;
  }, [columns, costMode]);
  const locality = useMemo(() => localityRows(columns), [columns]);
  const exportSource = result
    ? `Source: Sufficiency Planner scenario comparison for ${result.baseline.consortiumName}, ${span} (medians over ${formatNumber(result.baseline.simulations)} demand simulations; costs in the price year’s prices); history: DfE children looked after in England.`
    : '';
  const consortiumName = result?.baseline.consortiumName ?? summary.consortium.name;
  const exportAs = (title: string, legend: readonly ExportLegendItem[]) => ({
    title: `${consortiumName}: ${title}`,
    source: exportSource,
    fileStem: chartFileStem('compare', title, consortiumName),
    legend,
  });
  const seriesKey = (series: readonly YearSeries[], kind: 'line' | 'box'): ExportLegendItem[] =>
    series.map((s) => {
      const style = seriesStyle(s.styleIndex ?? 0);
      return { label: s.name, colour: style.colour, dash: style.dash, kind };
    });

  const first = result?.outcomes[0] ?? null;
  // This run's own tornadoes (the shared engine), replaced by the host's run of the same when it arrives.
  const estimate = useMemo(() => (first ? sensitivityFromOutcome(first) : null), [first]);
  const [exact, setExact] = useState<{ id: string; value: Sensitivity } | null>(null);
  useEffect(() => {
    if (!first) return;
    let current = true;
    api
      .runSensitivity({ id: first.scenario.id })
      .then((host) => {
        if (current) setExact({ id: first.scenario.id, value: sensitivityFromHost(host) });
      })
      .catch(() => undefined); // the estimate stays on screen; the run's own errors are shown above
    return () => {
      current = false;
    };
  }, [first]);
  const isExact = Boolean(first && exact && exact.id === first.scenario.id);
  const sensitivity = isExact && exact ? exact.value : estimate;

  let status = '';
  if (run.updating) status = 'Updating…';
  else if (run.error) status = 'Could not update the comparison.';
  else if (result) status = `Up to date: ${formatNumber(result.baseline.simulations)} simulations, ${span}`;

  const stale = run.updating && result !== null;
  const shownIds = columns
    .slice(1)
    .map((o) => o.scenario.id)
    .join('|');
  const needsRepair = result?.needsRepair ?? [];
  const skipped = new Set(needsRepair.map((r) => r.id));
  const resultMatches = shownIds === picked.filter((id) => !skipped.has(id)).join('|');

  return (
    <div className="compare-view">
      <div className="view-header">
        <h1>Compare</h1>
        <p className="scn-subtitle">{summary.consortium.name}</p>
        <p className="scn-status cmp-status" role="status" data-testid="compare-status">
          {status}
        </p>
      </div>

      {listError && (
        <div className="scn-error" role="alert">
          <p>The scenarios could not be loaded: {listError.message}</p>
        </div>
      )}

      <div className="cmp-controls">
        <ScenarioPicker
          choices={choices}
          picked={picked}
          listLoaded={Boolean(list)}
          hintId={`${ids.picker}-hint`}
          onToggle={toggle}
        />
      </div>

      {run.error && (
        <div className="scn-error" role="alert">
          <p>The comparison could not be worked out: {run.error.message}</p>
        </div>
      )}
      {needsRepair.length > 0 && (
        <ul className="scn-notice cmp-needs-repair" data-testid="compare-needs-repair">
          {needsRepair.map((r) => (
            <li key={r.id} data-id={r.id}>
              {needsRepairMessage(r)}
            </li>
          ))}
        </ul>
      )}
      {!result && !run.error && (
        <p className="scn-loading" aria-busy="true">
          Working out the comparison…
        </p>
      )}

      {result && (
        <div className={stale || !resultMatches ? 'cmp-body is-updating' : 'cmp-body'}>
          <div className={columns.length > 3 ? 'cmp-overview is-stacked' : 'cmp-overview'}>
            <section className="cmp-section" aria-labelledby={ids.table}>
              <h2 id={ids.table}>Key figures, {span}</h2>
              <KeyFigureTable
                columns={columns}
                rows={rows}
                caption={`Key figures for ${result.baseline.consortiumName}, ${span}: the baseline and ${columns.length - 1} scenarios, with differences from the baseline.`}
              />
              <p className="scn-caption">
                Under each scenario’s figure: its difference from the baseline, in blue where better and orange where
                worse. Children are summed over the years (child-years); the 20+ mile share is over all placements;
                costs are cash in the price year’s prices, and the net present value is discounted at{' '}
                {formatShare(result.baseline.discountRate)} a year (HM Treasury Green Book). Medians over{' '}
                {formatNumber(result.baseline.simulations)} demand simulations. Scenarios marked illustrative rest on
                illustrative lever values, not any council’s own figures.
              </p>
            </section>

            <section className="cmp-section" aria-labelledby={ids.charts}>
              <h2 id={ids.charts}>Over time</h2>
              <div className="cmp-charts cmp-charts-stacked">
                <ChartCard
                  title="Bed gap by year"
                  exportAs={exportAs(
                    gapMode === 'amount' ? 'Bed gap by year' : 'Bed gap by year, difference from the baseline',
                    seriesKey(gapSeries, 'line'),
                  )}
                  exportTestId="compare-chart-gap-export"
                  exportRef={gapChartRef}
                  note={
                    gapMode === 'amount'
                      ? 'Beds needed − accessible places (median). Above zero means short.'
                      : 'Each scenario’s gap less the baseline’s (median). Below zero: fewer beds short than the baseline.'
                  }
                  series={gapSeries}
                  format={gapMode === 'amount' ? formatDecimal : formatCountDiffOnAxis}
                  mode={gapMode}
                  onMode={setGapMode}
                  legend={
                    <SeriesLegend items={gapSeries.map((s) => ({ name: s.name, styleIndex: s.styleIndex ?? 0 }))} />
                  }
                >
                  <YearLineChart
                    series={gapSeries}
                    title={gapMode === 'amount' ? 'Bed gap by year' : 'Bed gap by year, difference from the baseline'}
                    axisTitle={gapMode === 'amount' ? 'Beds short' : 'Beds, against the baseline'}
                    format={gapMode === 'amount' ? formatDecimal : formatCountDiffOnAxis}
                    tickFormat={gapMode === 'amount' ? gapTick : formatCountDiffOnAxis}
                    testId="compare-chart-gap"
                    svgRef={gapChartRef}
                  />
                </ChartCard>
                <ChartCard
                  title="Cost by year"
                  exportAs={exportAs(
                    costMode === 'amount' ? 'Cost by year' : 'Cost by year, difference from the baseline',
                    seriesKey(costSeries, 'box'),
                  )}
                  exportTestId="compare-chart-cost-export"
                  exportRef={costChartRef}
                  note={
                    costMode === 'amount'
                      ? 'Cash cost of placements, contracts, homes and programmes, in the price year’s prices.'
                      : 'Each scenario’s cost less the baseline’s, in the price year’s prices. Above zero: dearer than the baseline.'
                  }
                  series={costSeries}
                  format={costMode === 'amount' ? formatMoney : formatMoneyDiff}
                  mode={costMode}
                  onMode={setCostMode}
                  legend={
                    <SeriesLegend
                      bars
                      items={costSeries.map((s) => ({ name: s.name, styleIndex: s.styleIndex ?? 0 }))}
                    />
                  }
                >
                  <YearBarChart
                    series={costSeries}
                    title={costMode === 'amount' ? 'Cost by year' : 'Cost by year, difference from the baseline'}
                    axisTitle={costMode === 'amount' ? 'Cost' : 'Cost, against the baseline'}
                    format={costMode === 'amount' ? formatMoney : formatMoneyDiff}
                    tickFormat={formatMoneyTick}
                    testId="compare-chart-cost"
                    svgRef={costChartRef}
                  />
                </ChartCard>
              </div>
            </section>
          </div>

          {leverNotes.length > 0 && <LeverNotes groups={leverNotes} headingId={ids.levers} />}

          <section className="cmp-section" aria-labelledby={ids.locality}>
            <h2 id={ids.locality}>Where children are placed in {lastYear}</h2>
            <ChartCard
              title="Children on 31 March, by where they are placed"
              exportAs={exportAs(
                `Where children are placed in ${lastYear}`,
                localityCategories.map((c) => ({ label: c.label, colour: c.colour, kind: 'box' as const })),
              )}
              exportTestId="compare-chart-locality-export"
              exportRef={localityChartRef}
              note={`In their own council area, elsewhere in the consortium, or outside it; the key figures give the ${totalsLabel} totals.`}
              wide
            >
              <LocalityChart
                rows={locality}
                title={`Where children are placed in ${lastYear}`}
                format={formatCount}
                testId="compare-chart-locality"
                svgRef={localityChartRef}
              />
              <details className="cmp-chart-table">
                <summary>The figures as a table</summary>
                <div
                  className="scn-table-scroll"
                  {...scrollRegion(`Where children are placed in ${lastYear}, as a table`)}
                >
                  <table className="scn-table">
                    <caption className="visually-hidden">Where children are placed in {lastYear}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Scenario</th>
                        <th scope="col" className="num">
                          In own council area
                        </th>
                        <th scope="col" className="num">
                          Elsewhere in the consortium
                        </th>
                        <th scope="col" className="num">
                          Outside the consortium
                        </th>
                        <th scope="col" className="num">
                          No registered place
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {locality.map((r) => (
                        <tr key={r.id}>
                          <th scope="row">{r.name}</th>
                          <td className="num">{formatCount(r.parts.ownLa)}</td>
                          <td className="num">{formatCount(r.parts.elsewhere)}</td>
                          <td className="num">{formatCount(r.parts.outside)}</td>
                          <td className="num">{formatCount(r.parts.unmet)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </details>
            </ChartCard>
          </section>

          {first && sensitivity && (
            <section className="cmp-section" aria-labelledby={ids.sensitivity}>
              <h2 id={ids.sensitivity}>How sensitive is “{first.scenario.name}”?</h2>
              <p className="scn-caption cmp-lead">
                Each bar is the change in the scenario’s figure with one input at the low (blue, above) or high (orange,
                below) end of its stated range, the others at the plan’s values. {capitalised(totalsLabel)} cost:{' '}
                {formatMoney(sensitivity.base.cost)}; bed gap in {sensitivity.finalYear}:{' '}
                {formatCount(sensitivity.base.gap)}.
              </p>
              <SensitivityCharts
                sensitivity={sensitivity}
                scenarioName={first.scenario.name}
                costTitle={`${capitalised(totalsLabel)} cost, ${span}`}
                testIdPrefix="compare"
                footer={
                  isExact
                    ? 'Worked out on the host’s run of the scenario.'
                    : 'Worked out on this run while the host’s run of the same arrives.'
                }
              />
            </section>
          )}

          <section className="cmp-section" aria-labelledby={ids.assumptions}>
            <h2 id={ids.assumptions}>Assumptions behind the figures</h2>
            {columns.map((o) => (
              <AssumptionsTable
                key={o.scenario.id}
                assumptions={o.assumptions}
                title={`${o.scenario.name}${o.scenario.illustrative ? ' (illustrative)' : ''}`}
              />
            ))}
          </section>
        </div>
      )}
    </div>
  );
}

/** "five-year" for the default horizon, else "7-year", "10-year" (and "one-year"). */
function horizonLabel(years: number): string {
  const words: Record<number, string> = { 1: 'one', 2: 'two', 3: 'three', 4: 'four', 5: 'five' };
  return `${words[years] ?? String(years)}-year`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
