import { Component, useMemo, type ReactNode } from 'react';
import type { MapData } from '#shared/api/contract.js';
import type { ProjectionResult } from '#shared/forecast/types.js';
import type { PlanSummary } from '#shared/model/summary.js';
import { defaultLayers, mapScales, mapYears } from '#shared/map/index.js';
import { buildGeometry } from '../../charts/map/geometry';
import { MapSvg } from '../../charts/map/MapSvg';
import { buildMapPicture } from '../../charts/map/picture';

export interface ReportMapProps {
  summary: PlanSummary;
  projection: ProjectionResult;
  data: MapData;
}

const ignore = () => undefined;

/**
 * The Map view's picture for the last projected year, coloured by the gap, with places by sector:
 * the same SVG the Map view draws and exports, here inert (the table below it is its text form).
 */
function MapPicture({ summary, projection, data }: ReportMapProps) {
  const picture = useMemo(() => {
    const { years } = mapYears(summary, projection);
    const year = [...years].reverse().find((y) => y.kind === 'projection');
    if (!year) return null;
    return buildMapPicture({
      summary,
      projection,
      data,
      geometry: buildGeometry(data, data.geometry),
      year,
      layers: { ...defaultLayers, fill: 'gap', flows: false },
      scales: mapScales(summary, projection),
      focus: null,
    });
  }, [summary, projection, data]);
  if (!picture) return <p className="report-note">There is no projected year to map.</p>;
  return (
    <div className="report-map" inert data-testid="report-map">
      <MapSvg
        picture={picture}
        selected={null}
        active={null}
        onActivate={ignore}
        onSelect={ignore}
        onKeyDown={ignore}
      />
    </div>
  );
}

interface BoundaryState {
  error: string | null;
}

/** A map that cannot be drawn leaves a note, not a broken report: the table carries the figures. */
class MapBoundary extends Component<{ children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { error: error instanceof Error ? error.message : String(error) };
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <p className="report-note" data-testid="report-map-fallback">
        The map could not be drawn ({this.state.error}); the table below gives the same figures.
      </p>
    );
  }
}

export function ReportMap(props: ReportMapProps) {
  return (
    <MapBoundary>
      <MapPicture {...props} />
    </MapBoundary>
  );
}
