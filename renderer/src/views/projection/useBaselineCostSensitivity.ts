/**
 * The baseline's cost tornado for the Projection view, beside the gap's: the shared sensitivity
 * engine on the host's run of the baseline, asked for once the projection has settled.
 */
import { useEffect, useState } from 'react';
import type { ProjectionResult } from '#shared/forecast/types.js';
import { api } from '../../api';
import { sensitivityFromHost, type Sensitivity } from '../../models/sensitivity';

export function useBaselineCostSensitivity(projection: ProjectionResult | null, updating: boolean): Sensitivity | null {
  // The baseline's cost tornado beside the gap's (the shared engine, on the host's run of the baseline:
  // about a second of host work, so asked for only once the projection has settled).
  const [costSensitivity, setCostSensitivity] = useState<Sensitivity | null>(null);
  useEffect(() => {
    if (!projection || updating) return;
    let current = true;
    const timer = setTimeout(() => {
      api
        .runSensitivity({ id: 'baseline' })
        .then((host) => {
          if (current) setCostSensitivity(sensitivityFromHost(host));
        })
        .catch(() => {
          if (current) setCostSensitivity(null); // the gap's tornado stands alone
        });
    }, 1500);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [projection, updating]);
  return costSensitivity;
}
