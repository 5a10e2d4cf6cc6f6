import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { MapData } from '../../../../shared/api/contract.js';
import type { ProjectionResult } from '../../../../shared/forecast/types.js';
import { flowPeriodFor } from '../../../../shared/geo/index.js';
import type { Source } from '../../../../shared/model/dataset.js';
import { api } from '../../api';
import { usePlan } from '../../app/PlanContext';
import { toShownError } from '../../app/usePlanController';
import { CHART_PNG_SCALE, pngFromSvg } from '../../charts/chartExport';
import { exportFileStem, serialiseMapSvg } from './mapExport';
import {
  MAP_FRAME,
  MAP_WIDTH,
  buildGeometry,
  baseYearSourceNote,
  buildMapPicture,
  defaultLayers,
  gapPhrase,
  gapRange,
  longDate,
  mapScales,
  mapYears,
  shapeInDirection,
  yearKindWords,
  tableHeadings,
  tableRows,
  type GeometryKind,
  type MapLayers,
} from './mapModel';
import { formatWholeNoNegativeZero } from '../../format/numbers';
import { MapPanel } from './MapPanel';
import { MapSvg } from './MapSvg';
import './map.css';

interface Loaded {
  data: MapData;
  projection: ProjectionResult | null;
  projectionError: string | null;
}

const arrowDirections = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' } as const;

/**
 * The Map: which member LAs will be short of children’s home places in a chosen year and by how much,
 * where their children are placed today, and where the places are. Hex layout or imported boundaries.
 */
