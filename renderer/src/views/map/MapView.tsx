/** The Map view: state (year, layers, selection), the picture, controls, tooltip, panel and table. */
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { flowPeriodFor } from '#shared/geo/index.js';
import { defaultLayers, mapScales, mapYears, type GeometryKind, type MapLayers } from '#shared/map/index.js';
import type { Source } from '#shared/model/dataset.js';
import { api } from '../../api';
import { usePlan } from '../../app/PlanContext';
import { MAP_WIDTH } from '../../charts/map/frame';
import { buildGeometry, shapeInDirection } from '../../charts/map/geometry';
import { MapSvg } from '../../charts/map/MapSvg';
import { buildMapPicture } from '../../charts/map/picture';
import { baseYearSourceNote } from './baseYearNote';
import { MapControls } from './MapControls';
import { exportFileStem } from './mapExport';
import { MapPanel } from './MapPanel';
import { MapTable } from './MapTable';
import { MapTooltip } from './MapTooltip';
import { useMapData } from './useMapData';
import { useMapExport } from './useMapExport';
import './map.css';

const arrowDirections = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' } as const;

/**
 * The Map: which member LAs will be short of children’s home places in a chosen year and by how much,
 * where their children are placed today, and where the places are. Hex layout or imported boundaries.
 */
export function MapView() {
  const { summary, perform } = usePlan();
  const { loaded, loadError } = useMapData(summary);
  const [layers, setLayers] = useState<MapLayers>(defaultLayers);
  const [chosenYear, setChosenYear] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [showTable, setShowTable] = useState(false);
  const [scale, setScale] = useState(1);
  const svgRef = useRef<SVGSVGElement>(null);
  const ids = { year: useId(), table: useId(), heading: useId() };

  // The rendered size of the picture, to place the tooltip over the shape.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const observer = new ResizeObserver(() => setScale(svg.getBoundingClientRect().width / MAP_WIDTH || 1));
    observer.observe(svg);
    return () => observer.disconnect();
  }, [loaded]);

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

  const stem = year
    ? exportFileStem(summary.consortium.name, year.year, picture?.fill === 'gap' ? 'gap' : 'distance')
    : 'map';
  const { exported, exportError, exportSvg, exportPng } = useMapExport(svgRef, picture, stem);

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
  const hasBoundaries = loaded.data.boundaries !== null;
  const flowPeriod = flowPeriodFor(loaded.data.flows, year.year);
  const firstProjected = years.find((y) => y.kind === 'projection')?.year ?? null;
  const baseNote = baseYearSourceNote(summary, projection, year, sources);

  return (
    <div className="map-view">
      <div className="view-header">
        <h1 id={ids.heading}>Map</h1>
      </div>

      <MapControls
        yearId={ids.year}
        years={years}
        yearIndex={yearIndex}
        year={year}
        firstProjected={firstProjected}
        layers={layers}
        data={loaded.data}
        hasBoundaries={hasBoundaries}
        setChosenYear={setChosenYear}
        setLayers={setLayers}
        setGeometry={setGeometry}
        exportSvg={exportSvg}
        exportPng={exportPng}
      />

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
          {activeArea && <MapTooltip activeArea={activeArea} year={year} scale={scale} />}
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

      <MapTable tableId={ids.table} picture={picture} year={year} showTable={showTable} setShowTable={setShowTable} />
    </div>
  );
}
