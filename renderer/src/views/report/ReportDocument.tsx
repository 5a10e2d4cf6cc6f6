import { saysUnit } from '../../../../shared/model/words.js';
import { useMemo, type ComponentType, type ReactNode } from 'react';
import type { ForecastAssumption } from '../../../../shared/forecast/types.js';
import type { ScenarioOutcome } from '../../../../shared/scenario/index.js';
import { needsRepairMessage } from '../../../../shared/scenario/repair.js';
import { financialYearSpan } from '../../../../shared/scenario/years.js';
import { FanChart } from '../../charts/fan/FanChart';
import { formatLongDate, formatTimestamp } from '../../format/dates';
import { BaseYearPanel } from '../projection/BaseYearPanel';
import { openMarketShares } from '../projection/baseYearModel';
import { sensitivityFromOutcome } from '../compare/sensitivity';
import { GapTornado } from '../projection/GapTornado';
import { baseYearRow, buildBacktestRows, buildYearRows, methodLabels } from '../projection/projectionModel';
import { probabilityAssumptions, probabilityFootnote } from '../projection/evidenceModel';
import { NationalBacktestTable } from '../projection/NationalBacktestTable';
import { TotalsCoverageTable } from '../projection/TotalsCoverageTable';
import { GapChart } from '../../charts/GapChart';
import { ReportMap } from './ReportMap';
import {
  assumptionLines,
  bedNeedSentence,
  buildMethodology,
  dataVintages,
  gapByAuthority,
  gapSeries,
  headlineTable,
  keyFigures,
  leverSummary,
  missingItems,
  reportSections,
  scenarioFigureRows,
  scenarioYearRows,
  type MethodEvidence,
  type ReportData,
  type ReportSection,
  type ReportSectionId,
} from './reportModel';
import { formatNumber } from '../../format/numbers';

export interface ReportDocumentProps {
  data: ReportData;
  /** True when the report is the whole page (print mode): the cover title is then the page's h1. */
  standalone: boolean;
}

function Section({
  section,
  children,
  className,
}: {
  section: ReportSection;
  children: ReactNode;
  className?: string;
}) {
  const id = `report-${section.id}`;
  return (
    <section
      className={`report-section${className ? ` ${className}` : ''}`}
      aria-labelledby={`${id}-title`}
      data-testid="report-section"
      data-section={section.id}
    >
      <h2 id={`${id}-title`} className="report-section-title">
        {section.title}
      </h2>
      {children}
    </section>
  );
}

function Tag({ children }: { children: ReactNode }) {
  return <span className="tag tag-illustrative report-tag">{children}</span>;
}

function Problem({ children }: { children: ReactNode }) {
  return <p className="report-problem">{children}</p>;
}

/**
 * The report as one document: cover, summary, projection, gap map, scenarios and their comparison,
 * assumptions, methodology, sources and what the plan is missing. Every chart is an inline SVG (a
 * vector in the PDF); the print stylesheet starts each section on a new A4 page.
 */
export function ReportDocument({ data, standalone }: ReportDocumentProps) {
  const sections = useMemo(() => reportSections(data), [data]);
  return (
    <article className="report-document" data-testid="report-document" aria-label="Report">
      <Cover data={data} sections={sections} standalone={standalone} />
      {sectionOrder.map(([id, Section]) => {
        const section = sections.find((s) => s.id === id);
        return section ? <Section key={id} section={section} data={data} /> : null;
      })}
    </article>
  );
}

/** The sections after the cover, in the order they are printed. */
const sectionOrder: readonly [ReportSectionId, ComponentType<{ section: ReportSection; data: ReportData }>][] = [
  ['summary', SummarySection],
  ['projection', ProjectionSection],
  ['map', MapSection],
  ['scenarios', ScenariosSection],
  ['comparison', ComparisonSection],
  ['assumptions', AssumptionsSection],
  ['methodology', MethodologySection],
  ['sources', SourcesSection],
  ['missing', MissingSection],
];

// ---------- Cover ----------

