/**
 * The Map view's controls: the year slider, the measure colouring the areas, the layers, the shapes
 * (hex layout or boundaries) and the export buttons.
 */
import type { MapData } from '#shared/api/contract.js';
import type { GeometryKind, MapLayers, MapYear } from '#shared/map/index.js';
import { yearKindWords } from '../../charts/map/words';

export interface MapControlsProps {
  yearId: string;
  years: readonly MapYear[];
  yearIndex: number;
  year: MapYear;
  /** The first projected year, named beside the slider's range; null without a projection. */
  firstProjected: string | null;
  layers: MapLayers;
  data: MapData;
  hasBoundaries: boolean;
  setChosenYear(year: string | null): void;
  setLayers(layers: MapLayers): void;
  setGeometry(kind: GeometryKind): void;
  exportSvg(): void;
  exportPng(): Promise<void>;
}

export function MapControls({
  yearId,
  years,
  yearIndex,
  year,
  firstProjected,
  layers,
  data,
  hasBoundaries,
  setChosenYear,
  setLayers,
  setGeometry,
  exportSvg,
  exportPng,
}: MapControlsProps) {
  return (
    <div className="map-controls" role="group" aria-label="Map controls">
      <div className="map-year" data-workshop-keep>
        <label htmlFor={yearId}>Year</label>
        <input
          id={yearId}
          type="range"
          min={0}
          max={Math.max(0, years.length - 1)}
          step={1}
          value={yearIndex}
          aria-valuetext={`${year.year}, ${yearKindWords(year)}`}
          data-testid="map-year"
          onChange={(e) => setChosenYear(years[Number(e.target.value)]?.year ?? null)}
        />
        <output htmlFor={yearId} className="map-year-value" data-testid="map-year-value">
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
            disabled={data.flows.length === 0}
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
            checked={data.geometry === 'hex'}
            onChange={() => setGeometry('hex')}
          />
          Hex layout
        </label>
        <label title={hasBoundaries ? undefined : 'Import ONS boundaries (GeoJSON or TopoJSON) to draw them'}>
          <input
            type="radio"
            name="map-geometry"
            checked={data.geometry === 'boundaries'}
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
  );
}
