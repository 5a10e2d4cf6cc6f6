/**
 * The Map picture's source line: every source behind what is drawn, shortened, with the projection,
 * the geometry and the licences, wrapped to the picture's width.
 */
import type { MapData } from '#shared/api/contract.js';
import type { ProjectionResult } from '#shared/forecast/types.js';
import {
  baseSnapshot,
  mapSources,
  type FillMeasure,
  type GeometryKind,
  type MapLayers,
  type MapYear,
} from '#shared/map/index.js';
import type { Source } from '#shared/model/dataset.js';
import { formatSnapshot } from '#shared/model/dates.js';
import type { PlanSummary } from '#shared/model/summary.js';
import { shortTitle, wrap } from './words';
import { formatWholeNoNegativeZero } from '../../format/numbers';

/** The source line: every source behind what is drawn, shortened, wrapped to fit the picture's width. */
export function sourceLines(
  summary: PlanSummary,
  data: MapData,
  kind: GeometryKind,
  layers: MapLayers,
  fill: FillMeasure,
  projection: ProjectionResult | null,
  flowPeriod: string | null,
  year: MapYear,
): string[] {
  const { used, byId, hexSource, centroidSource } = mapSources(
    summary,
    data,
    kind,
    layers,
    fill,
    projection,
    flowPeriod,
    year,
  );

  const parts: string[] = [];
  for (const id of used) {
    const s: Source | undefined = byId.get(id);
    if (!s) continue;
    const text = s.illustrative
      ? `${shortTitle(s.title, 60)} (illustrative, not published data)`
      : `${s.publisher}, ${shortTitle(s.title, 90)}`;
    if (!parts.includes(text)) parts.push(text);
  }
  const notes: string[] = [];
  if (fill === 'gap' && projection && year.kind === 'base') {
    const snapshot = baseSnapshot(projection);
    notes.push(
      `Year 0 (${year.year}): observed children in homes ÷ target occupancy less accessible places${snapshot ? ` at the Ofsted snapshot of ${formatSnapshot(snapshot)}` : ''}, by the projection’s definitions.`,
    );
  } else if (fill === 'gap' && projection) {
    notes.push(
      `Projection: Sufficiency Planner, ${projection.method === 'manual' ? 'manual growth' : 'rate'} method from ${projection.baseYear}${projection.simulations > 0 ? `, ${formatWholeNoNegativeZero(projection.simulations)} simulations` : ''}.`,
    );
  }
  notes.push(
    kind === 'hex'
      ? data.hexLayout
        ? `Hex layout imported${hexSource ? ` from ${hexSource.file || shortTitle(hexSource.title, 60)}` : ''} (one hexagon per authority; not to scale).`
        : 'Hex layout generated from LA centroids (one hexagon per authority; not to scale).'
      : 'Boundaries in a British National Grid projection.',
  );
  const licences = [...used].some((id) => byId.get(id)?.licence.includes('Open Government'))
    ? ' Open Government Licence v3.0.'
    : '';
  const os = kind === 'boundaries' || centroidSource ? ' Contains OS data © Crown copyright and database right.' : '';
  const text = `Sources: ${parts.join('; ')}. ${notes.join(' ')}${licences}${os}`;
  return wrap(text, 150);
}