function Cover({ data, sections, standalone }: { data: ReportData; sections: ReportSection[]; standalone: boolean }) {
  const { summary, plan, projection } = data;
  const Title = standalone ? 'h1' : 'h2';
  const years = projection?.projection.years ?? [];
  const members = summary.authorities.filter((a) => a.isMember).map((a) => a.name);
  const vintages = dataVintages(summary.sources);
  const illustrative = summary.sources.some((s) => s.illustrative);
  return (
    <section className="report-cover" aria-labelledby="report-cover-title" data-testid="report-cover">
      <p className="report-kicker">Children’s homes sufficiency report</p>
      <Title id="report-cover-title" className="report-cover-title">
        {summary.consortium.name}
      </Title>
      <p className="report-cover-subtitle">
        Places in children’s homes for the consortium’s children
        {years.length > 0 && <>: projection to 31 March {years.at(-1)}</>}
      </p>
      <dl className="report-facts">
        <dt>Consortium</dt>
        <dd>
          {summary.consortium.name}: {members.length} member {members.length === 1 ? 'authority' : 'authorities'} (
          {members.join(', ')})
        </dd>
        <dt>Date</dt>
        <dd data-testid="report-date">{formatLongDate(data.generatedAt)}</dd>
        <dt>Plan</dt>
        <dd>{plan.name}</dd>
        <dt>Plan file</dt>
        <dd className="report-path">{plan.path ?? 'Not saved yet'}</dd>
        <dt>Data vintages</dt>
        <dd>
          {vintages.length ? (
            <ul className="report-vintages">
              {vintages.map((v) => (
                <li key={v}>{v}</li>
              ))}
            </ul>
          ) : (
            'No published data in this plan.'
          )}
        </dd>
        <dt>Prepared with</dt>
        <dd>
          {data.appInfo ? `${data.appInfo.appName} ${data.appInfo.version}` : 'Sufficiency Planner'}
          {projection && (
            <>
              , {methodLabels[projection.projection.method].toLowerCase()} projection,{' '}
              {formatNumber(projection.projection.simulations)} simulations (seed {projection.projection.seed})
            </>
          )}
        </dd>
      </dl>
      {illustrative && (
        <p className="report-illustrative-note">
          <Tag>Illustrative</Tag> Some values in this plan are illustrative (generated, not published): they are marked
          in the data sources. Replace them with the consortium’s own figures before relying on costs or placement
          patterns.
        </p>
      )}
      <nav className="report-contents" aria-label="Contents">
        <h2 className="report-contents-title">Contents</h2>
        <ol>
          {sections.map((s) => (
            <li key={s.id}>{s.title}</li>
          ))}
        </ol>
      </nav>
    </section>
  );
}

// ---------- Summary ----------