export function MapView() {
  const { summary, perform } = usePlan();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [layers, setLayers] = useState<MapLayers>(defaultLayers);
  const [chosenYear, setChosenYear] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [showTable, setShowTable] = useState(false);
  const [scale, setScale] = useState(1);
  const [exported, setExported] = useState<{ url: string; name: string } | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const ids = { year: useId(), table: useId(), heading: useId() };

  useEffect(() => {
    let cancelled = false;
    Promise.allSettled([api.getMapData({}), api.getProjection({ method: 'rate', withBacktest: false })]).then(
      ([mapData, projection]) => {
        if (cancelled) return;
        if (mapData.status === 'rejected') {
          setLoadError(toShownError(mapData.reason).message);
          return;
        }
        setLoadError(null);
        setLoaded({
          data: mapData.value,
          projection: projection.status === 'fulfilled' ? projection.value.projection : null,
          projectionError: projection.status === 'rejected' ? toShownError(projection.reason).message : null,
        });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [summary]);

  // The rendered size of the picture, to place the tooltip over the shape.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const observer = new ResizeObserver(() => setScale(svg.getBoundingClientRect().width / MAP_WIDTH || 1));
    observer.observe(svg);
    return () => observer.disconnect();
  }, [loaded]);

  useEffect(
    () => () => {
      if (exported) URL.revokeObjectURL(exported.url);
    },
    [exported],
  );

  const projection = loaded?.projection ?? null;
  const { years, defaultIndex } = useMemo(() => mapYears(summary, projection), [summary, projection]);
  const yearIndex = Math.max(0, chosenYear === null ? defaultIndex : years.findIndex((y) => y.year === chosenYear));
  const year = years[yearIndex] ?? null;
  const geometry = useMemo(() => (loaded ? buildGeometry(loaded.data, loaded.data.geometry) : null), [loaded]);
  const scales = useMemo(() => mapScales(summary, projection), [summary, projection]);
  const picture = useMemo(
    () =>
      loaded && geometry && year
        ? buildMapPicture({ summary, projection, data: loaded.data, geometry, year, layers, scales, focus: selected })
        : null,
    [loaded, geometry, year, layers, scales, summary, projection, selected],
  );
  const sources = useMemo(
    () => new Map<string, Source>([...summary.sources, ...(loaded?.data.sources ?? [])].map((s) => [s.id, s])),
    [summary.sources, loaded],
  );

  const focusArea = useCallback((code: string) => {
    svgRef.current?.querySelector<SVGPathElement>(`path[data-code="${code}"]`)?.focus();
  }, []);

  const closePanel = useCallback(() => {
    const code = selected;
    setSelected(null);
    if (code) requestAnimationFrame(() => focusArea(code));
  }, [selected, focusArea]);

  const onAreaKey = (event: KeyboardEvent<SVGPathElement>, code: string) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      setSelected(code);
    } else if (event.key === 'Escape' && selected) {
      event.preventDefault();
      setSelected(null);
    } else if (event.key in arrowDirections && geometry) {
      const next = shapeInDirection(geometry.shapes, code, arrowDirections[event.key as keyof typeof arrowDirections]);
      if (next) {
        event.preventDefault();
        focusArea(next);
      }
    }
  };

  const setGeometry = (kind: GeometryKind) => {
    if (!loaded || kind === loaded.data.geometry) return;
    void perform(() => api.setMapGeometry({ geometry: kind }));
  };

  const offer = (blob: Blob, name: string) => {
    const url = URL.createObjectURL(blob);
    setExported({ url, name });
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
  };

  const stem = year
    ? exportFileStem(summary.consortium.name, year.year, picture?.fill === 'gap' ? 'gap' : 'distance')
    : 'map';
  const exportSvg = () => {
    if (!svgRef.current || !picture) return;
    setExportError(null);
    offer(
      new Blob([serialiseMapSvg(svgRef.current, MAP_WIDTH, picture.height, picture.title)], { type: 'image/svg+xml' }),
      `${stem}.svg`,
    );
  };
  const exportPng = async () => {
    if (!svgRef.current || !picture) return;
    setExportError(null);
    try {
      offer(
        await pngFromSvg(
          serialiseMapSvg(svgRef.current, MAP_WIDTH, picture.height, picture.title),
          CHART_PNG_SCALE,
          'map',
        ),
        `${stem}.png`,
      );
    } catch (error) {
      setExportError(error instanceof Error ? error.message : String(error));
    }
  };

  if (loadError) {
    return (
      <div className="map-view">
        <h1>Map</h1>
        <p className="field-error">The map could not be loaded: {loadError}</p>
      </div>
    );
  }
  if (!loaded || !geometry || !picture || !year) {
    return (
      <div className="map-view">
        <h1>Map</h1>
        <p className="muted" role="status">
          {loaded && years.length === 0
            ? 'This plan has no published figures or projection for its members yet: import DfE data to map them.'
            : 'Loading the map…'}
        </p>
      </div>
    );
  }

  const selectedArea = picture.areas.find((a) => a.code === selected) ?? null;
  const activeArea = picture.areas.find((a) => a.code === active) ?? null;
  const rows = tableRows(picture.areas, year);
  const hasBoundaries = loaded.data.boundaries !== null;
  const flowPeriod = flowPeriodFor(loaded.data.flows, year.year);
  const firstProjected = years.find((y) => y.kind === 'projection')?.year ?? null;
  const baseNote = baseYearSourceNote(summary, projection, year, sources);

  return (
    <div className="map-view">
      <div className="view-header">
        <h1 id={ids.heading}>Map</h1>
      </div>

      <div className="map-controls" role="group" aria-label="Map controls">
        <div className="map-year" data-workshop-keep>
          <label htmlFor={ids.year}>Year</label>
          <input
            id={ids.year}
            type="range"
            min={0}
            max={Math.max(0, years.length - 1)}
            step={1}
            value={yearIndex}
            aria-valuetext={`${year.year}, ${yearKindWords(year)}`}
            data-testid="map-year"
            onChange={(e) => setChosenYear(years[Number(e.target.value)]?.year ?? null)}
          />
          <output htmlFor={ids.year} className="map-year-value" data-testid="map-year-value">
            {year.year} <span className="muted">{yearKindWords(year)}</span>
          </output>
          <span className="map-year-range muted">
            {years[0]?.year} to {years.at(-1)?.year}
            {firstProjected && <> · projected from {firstProjected}</>}
          </span>
        </div>

        <fieldset className="map-fieldset">
          <legend>Colour areas by</legend>
          <label>
            <input
              type="radio"
              name="map-fill"
              checked={layers.fill === 'gap'}
              onChange={() => setLayers({ ...layers, fill: 'gap' })}
            />
            Bed gap
          </label>
          <label>
            <input
              type="radio"
              name="map-fill"
              checked={layers.fill === 'distance'}
              onChange={() => setLayers({ ...layers, fill: 'distance' })}
            />
            Placed 20+ miles away
          </label>
        </fieldset>

        <fieldset className="map-fieldset" data-workshop-keep>
          <legend>Layers</legend>
          <label>
            <input
              type="checkbox"
              checked={layers.supply}
              onChange={(e) => setLayers({ ...layers, supply: e.target.checked })}
            />
            Places by sector
          </label>
          <label>
            <input
              type="checkbox"
              checked={layers.flows}
              onChange={(e) => setLayers({ ...layers, flows: e.target.checked })}
              disabled={loaded.data.flows.length === 0}
            />
            Placement flows
          </label>
          <label>
            <input
              type="checkbox"
              checked={layers.distance}
              onChange={(e) => setLayers({ ...layers, distance: e.target.checked })}
            />
            Share placed 20+ miles
          </label>
        </fieldset>

        <fieldset className="map-fieldset">
          <legend>Shapes</legend>
          <label>
            <input
              type="radio"
              name="map-geometry"
              checked={loaded.data.geometry === 'hex'}
              onChange={() => setGeometry('hex')}
            />
            Hex layout
          </label>
          <label title={hasBoundaries ? undefined : 'Import ONS boundaries (GeoJSON or TopoJSON) to draw them'}>
            <input
              type="radio"
              name="map-geometry"
              checked={loaded.data.geometry === 'boundaries'}
              disabled={!hasBoundaries}
              onChange={() => setGeometry('boundaries')}
            />
            Boundaries
          </label>
        </fieldset>

        <div className="map-export">
          <button type="button" className="button button-small" onClick={exportSvg} data-testid="map-export-svg">
            Export SVG
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={() => void exportPng()}
            data-testid="map-export-png"
          >
            Export PNG
          </button>
        </div>
      </div>

      <div className="map-notes" aria-live="polite">
        {baseNote && (
          <p className="map-note" data-testid="map-year-source">
            {baseNote}
          </p>
        )}
        {picture.fillNote && <p className="map-note">{picture.fillNote}</p>}
        {!hasBoundaries && (
          <p className="muted map-note-small">
            {loaded.data.hexLayout
              ? 'No boundaries imported: the map shows the imported hex layout.'
              : 'No boundaries imported: the map shows a hex layout generated from the authorities’ centroids.'}{' '}
            Import ONS boundaries (GeoJSON or TopoJSON) in the Import view to draw them.
          </p>
        )}
        {geometry.missing.length > 0 && (
          <p className="map-note">Not on the map (no position in the plan): {geometry.missing.join(', ')}.</p>
        )}
        {loaded.projectionError && (
          <p className="map-note">There is no projection for this plan: {loaded.projectionError}</p>
        )}
        {layers.flows && picture.flows && picture.flows.arcs.length === 0 && (
          <p className="muted map-note-small">No placements between authorities to draw.</p>
        )}
        {exportError && <p className="field-error">{exportError}</p>}
        {exported && (
          <p className="muted map-note-small">
            Exported{' '}
            <a href={exported.url} download={exported.name} className="inline-link" data-testid="map-download">
              {exported.name}
            </a>
            .
          </p>
        )}
      </div>

      <div className={selectedArea ? 'map-body has-panel' : 'map-body'}>
        <div className="map-canvas">
          <MapSvg
            ref={svgRef}
            picture={picture}
            selected={selected}
            active={active}
            onActivate={setActive}
            onSelect={setSelected}
            onKeyDown={onAreaKey}
          />
          {activeArea && (
            <div
              className="map-tooltip"
              role="tooltip"
              data-testid="map-tooltip"
              style={{
                left: `${(MAP_FRAME.x + activeArea.x) * scale}px`,
                top: `${(MAP_FRAME.y + activeArea.bounds[0][1]) * scale}px`,
              }}
            >
              <p className="map-tooltip-name">{activeArea.name}</p>
              {year.kind === 'base' ? (
                activeArea.figures.base?.gap != null ? (
                  <>
                    <p>
                      Gap, observed: <strong>{gapPhrase(activeArea.figures.base.gap)}</strong>
                    </p>
                    <p className="muted">
                      {formatWholeNoNegativeZero(activeArea.figures.base.children ?? 0)} children,{' '}
                      {formatWholeNoNegativeZero(activeArea.figures.base.bedsNeeded ?? 0)} beds needed,{' '}
                      {formatWholeNoNegativeZero(activeArea.figures.base.places.accessible)} accessible places
                    </p>
                  </>
                ) : (
                  <p className="muted">No observed children in homes for {year.year}.</p>
                )
              ) : activeArea.figures.projected ? (
                <>
                  <p>
                    Median gap: <strong>{gapPhrase(activeArea.figures.projected.gap.p50)}</strong>
                  </p>
                  <p>80% range (P10 to P90): {gapRange(activeArea.figures.projected.gap)}</p>
                  <p className="muted">
                    {formatWholeNoNegativeZero(activeArea.figures.projected.bedsNeeded.p50)} beds needed,{' '}
                    {formatWholeNoNegativeZero(activeArea.figures.projected.accessiblePlaces)} accessible places
                  </p>
                </>
              ) : (
                <p className="muted">No projected gap for {year.year}.</p>
              )}
              {activeArea.figures.distance && (
                <p>
                  Placed 20+ miles away: {Math.round(activeArea.figures.distance.share * 100)}% (
                  {activeArea.figures.distance.period})
                </p>
              )}
              <p className="muted">Select for details</p>
            </div>
          )}
        </div>
        {selectedArea && (
          <MapPanel
            area={selectedArea}
            year={year}
            projection={projection}
            sources={sources}
            flowPeriod={flowPeriod}
            flowSources={[...new Set(loaded.data.flows.filter((f) => f.period === flowPeriod).map((f) => f.source))]}
            geometrySource={geometry.kind === 'boundaries' ? (loaded.data.boundaries?.sourceId ?? null) : null}
            onClose={closePanel}
          />
        )}
      </div>

      <div className="map-table-toggle">
        <button
          type="button"
          className="button button-small"
          aria-expanded={showTable}
          aria-controls={ids.table}
          onClick={() => setShowTable(!showTable)}
        >
          {showTable ? 'Hide the table' : 'Show the figures as a table'}
        </button>
      </div>
      <div id={ids.table} className={showTable ? 'table-scroll map-table-wrap' : 'visually-hidden'}>
        <table className="register-table map-table" data-testid="map-table">
          <caption>
            {picture.title}. One row per member authority; gap = beds needed − accessible places,{' '}
            {year.kind === 'base' ? 'observed (year 0)' : 'projected median'}.
          </caption>
          <thead>
            <tr>
              <th scope="col">Authority</th>
              {tableHeadings.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.code} data-code={row.code}>
                <th scope="row">{row.name}</th>
                {row.cells.map((cell, i) => (
                  <td key={i}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">Year shown: {longDate(year.year)}.</p>
      </div>
    </div>
  );
}
