/**
 * The Map view's data: the plan's map data (areas, shapes, flows) and its rate-method projection,
 * loaded together and again whenever the plan changes; the projection may fail on its own.
 */
import { useEffect, useState } from 'react';
import type { MapData } from '#shared/api/contract.js';
import type { ProjectionResult } from '#shared/forecast/types.js';
import type { PlanSummary } from '#shared/model/summary.js';
import { api } from '../../api';
import { toShownError } from '../../app/usePlanController';

export interface Loaded {
  data: MapData;
  projection: ProjectionResult | null;
  projectionError: string | null;
}

export function useMapData(summary: PlanSummary): { loaded: Loaded | null; loadError: string | null } {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

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
  return { loaded, loadError };
}
