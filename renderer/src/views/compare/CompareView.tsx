import { useEffect, useId, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { BASELINE_SCENARIO_ID } from '../../../../shared/scenario/builtin.js';
import { needsRepairMessage } from '../../../../shared/scenario/repair.js';
import type { ScenarioOutcome } from '../../../../shared/scenario/types.js';
import { api } from '../../api';
import { usePlan } from '../../app/PlanContext';
import { chartFileStem, type ExportLegendItem } from '../../charts/chartExport';
import { ChartExportButtons } from '../../charts/ChartExportButtons';
import { SeriesLegend } from '../../charts/scenario/ChartFrame';
import { LocalityChart } from '../../charts/scenario/LocalityChart';
import { YearBarChart, YearLineChart } from '../../charts/scenario/YearCharts';
import { localityCategories } from '../../charts/scenario/localityModel';
import { seriesStyle, type YearSeries } from '../../charts/scenario/series';
import { AssumptionsTable } from '../scenarios/AssumptionsTable';
import { SensitivityCharts } from '../scenarios/SensitivityCharts';
import { financialYearSpan } from '../../../../shared/scenario/years.js';
import { formatMoney, formatMoneyDiff, formatMoneyTick } from '../../format/money';
import { formatCount, formatCountDiffOnAxis, formatDecimal, formatNumber } from '../../format/numbers';
import { formatShare } from '../../format/shares';
import { useScenarioList, useScenarioRun } from '../scenarios/useScenarios';
import { keyFigureRows, leverNoteGroups, localityRows, yearSeries } from './compareModel';
import { KeyFigureTable } from './KeyFigureTable';
import { sensitivityFromHost, sensitivityFromOutcome, type Sensitivity } from './sensitivity';
import '../scenarios/scenarios.css';
import { scrollRegion } from '../../app/scrollRegion';

/** At most this many scenarios beside the baseline (the host's limit). */
export const maxCompared = 4;

type Mode = 'amount' | 'difference';

/** The scenarios ticked, kept while the app runs; null until the user first chooses. */
let rememberedChoice: { planKey: string; ids: string[] } | null = null;

const gapTick = (v: number) => formatCount(v);

/**
 * Compare: the baseline and one to four scenarios side by side — key figures with differences,
 * charts of the gap, where children are placed and cost over time, and how sensitive the first
 * scenario's cost and gap are to its key assumptions. A scenario that cannot be run (one naming an
 * authority outside the consortium) is listed with what to do, and the rest are still compared.
 */
export function CompareView() {
  const { summary, plan } = usePlan();
  const planKey = `${plan.path ?? ''}|${plan.name}`;
  const { list, error: listError } = useScenarioList(summary);
  const [chosen, setChosen] = useState<string[] | null>(
    rememberedChoice && rememberedChoice.planKey === planKey ? rememberedChoice.ids : null,
  );
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

  useEffect(() => {
    if (chosen) rememberedChoice = { planKey, ids: chosen };
  }, [planKey, chosen]);

  const choices = useMemo(() => (list ?? []).filter((s) => s.id !== BASELINE_SCENARIO_ID), [list]);
  // Until the user chooses, compare the first two scenarios; drop any that no longer exist.
  const picked = useMemo(() => {
    const known = new Set(choices.map((c) => c.id));
    const base = chosen ?? choices.slice(0, 2).map((c) => c.id);
    return base.filter((id) => known.has(id)).slice(0, maxCompared);
  }, [chosen, choices]);

  const run = useScenarioRun(list ? picked : null, summary);
  const result = run.result;

  function toggle(id: string, on: boolean) {
    const next = on ? [...picked.filter((p) => p !== id), id] : picked.filter((p) => p !== id);
    // Keep the list's order, so columns and colours do not jump about.
    setChosen(choices.map((c) => c.id).filter((c) => next.includes(c)));
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
        <fieldset className="cmp-picker" aria-describedby={`${ids.picker}-hint`} data-workshop-keep>
          <legend>Compare with the baseline</legend>
          <span id={`${ids.picker}-hint`} className="field-hint cmp-picker-hint">
            Tick one to four scenarios; build and change them in the Scenarios view.
          </span>
          <ul className="cmp-choices">
            {choices.map((c) => {
              const on = picked.includes(c.id);
              return (
                <li key={c.id}>
                  <label className="scn-check-label">
                    <input
                      type="checkbox"
                      checked={on}
                      disabled={!on && picked.length >= maxCompared}
                      onChange={(e) => toggle(c.id, e.target.checked)}
                      data-id={c.id}
                    />
                    {c.name}
                    {c.illustrative && <span className="tag tag-illustrative">Illustrative</span>}
                    {(c.nonMembers?.length ?? 0) > 0 && (
                      <span className="tag tag-repair" data-testid="needs-repair-tag">
                        Needs repair
                      </span>
                    )}
                  </label>
                </li>
              );
            })}
            {list && choices.length === 0 && (
              <li className="muted">This plan has no scenarios yet: create one in the Scenarios view.</li>
            )}
          </ul>
        </fieldset>
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

          {leverNotes.length > 0 && (
            <section className="cmp-section" aria-labelledby={ids.levers} data-testid="compare-lever-notes">
              <h2 id={ids.levers}>What each lever did</h2>
              {leverNotes.map((g) => (
                <div key={g.scenarioId} data-id={g.scenarioId}>
                  <h3>
                    {g.name}
                    {g.illustrative && (
                      <>
                        {' '}
                        <span className="tag tag-illustrative">Illustrative</span>
                      </>
                    )}
                  </h3>
                  {g.changesNothing && (
                    <p className="scn-notice">
                      <strong>{g.changesNothing}</strong>
                    </p>
                  )}
                  <ul className="scn-caption">
                    {g.levers.map((l) => (
                      <li key={l.key}>
                        <strong>{l.label}</strong>
                        {l.notes.length === 0 && !l.breakEven ? (
                          ': its effect is in the figures above.'
                        ) : (
                          <ul>
                            {l.notes.map((n) => (
                              <li key={n}>{n}</li>
                            ))}
                            {l.breakEven && <li data-testid="compare-break-even">{l.breakEven}</li>}
                          </ul>
                        )}
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </section>
          )}

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

interface ChartCardProps {
  title: string;
  note: string;
  legend?: ReactNode;
  mode?: Mode;
  onMode?(mode: Mode): void;
  wide?: boolean;
  /** Offers the chart for download as SVG and PNG. */
  exportAs?: {
    title: string;
    source: string;
    fileStem: string;
    legend: readonly ExportLegendItem[];
  };
  exportTestId?: string;
  /** The chart's drawn <svg>, for export. */
  exportRef?: RefObject<SVGSVGElement | null>;
  /** The figures drawn, offered as a table too (the accessible alternative to the chart). */
  series?: readonly YearSeries[];
  format?: (v: number) => string;
  children: ReactNode;
}

/**
 * A chart with its title, a choice between amounts and differences (when offered), its key, a note
 * and the figures as a table.
 */
function ChartCard({
  title,
  note,
  legend,
  mode,
  onMode,
  wide = false,
  exportAs,
  exportTestId,
  exportRef,
  series,
  format,
  children,
}: ChartCardProps) {
  const name = useId();
  const years = series?.[0]?.values.map((v) => v.year) ?? [];
  return (
    <figure className={wide ? 'cmp-card cmp-card-wide' : 'cmp-card'}>
      <div className="cmp-card-header">
        <h3>{title}</h3>
        {mode && onMode && (
          <div className="cmp-mode" role="radiogroup" aria-label={`${title}: show`}>
            {(['amount', 'difference'] as const).map((m) => (
              <label key={m} className={mode === m ? 'is-checked' : undefined}>
                <input type="radio" name={name} value={m} checked={mode === m} onChange={() => onMode(m)} />
                {m === 'amount' ? 'Amounts' : 'Against the baseline'}
              </label>
            ))}
          </div>
        )}
        {exportAs && exportRef && <ChartExportButtons {...exportAs} svgRef={exportRef} testId={exportTestId} />}
      </div>
      {legend}
      {children}
      <figcaption className="scn-caption">{note}</figcaption>
      {series && format && series.length > 0 && (
        <details className="cmp-chart-table">
          <summary>The figures as a table</summary>
          <div className="scn-table-scroll" {...scrollRegion(`${title}, as a table`)}>
            <table className="scn-table">
              <caption className="visually-hidden">
                {title}
                {mode === 'difference' ? ', against the baseline' : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Scenario</th>
                  {years.map((y) => (
                    <th key={y} scope="col" className="num">
                      {y}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {series.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.name}</th>
                    {s.values.map((v) => (
                      <td key={v.year} className="num">
                        {format(v.value)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </figure>
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
