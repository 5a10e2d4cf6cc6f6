/** The Map view's side panel for the chosen authority: its figures for the year, where its children are placed, its trend and sources. */
import { useEffect, useId, useRef } from 'react';
import type { ProjectionResult } from '#shared/forecast/types.js';
import type { Source } from '#shared/model/dataset.js';
import { Sparkline } from '../../charts/Sparkline';
import { SourceDetails } from '../../app/SourceDetails';
import type { MapArea } from '../../charts/map/types';
import { formatSnapshot, gapPhrase, gapRange, longDate, yearKindWords } from '../../charts/map/words';
import type { MapYear } from '#shared/map/index.js';
import { formatWholeNoNegativeZero } from '../../format/numbers';
import { formatIntlPercent } from '../../format/shares';
import { probabilityAssumptions, shortfallProbability } from '../../models/evidenceModel';
import { baseYearWords } from '../../models/baseYearModel';

export interface MapPanelProps {
  area: MapArea;
  year: MapYear;
  projection: ProjectionResult | null;
  sources: ReadonlyMap<string, Source>;
  flowPeriod: string | null;
  flowSources: readonly string[];
  geometrySource: string | null;
  onClose(): void;
}

/** The chosen LA's figures for the year, where its children are placed, its trend, and where each figure comes from. */
export function MapPanel({
  area,
  year,
  projection,
  sources,
  flowPeriod,
  flowSources,
  geometrySource,
  onClose,
}: MapPanelProps) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const f = area.figures;
  const p = f.projected;
  const base = f.base ? baseYearWords({ base: f.base }, targetOccupancy(projection)) : null;
  // The chance of being short rests on these as much as on the forecast: name them beside it.
  const chanceBasis = projection ? probabilityAssumptions(projection.assumptions, 'authority') : null;

  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true });
  }, [area.code]);

  const sourceIds = [
    ...new Set([
      ...f.historySources,
      ...f.supplySources,
      ...flowSources,
      ...(f.base?.placedWhere?.sources ?? []),
      ...(geometrySource ? [geometrySource] : []),
    ]),
  ];
  const listed = sourceIds.flatMap((id) => {
    const s = sources.get(id);
    return s ? [s] : [];
  });
  const flowsIllustrative = flowSources.some((id) => sources.get(id)?.illustrative);
  const placements = f.placements;
  const share = (n: number) =>
    placements && placements.total > 0 ? ` (${formatIntlPercent(n / placements.total)})` : '';

  return (
    <aside
      className="map-panel"
      aria-labelledby={headingId}
      data-testid="map-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <div className="map-panel-header">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {area.name}
        </h2>
        <button type="button" className="button button-small" onClick={onClose} aria-label={`Close ${area.name}`}>
          Close
        </button>
      </div>

      <section className="map-panel-section">
        <h3>
          {longDate(year.year)} ({year.kind === 'base' ? 'observed, year 0' : yearKindWords(year)})
        </h3>
        {base ? (
          <dl className="map-facts" data-testid="map-panel-base">
            <dt>Bed gap, observed</dt>
            <dd data-testid="map-panel-gap">
              <strong>{base.gap ?? 'No observed children in homes this year.'}</strong>
            </dd>
            {base.children && (
              <>
                <dt>Children in homes</dt>
                <dd>{base.children}</dd>
              </>
            )}
            <dt>Places by sector</dt>
            <dd>{base.places}</dd>
            <dt>Places its children can count on</dt>
            <dd>{base.accessible}</dd>
          </dl>
        ) : p ? (
          <dl className="map-facts">
            <dt>Bed gap</dt>
            <dd data-testid="map-panel-gap">
              <strong>{gapPhrase(p.gap.p50)}</strong> (median)
              <br />
              <span className="muted">80% range {gapRange(p.gap)}</span>
            </dd>
            <dt>Chance of being short</dt>
            <dd data-testid="map-panel-chance">
              {shortfallProbability(p).text}
              {chanceBasis && (
                <>
                  <br />
                  <span className="muted">assumes {chanceBasis}</span>
                </>
              )}
            </dd>
            <dt>Beds needed</dt>
            <dd>
              {formatWholeNoNegativeZero(p.bedsNeeded.p50)}{' '}
              <span className="muted">
                ({formatWholeNoNegativeZero(p.bedsNeeded.p10)} to {formatWholeNoNegativeZero(p.bedsNeeded.p90)})
              </span>
            </dd>
            <dt>Places its children can count on</dt>
            <dd>
              {formatWholeNoNegativeZero(p.accessiblePlaces)}{' '}
              <span className="muted">LA-run, contracted, and an assumed market share</span>
            </dd>
            <dt>Registered places in {area.name}</dt>
            <dd>
              {formatWholeNoNegativeZero(p.registeredPlaces)}
              {p.registeredPlaces - p.accessiblePlaces > 0.5 && (
                <>
                  {' '}
                  <span className="muted">
                    of which {formatWholeNoNegativeZero(p.registeredPlaces - p.accessiblePlaces)} are not counted as
                    open to its children
                  </span>
                </>
              )}
            </dd>
          </dl>
        ) : (
          <p className="muted">
            {year.kind === 'base'
              ? `There is no year-0 position for ${area.name}.`
              : year.kind === 'history'
                ? `The bed gap is projected, from ${projection?.years[0] ?? 'the year after the last published figures'}; ${year.year} is a year of published figures.`
                : 'There is no projection for this authority.'}
          </p>
        )}
      </section>

      <section className="map-panel-section">
        <h3>Where its children are placed</h3>
        {placements ? (
          <>
            <p className="muted">
              Children in secure and children’s homes, {flowPeriod ? formatSnapshot(flowPeriod) : ''}
              {flowsIllustrative && (
                <>
                  {' '}
                  <span className="tag tag-illustrative">Illustrative</span>
                </>
              )}
            </p>
            <dl className="map-facts">
              <dt>In {area.name}</dt>
              <dd>
                {formatWholeNoNegativeZero(placements.own)}
                {share(placements.own)}
              </dd>
              <dt>Elsewhere in the consortium</dt>
              <dd>
                {formatWholeNoNegativeZero(placements.consortium)}
                {share(placements.consortium)}
              </dd>
              <dt>Outside the consortium</dt>
              <dd>
                {formatWholeNoNegativeZero(placements.outside)}
                {share(placements.outside)}
              </dd>
            </dl>
          </>
        ) : (
          <p className="muted">This plan holds no placement flows for {area.name}.</p>
        )}
        {f.distance ? (
          <p>
            <strong>{formatIntlPercent(f.distance.share)}</strong> of its children looked after were placed more than 20
            miles from home on {longDate(f.distance.period)} ({formatWholeNoNegativeZero(f.distance.over20)} of{' '}
            {formatWholeNoNegativeZero(f.distance.childrenLookedAfter)}).
          </p>
        ) : (
          <p className="muted">No published figure for children placed more than 20 miles away.</p>
        )}
      </section>

      <section className="map-panel-section">
        <h3>Children’s home places in {area.name}</h3>
        {f.supply.length > 0 ? (
          <>
            <p className="muted">Ofsted, {f.supplyPeriod ? formatSnapshot(f.supplyPeriod) : ''}</p>
            <ul className="map-supply">
              {f.supply.map((s) => (
                <li key={s.group}>
                  <span
                    className={`map-swatch map-swatch-${s.group.split(' ')[0]!.toLowerCase()}`}
                    aria-hidden="true"
                  />
                  {s.group}: {formatWholeNoNegativeZero(s.places)} {s.places === 1 ? 'place' : 'places'} in{' '}
                  {formatWholeNoNegativeZero(s.homes)} {s.homes === 1 ? 'home' : 'homes'}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="muted">No children’s home places recorded.</p>
        )}
      </section>

      {(f.trend.length > 1 || f.gapTrend.length > 1) && (
        <section className="map-panel-section">
          <h3>Trend</h3>
          {f.trend.length > 1 && (
            <div className="map-trend">
              <p className="map-trend-label">
                Children in secure and children’s homes (observed, then projected median)
              </p>
              <Sparkline
                points={f.trend}
                measure="Children in secure and children’s homes"
                area={area.name}
                formatValue={formatWholeNoNegativeZero}
                formatPeriod={(period) => period}
                formatPeriodLong={longDate}
              />
            </div>
          )}
          {f.gapTrend.length > 1 && (
            <div className="map-trend">
              <p className="map-trend-label">Bed gap, projected median (positive: short)</p>
              <Sparkline
                points={f.gapTrend}
                measure="Bed gap"
                area={area.name}
                formatValue={(v) =>
                  v > 0
                    ? `${formatWholeNoNegativeZero(v)} short`
                    : v < 0
                      ? `${formatWholeNoNegativeZero(-v)} spare`
                      : '0'
                }
                formatPeriod={(period) => period}
                formatPeriodLong={longDate}
              />
            </div>
          )}
        </section>
      )}

      <section className="map-panel-section">
        <h3>Where these figures come from</h3>
        {projection && (
          <p>
            Projection by this planner: {projection.method === 'manual' ? 'manual growth' : 'rate'} method from the last
            published year, {projection.baseYear};{' '}
            {projection.uncertainty === 'simulated'
              ? `${formatWholeNoNegativeZero(projection.simulations)} simulations`
              : 'analytic uncertainty'}
            . Beds needed = children ÷ target occupancy.
          </p>
        )}
        <details className="map-sources">
          <summary>
            {listed.length} {listed.length === 1 ? 'source' : 'sources'}
          </summary>
          <ul className="source-list">
            {listed.map((s) => (
              <li key={s.id}>
                <SourceDetails source={s} />
              </li>
            ))}
          </ul>
        </details>
      </section>
    </aside>
  );
}

/** The projection's target occupancy, for the year-0 words; undefined when it does not state one. */
function targetOccupancy(projection: ProjectionResult | null): number | undefined {
  return projection?.assumptions.find((a) => a.key === 'targetOccupancy')?.value;
}