function SummarySection({ section, data }: { section: ReportSection; data: ReportData }) {
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

// ---------- Projection ----------

function ProjectionKey() {
  return (
    <ul className="report-chart-key" aria-label="Key">
      <li>
        <svg viewBox="0 0 28 12" aria-hidden="true">
          <line x1="2" x2="26" y1="6" y2="6" className="report-key-history" />
          <circle cx="14" cy="6" r="3" className="report-key-history-dot" />
        </svg>
        Observed children
      </li>
      <li>
        <svg viewBox="0 0 28 12" aria-hidden="true">
          <rect x="2" y="1" width="24" height="10" className="report-key-band" />
          <line x1="2" x2="26" y1="6" y2="6" className="report-key-median" />
        </svg>
        Projected children: median and 80% range
      </li>
      <li>
        <svg viewBox="0 0 28 12" aria-hidden="true">
          <line x1="2" x2="26" y1="6" y2="6" className="report-key-beds" />
        </svg>
        Beds needed (median)
      </li>
      <li>
        <svg viewBox="0 0 28 12" aria-hidden="true">
          <line x1="2" x2="26" y1="6" y2="6" className="report-key-places" />
        </svg>
        Accessible places
      </li>
    </ul>
  );
}

function ProjectionSection({ section, data }: { section: ReportSection; data: ReportData }) {
  const result = data.projection?.projection ?? null;
  const rows = useMemo(() => {
    if (!result) return [];
    // Year 0 first: the latest observed position by the same definitions.
    const base = baseYearRow(result.consortium);
    return [
      ...(base ? [{ ...base, year: `${base.year} (observed, year 0)` }] : []),
      ...buildYearRows(result.consortium),
    ];
  }, [result]);
  if (!result) {
    return (
      <Section section={section}>
        <Problem>No projection could be made for this plan: {data.projectionProblem ?? 'no reason was given.'}</Problem>
      </Section>
    );
  }
  const { consortium } = result;
  return (
    <Section section={section} className="report-projection">
      <p>
        Children from {data.summary.consortium.name} needing a place in a secure or children’s home on 31 March,
        observed to {result.baseYear} and projected to {result.years.at(-1)}, with the beds they need and the places
        they can count on. The shaded band is the 80% range: in eight simulations out of ten the number fell inside it.
      </p>
      <figure className="report-figure">
        <FanChart area={consortium} testId="report-fan-chart" />
        <figcaption>
          <ProjectionKey />
        </figcaption>
      </figure>
      <table className="report-table report-beds-table" data-testid="report-beds-table">
        <caption>
          Beds needed against places, {consortium.name}: median and 80% range. Gap = beds needed − accessible places.
        </caption>
        <thead>
          <tr>
            <th scope="col">Year to 31 March</th>
            <th scope="col" className="num">
              Children
            </th>
            <th scope="col" className="num">
              Beds needed
            </th>
            <th scope="col" className="num">
              Mainstream / solo or complex
            </th>
            <th scope="col" className="num">
              Registered places
            </th>
            <th scope="col" className="num">
              Accessible places
            </th>
            <th scope="col">Gap</th>
            <th scope="col" className="num">
              Chance of being short
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.year}>
              <th scope="row">{r.year}</th>
              <td className="num">
                {r.demandP50}
                <span className="report-range">{r.demandRange}</span>
              </td>
              <td className="num">
                {r.bedsP50}
                <span className="report-range">{r.bedsRange}</span>
              </td>
              <td className="num">
                {r.mainstreamP50} / {r.soloComplexP50}
              </td>
              <td className="num">{r.registeredPlaces}</td>
              <td className="num">{r.accessiblePlaces}</td>
              <td className={`report-gap report-gap-${r.gap.kind}`}>
                {r.gap.text}
                <span className="report-range">{r.gapRange}</span>
              </td>
              <td className="num">{r.probability}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <BaseYearPanel
        area={consortium}
        targetOccupancy={result.assumptions.find((a) => a.key === 'targetOccupancy')?.value}
        variant="print"
        reconciliation={result.reconciliation?.at(-1)}
        shares={openMarketShares(result)}
        accessShares={result.accessShares}
      />
      <GapTornado
        result={result}
        variant="print"
        cost={data.scenarioRun ? sensitivityFromOutcome(data.scenarioRun.baseline) : null}
      />
      <p className="report-note" data-testid="report-probability-note">
        {probabilityFootnote(result.assumptions, 'consortium')}
      </p>
      {result.warnings.length > 0 && (
        <ul className="report-notes">
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </Section>
  );
}

// ---------- Gap map ----------

function MapSection({ section, data }: { section: ReportSection; data: ReportData }) {
  const result = data.projection?.projection ?? null;
  const gaps = useMemo(() => (result ? gapByAuthority(result) : null), [result]);
  if (!result || !gaps) {
    return (
      <Section section={section}>
        <Problem>
          There is no gap to map without a projection{data.projectionProblem ? `: ${data.projectionProblem}` : '.'}
        </Problem>
      </Section>
    );
  }
  return (
    <Section section={section} className="report-map-section">
      <p>
        Where the consortium will be short of places by 31 March {gaps.year}: each member authority’s projected gap
        (beds needed for its own children − the places they can count on), median.
      </p>
      {data.mapData ? (
        <ReportMap summary={data.summary} projection={result} data={data.mapData} />
      ) : (
        <p className="report-note">
          The map cannot be drawn: {data.mapProblem ?? 'no map data'}. The table gives the figures.
        </p>
      )}
      <table className="report-table report-gap-table" data-testid="report-gap-table">
        <caption>
          Gap by authority, 31 March {gaps.year}, largest shortfall first: median, with the 80% range. The consortium’s
          gap is smaller than the sum of its members’ because consortium children can use places anywhere in it.
        </caption>
        <thead>
          <tr>
            <th scope="col">Authority</th>
            <th scope="col" className="num">
              Children
            </th>
            <th scope="col" className="num">
              Beds needed
            </th>
            <th scope="col" className="num">
              Accessible places
            </th>
            <th scope="col">Gap</th>
            <th scope="col">80% range</th>
            <th scope="col" className="num">
              Chance of being short
            </th>
          </tr>
        </thead>
        <tbody>
          {gaps.rows.map((r) => (
            <tr key={r.code} className={r.kind === 'consortium' ? 'report-row-total' : undefined}>
              <th scope="row">{r.name}</th>
              <td className="num">{r.children}</td>
              <td className="num">
                {r.beds} <span className="report-range-inline">({r.bedsRange})</span>
              </td>
              <td className="num">{r.accessible}</td>
              <td className={`report-gap report-gap-${r.gapKind}`}>{r.gap}</td>
              <td className="report-range-cell">{r.gapRange}</td>
              <td className="num report-chance">{r.chance}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="report-note">{probabilityFootnote(result.assumptions)}</p>
    </Section>
  );
}

// ---------- Scenarios ----------

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
      <table className="report-table report-scenario-years">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Year to 31 March</th>
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
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.year}>
              <th scope="row">{r.year}</th>
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
            </tr>
          ))}
        </tbody>
      </table>
      <p className="report-note">
        Chance gap closed: how likely it is that beds needed are no more than accessible places; a figure only between
        1% and 99%, otherwise in words (“near certain”, “very unlikely”).
        {basis ? ` It rests on the assumptions as much as on the forecast: ${basis}.` : ''}
      </p>
    </>
  );
}

