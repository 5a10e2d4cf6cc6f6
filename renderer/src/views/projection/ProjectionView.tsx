import { memo, useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ProjectionResult } from '#shared/forecast/types.js';
import { api } from '../../api';
import { usePlan } from '../../app/PlanContext';
import { planSession, type PlanSessionState } from '../../app/planSession/planSessionStore';
import { usePlanRevision, usePlanSession } from '../../app/planSession/usePlanSession';
import { toShownError } from '../../app/usePlanController';
import { chartFileStem } from '../../charts/chartExport';
import { ChartExportButtons } from '../../charts/ChartExportButtons';
import { FanChart } from '../../charts/fan/FanChart';
import { AssumptionsPanel } from './AssumptionsPanel';
import { BacktestPanel } from './BacktestPanel';
import { BaseYearPanel } from '../../panels/BaseYearPanel';
import type { Sensitivity } from '../../models/sensitivity';
import { GapTornado } from '../../panels/GapTornado';
import { gapPartsSentence, openMarketShares } from '../../models/baseYearModel';
import { BedsTable } from './BedsTable';
import { EvidencePanel } from './EvidencePanel';
import { ManualGrowthTable } from './ManualGrowthTable';
import { parseSeed, ProjectionControls, type ControlValues } from './ProjectionControls';
import {
  headline,
  impliedAnnualGrowth,
  methodDescriptions,
  methodLabels,
  parseGrowth,
  trendPercent,
} from '../../models/projectionModel';
import { formatSharePercent } from '../../format/shares';
import { SmallMultiples } from './SmallMultiples';
import { StockFlowPanel } from './stockflow/StockFlowPanel';
import { useBaselineCostSensitivity } from './useBaselineCostSensitivity';
import { useProjection, type ProjectionRequest, type ProjectionResponse } from './useProjection';
import './projection.css';
import { formatNumber } from '../../format/numbers';

// The controls and manual growth last used live in the plan session, so that coming back finds them
// (they start from the forecast's own defaults, as the scenarios, report, exports and CLI use them).
const selectControls = (s: PlanSessionState) => s.projection.controls;
const selectGrowth = (s: PlanSessionState) => s.projection.growth;
const selectHorizon = (s: PlanSessionState) => s.horizonYears;
const setGrowth = (growth: Record<string, string>) => planSession.setProjectionGrowth(growth);

const historySource =
  'History: DfE, children looked after in secure homes and children’s homes on 31 March (years ending 31 March).';

/**
 * The Projection view: how many children will need a place in a secure or children's home in each
 * of the next years, for the consortium and each member authority; the beds that means against the
 * places there are; how sure we are; how well the method would have done in the past; and every
 * assumption behind it, changeable.
 */
