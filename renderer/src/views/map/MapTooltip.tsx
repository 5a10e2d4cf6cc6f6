/**
 * The tooltip over the area under the pointer or keyboard focus: its gap (observed in year 0, else
 * the projected median and range), beds needed and places, and the share placed 20+ miles away.
 */
import type { MapYear } from '#shared/map/index.js';
import { MAP_FRAME } from '../../charts/map/frame';
import type { MapArea } from '../../charts/map/types';
import { gapPhrase, gapRange } from '../../charts/map/words';
import { formatWholeNoNegativeZero } from '../../format/numbers';

export interface MapTooltipProps {
  activeArea: MapArea;
  year: MapYear;
  /** The rendered size of the picture over its viewBox, to place the tooltip over the shape. */
  scale: number;
}

export function MapTooltip({ activeArea, year, scale }: MapTooltipProps) {
  return (
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
  );
}