function ScenariosSection({ section, data }: { section: ReportSection; data: ReportData }) {
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

function ComparisonSection({ section, data }: { section: ReportSection; data: ReportData }) {
  const run = data.scenarioRun;
  const series = useMemo(
    () => (run ? [run.baseline, ...run.outcomes].map((o) => ({ name: o.scenario.name, points: gapSeries(o) })) : []),
    [run],
  );
  if (!run) return null;
  const rows = scenarioFigureRows(run.baseline, run.outcomes);
  const all = [run.baseline, ...run.outcomes];
  return (
    <Section section={section} className="report-comparison">
      <p>
        The consortium’s gap each year under each scenario (median; below zero means spare places), and the key figures
        side by side. Differences from the baseline are in brackets.
      </p>
      <figure className="report-figure">
        <GapChart series={series} label={`Gap in beds by year under ${all.map((o) => o.scenario.name).join(', ')}.`} />
      </figure>
      <table className="report-table report-comparison-table" data-testid="report-comparison-table">
        <caption>Scenarios compared with the baseline, over the projected years.</caption>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            {all.map((o) => (
              <th key={o.scenario.id} scope="col" className="num">
                {o.scenario.name}
              </th>
            ))}
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
              {r.scenarios.map((s, i) => (
                <td key={i} className="num">
                  {s.value}
                  <span className="report-range">({s.difference})</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

// ---------- Assumptions ----------

function AssumptionsSection({ section, data }: { section: ReportSection; data: ReportData }) {
  const lines = useMemo(
    () =>
      assumptionLines(data.summary, data.projection?.projection ?? null, data.scenarioRun?.baseline.assumptions ?? []),
    [data],
  );
  return (
    <Section section={section} className="report-assumptions">
      <p>
        Every assumption the figures rest on: the plan’s register (changed in the app and recorded with who changed it
        and when), then those the projection and the scenario model add. Illustrative sources are marked.
      </p>
      <table className="report-table report-assumption-table" data-testid="report-assumption-table">
        <caption>Assumptions register.</caption>
        <thead>
          <tr>
            <th scope="col">Assumption</th>
            <th scope="col">Value</th>
            <th scope="col">Why</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((a) => (
            <tr key={a.key}>
              <th scope="row">
                {a.label}
                <span className="report-th-hint">{a.where}</span>
              </th>
              <td>{a.value}</td>
              <td className="report-rationale">{a.rationale}</td>
              <td>
                {a.source || '—'} {a.illustrative && <Tag>Illustrative</Tag>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

// ---------- Methodology ----------

function MethodologySection({ section, data }: { section: ReportSection; data: ReportData }) {
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
                  <th scope="row" className="num">
                    {r.h}
                  </th>
                  <td className="num">{r.pairs}</td>
                  <td className="num">{r.consortiumPairs}</td>
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

// ---------- Sources ----------

function SourcesSection({ section, data }: { section: ReportSection; data: ReportData }) {
  const { sources } = data.summary;
  return (
    <Section section={section} className="report-sources">
      <p>
        Where every figure comes from, with its licence. Sources marked illustrative are generated for illustration, not
        published data.
      </p>
      <ol className="report-source-list" data-testid="report-source-list">
        {sources.map((s) => (
          <li key={s.id} className="report-source">
            <p className="report-source-title">
              {s.title} {s.illustrative && <Tag>Illustrative</Tag>}
            </p>
            <p className="report-source-meta">
              {s.publisher}. Period: {s.period}. File: {s.file}
              {s.table ? ` (${s.table})` : ''}. Licence: {s.licence}.
              {s.url && (
                <>
                  {' '}
                  <span className="report-url">{s.url}</span>
                </>
              )}
            </p>
          </li>
        ))}
      </ol>
      {data.imports.length > 0 && (
        <table className="report-table report-imports-table">
          <caption>Files imported into this plan.</caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Kind</th>
              <th scope="col">Imported</th>
              <th scope="col" className="num">
                Figures added / replaced
              </th>
            </tr>
          </thead>
          <tbody>
            {data.imports.map((i) => (
              <tr key={i.id}>
                <th scope="row">{i.fileName}</th>
                <td>{i.kind}</td>
                <td>{formatTimestamp(i.importedAt)}</td>
                <td className="num">
                  {formatNumber(i.rowsAdded)} / {formatNumber(i.rowsReplaced)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

// ---------- Missing ----------

function MissingSection({ section, data }: { section: ReportSection; data: ReportData }) {
  const items = missingItems(data);
  return (
    <Section section={section} className="report-missing">
      <p>What the plan lacks, what that means for this report, and which import fills it.</p>
      <table className="report-table" data-testid="report-missing-table">
        <caption>Missing data, and the import that fills it.</caption>
        <thead>
          <tr>
            <th scope="col">What is missing</th>
            <th scope="col">Filled by</th>
          </tr>
        </thead>
        <tbody>
          {items.map((m) => (
            <tr key={m.what}>
              <td>{m.what}</td>
              <td>{m.fillWith}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