export function ProjectionView() {
  const { summary, perform, plan } = usePlan();
  const revision = usePlanRevision();
  const storedControls = usePlanSession(selectControls);
  // The horizon belongs to the plan (saved with it; the map, scenarios, reports and exports follow it).
  const horizon = usePlanSession(selectHorizon) ?? plan.horizonYears;
  const controls = useMemo(() => ({ ...storedControls, horizonYears: horizon }), [storedControls, horizon]);
  const changeControls = useCallback(
    (next: ControlValues) => {
      if (next.horizonYears !== horizon) {
        void perform(() => api.setHorizon({ years: next.horizonYears }));
      }
      planSession.setProjectionControls({ ...next, horizonYears: horizon });
    },
    [perform, horizon],
  );
  const growth = usePlanSession(selectGrowth);
  const [selectedLa, setSelectedLa] = useState<string | null>(null);
  const [assumptionErrors, setAssumptionErrors] = useState<Record<string, string | null>>({});
  const chartHeadingId = useId();
  const tableHeadingId = useId();
  const fanChartRef = useRef<SVGSVGElement>(null);

  const members = useMemo(
    () => summary.authorities.filter((a) => a.isMember).map((a) => ({ code: a.code, name: a.name })),
    [summary],
  );

  const seed = parseSeed(controls.seedText);
  const growthParsed = members.map((m) => ({ code: m.code, parsed: parseGrowth(growth[m.code] ?? '', m.name) }));
  const growthValid = growthParsed.every((g) => g.parsed.ok);
  const growthKey = JSON.stringify(
    Object.fromEntries(growthParsed.flatMap((g) => (g.parsed.ok ? [[g.code, g.parsed.growth]] : []))),
  );
  const valid = seed.ok && (controls.method !== 'manual' || growthValid);
  const seedValue = seed.ok ? seed.seed : null;
  const { method, horizonYears, simulations } = controls;

  const request = useMemo<ProjectionRequest | null>(() => {
    if (!valid || seedValue === null) return null;
    return {
      method,
      horizonYears,
      simulations,
      seed: seedValue,
      withBacktest: true,
      ...(method === 'manual' ? { manualGrowth: JSON.parse(growthKey) as Record<string, number> } : {}),
    };
  }, [valid, method, horizonYears, simulations, seedValue, growthKey]);

  const { response, error, updating, lastRate, planChanged } = useProjection(request, revision);
  const projection = response?.projection ?? null;

  // An assumption committed, until the headline and chart on screen are for it.
  const assumptionChange = useRef(false);
  useEffect(() => {
    if (!assumptionChange.current || updating || !response) return;
    assumptionChange.current = false;
    performance.mark('projection-headline-updated');
    const measure = performance.measure(
      'projection-assumption-to-headline',
      'projection-assumption-change',
      'projection-headline-updated',
    );
    document.body.dataset.projectionUpdateMs = measure.duration.toFixed(1);
  }, [updating, response]);

  const commitAssumption = useCallback(
    async (planKey: string, share: number): Promise<string | null> => {
      const outcome: { error: string | null } = { error: null };
      // Measured to the headline and chart for the new value (see the effect below).
      performance.mark('projection-assumption-change');
      assumptionChange.current = true;
      const ran = await perform(async () => {
        try {
          await api.setAssumption({ key: planKey, value: share });
          // the projection for the new value, asked for while the plan summary reloads
          planChanged();
        } catch (e) {
          outcome.error = toShownError(e).message;
        }
      });
      if (!ran) outcome.error = 'Another change is still being made: try again in a moment.';
      setAssumptionErrors((prev) => ({ ...prev, [planKey]: outcome.error }));
      return outcome.error;
    },
    [perform, planChanged],
  );

  const fillFromRate = useMemo(() => {
    if (!lastRate) return null;
    return () => {
      const next: Record<string, string> = {};
      for (const area of lastRate.projection.areas) {
        const g = impliedAnnualGrowth(area);
        if (g !== null) next[area.code] = String(Math.round(g * 1000) / 10);
      }
      setGrowth(next);
    };
  }, [lastRate]);

  const shownMethodLabel = projection ? methodLabels[projection.method] : methodLabels[method];
  const sourceNote = projection ? sourceNoteOf(projection) : historySource;
  let status = '';
  if (updating) status = 'Updating…';
  else if (projection)
    status = `${shownMethodLabel}, ${projection.years.length} ${projection.years.length === 1 ? 'year' : 'years'}${
      projection.uncertainty === 'simulated' ? `, ${formatNumber(projection.simulations)} simulations` : ''
    }`;

  const costSensitivity = useBaselineCostSensitivity(projection, updating);

  // The panels around the headline, chart and table (the base year, the tornado, the member
  // authorities' charts, the evidence and the backtest) follow a step behind: React renders them for
  // a new answer once the headline, chart and table for it are on screen (a deferred value, rendered
  // in the background and interruptible), so an assumption change shows its headline without waiting
  // for about ten more charts. They are memoised, so the urgent render skips them. The first answer
  // shows them with the headline (nothing to keep on screen meanwhile).
  const deferredResponse = useDeferredValue(response);
  const shown = deferredResponse ?? response;

  const consortium = projection?.consortium ?? null;
  const consortiumHeadline = consortium ? headline(consortium) : null;
  const gapParts = consortium ? gapPartsSentence(consortium) : null;

  return (
    <div className="projection-view">
      <div className="view-header">
        <h1>Projection</h1>
        <p className="proj-subtitle">{summary.consortium.name}</p>
      </div>

      <ProjectionControls values={controls} onChange={changeControls} status={status} updating={updating} />

      {error && (
        <div className="proj-error" role="alert">
          <p className="proj-error-message">The projection could not be worked out: {error.message}</p>
        </div>
      )}

      {!projection && !error && (
        <p className="proj-loading" aria-busy="true">
          Working out the projection…
        </p>
      )}

      {projection && consortium && (
        <div className={updating ? 'proj-layout is-updating' : 'proj-layout'}>
          <div className="proj-main">
            {/* The chart comes first, so it starts above the fold on a 1280×720 projector; its cautions follow it. */}
            <section className="proj-section proj-consortium" aria-labelledby={chartHeadingId}>
              <h2 id={chartHeadingId}>{consortium.name}: children needing a place</h2>
              <ChartExportButtons
                svgRef={fanChartRef}
                title={`${consortium.name}: children needing a place`}
                source={`Source: DfE children looked after in England (secure and children’s homes, 31 March); projection: Sufficiency Planner, ${methodLabels[projection.method].toLowerCase()} method. Shaded band: 80% range (P10–P90); dashed: beds needed (median); steps: accessible places.`}
                fileStem={chartFileStem('projection', consortium.name)}
                testId="fan-chart-export"
              />
              {consortiumHeadline && <p className="proj-headline">{consortiumHeadline}</p>}
              <FanLegend />
              <div className="proj-chart-frame">
                <FanChart area={consortium} svgRef={fanChartRef} />
              </div>
              {gapParts && (
                <p className="proj-headline-parts" data-testid="gap-parts-sentence">
                  {gapParts}
                </p>
              )}
              <p className="proj-caption">
                {sourceNote} The shaded band is the 80% range (P10 to P90): in 8 years out of 10 the number should fall
                inside it.
              </p>
            </section>

            {projection.warnings.length > 0 && (
              <div className="proj-warnings">
                <h2 className="proj-warnings-heading">Read with these in mind</h2>
                <ul>
                  {projection.warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              </div>
            )}

            {shown && <BaseYearPanels response={shown} cost={costSensitivity} />}

            <section className="proj-section" aria-labelledby={tableHeadingId}>
              <h2 id={tableHeadingId}>Beds needed and places, by year</h2>
              <BedsTable
                area={consortium}
                caption={`${consortium.name}, all member authorities`}
                assumptions={projection.assumptions}
                note={`Accessible places count member authorities’ LA-run and contracted homes and the share of the open market in member authorities that consortium children can count on. ${sourceNote}`}
              />
            </section>

            {shown && <MemberAndEvidencePanels response={shown} selectedLa={selectedLa} onSelectLa={setSelectedLa} />}
          </div>

          <aside className="proj-side" aria-label="Assumptions and method settings">
            {method === 'manual' && (
              <ManualGrowthTable members={members} values={growth} onChange={setGrowth} onFillFromRate={fillFromRate} />
            )}
            <AssumptionsPanel
              assumptions={projection.assumptions}
              onCommit={commitAssumption}
              errors={assumptionErrors}
              methodName={shownMethodLabel.toLowerCase()}
            />
          </aside>
        </div>
      )}

      <StockFlowPanel />
    </div>
  );
}

/** The target occupancy the projection's beds rest on, when it lists one. */
function targetOccupancyOf(projection: ProjectionResult): number | undefined {
  return projection.assumptions.find((a) => a.key === 'targetOccupancy')?.value;
}

/** Where the figures come from: the history's source and how the projection was made. */
function sourceNoteOf(projection: ProjectionResult): string {
  const occupancy = targetOccupancyOf(projection);
  const projectionNote = `Projections: ${methodDescriptions[projection.method]}, ${
    projection.uncertainty === 'simulated'
      ? `${formatNumber(projection.simulations)} joint simulations (seed ${projection.seed})`
      : 'central path with an approximate (analytic) range'
  }, with the assumptions listed.${occupancy !== undefined ? ` Beds needed = children ÷ target occupancy (${formatSharePercent(occupancy)}).` : ''}`;
  return `${historySource} ${projectionNote}`;
}

/** The consortium's base year and what moves its horizon gap (rendered a step behind the headline). */
const BaseYearPanels = memo(function BaseYearPanels({
  response,
  cost,
}: {
  response: ProjectionResponse;
  cost: Sensitivity | null;
}) {
  const { projection } = response;
  return (
    <>
      <BaseYearPanel
        area={projection.consortium}
        targetOccupancy={targetOccupancyOf(projection)}
        variant="screen"
        reconciliation={projection.reconciliation?.at(-1)}
        shares={openMarketShares(projection)}
        accessShares={projection.accessShares}
      />

      <GapTornado result={projection} variant="screen" cost={cost} />
    </>
  );
});

/** Each member authority's chart, the evidence and the backtest (rendered a step behind the headline). */
const MemberAndEvidencePanels = memo(function MemberAndEvidencePanels({
  response,
  selectedLa,
  onSelectLa,
}: {
  response: ProjectionResponse;
  selectedLa: string | null;
  onSelectLa: (code: string | null) => void;
}) {
  const lasHeadingId = useId();
  const { projection, backtest = null } = response;
  return (
    <>
      <section className="proj-section" aria-labelledby={lasHeadingId}>
        <h2 id={lasHeadingId}>Member authorities</h2>
        <p className="proj-caption">
          Each chart has its own scale. {projection.method === 'rate' ? describeConsortiumTrend(projection) : ''}
          Select an authority for its figures by year.
        </p>
        <SmallMultiples
          areas={projection.areas}
          selected={selectedLa}
          onSelect={onSelectLa}
          sourceNote={sourceNoteOf(projection)}
          assumptions={projection.assumptions}
        />
      </section>

      <EvidencePanel selection={projection.selection} backtest={backtest} consortiumName={projection.consortium.name} />

      <BacktestPanel backtest={backtest} methodName={methodDescriptions[projection.method]} />
    </>
  );
});

/** "Each authority's trend … is pooled with the consortium's (+8.3% a year) …" for the rate method. */
function describeConsortiumTrend(projection: ProjectionResult): string {
  const model = projection.areas.find((a) => a.model?.kind === 'rate')?.model;
  if (!model || model.kind !== 'rate') return '';
  return `Each authority’s trend in its rate per 10,000 children is pooled with the consortium’s (${trendPercent(model.consortiumTrend)} a year), more so for small or noisy authorities. `;
}

/** The key to the fan chart, in words and small samples of each mark. */
function FanLegend() {
  return (
    <ul className="fan-legend" aria-label="Key to the chart">
      <li>
        <svg viewBox="0 0 28 12" aria-hidden="true" className="fan-legend-swatch">
          <line className="fan-history" x1="2" x2="26" y1="6" y2="6" />
          <circle className="fan-history-dot" cx="14" cy="6" r="3.5" />
        </svg>
        Observed (DfE, 31 March)
      </li>
      <li>
        <svg viewBox="0 0 28 12" aria-hidden="true" className="fan-legend-swatch">
          <line className="fan-median" x1="2" x2="26" y1="6" y2="6" />
        </svg>
        Projected median (P50)
      </li>
      <li>
        <svg viewBox="0 0 28 12" aria-hidden="true" className="fan-legend-swatch">
          <rect className="fan-band" x="1" y="1" width="26" height="10" />
        </svg>
        80% range (P10–P90)
      </li>
      <li>
        <svg viewBox="0 0 28 12" aria-hidden="true" className="fan-legend-swatch">
          <line className="fan-beds" x1="1" x2="27" y1="6" y2="6" />
        </svg>
        Beds needed (median)
      </li>
      <li>
        <svg viewBox="0 0 28 12" aria-hidden="true" className="fan-legend-swatch">
          <polyline className="fan-places" points="1,9 14,9 14,3 27,3" />
        </svg>
        Accessible places
      </li>
    </ul>
  );
}
