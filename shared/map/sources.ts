/**
 * Every source behind what the Map draws, for its source line: the measures coloured, the layers
 * drawn, the flows' period, year 0's placements, and the geometry (imported boundaries, an imported
 * hex layout, or the boundary file whose centroids placed a generated one).
 */
import type { MapData } from '../api/contract.js';
import type { ProjectionResult } from '../forecast/types.js';
import type { Source } from '../model/dataset.js';
import type { PlanSummary } from '../model/summary.js';
import type { FillMeasure, GeometryKind, MapLayers } from './layers.js';
import type { MapYear } from './years.js';

export interface MapSources {
  /** Source ids used, in the order first met. */
  used: Set<string>;
  /** Every source known to the plan and the map data, by id. */
  byId: Map<string, Source>;
  /** The imported hex layout's own source, when that layout is drawn. */
  hexSource: Source | undefined;
  /** The boundary source whose centroids a generated hex layout rests on (none with an imported layout). */
  centroidSource: Source | undefined;
}

export function mapSources(
  summary: PlanSummary,
  data: MapData,
  kind: GeometryKind,
  layers: MapLayers,
  fill: FillMeasure,
  projection: ProjectionResult | null,
  flowPeriod: string | null,
  year: MapYear,
): MapSources {
  const byId = new Map([...summary.sources, ...data.sources].map((s) => [s.id, s]));
  const used = new Set<string>();
  const members = summary.authorities.filter((a) => a.isMember);
  for (const a of members) {
    const measuresUsed =
      fill === 'gap'
        ? (['childrenInChildrensHomes', 'population0to17'] as const)
        : (['placedOver20Miles', 'childrenLookedAfter'] as const);
    for (const m of measuresUsed) for (const p of a.history[m] ?? []) used.add(p.source);
    if (layers.distance) for (const p of a.history.placedOver20Miles ?? []) used.add(p.source);
    if (layers.supply || fill === 'gap') for (const s of a.supplyBySector) for (const id of s.sources) used.add(id);
  }
  if (layers.flows && flowPeriod) for (const f of data.flows) if (f.period === flowPeriod) used.add(f.source);
  if (year.kind === 'base')
    for (const a of projection?.areas ?? []) for (const id of a.base?.placedWhere?.sources ?? []) used.add(id);
  if (kind === 'boundaries' && data.boundaries) used.add(data.boundaries.sourceId);
  // The hex layout drawn: the imported one (its own source), else one generated from centroids.
  const hexSource =
    kind === 'hex' && data.hexLayout && data.hexLayoutSourceId ? byId.get(data.hexLayoutSourceId) : undefined;
  if (hexSource) used.add(hexSource.id);
  const centroidSource = hexSource
    ? undefined
    : [...byId.values()].find((s) => /boundar/i.test(s.id) || /boundar/i.test(s.title));
  if (kind === 'hex' && centroidSource) used.add(centroidSource.id);
  return { used, byId, hexSource, centroidSource };
}
