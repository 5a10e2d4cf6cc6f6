/**
 * The consortium's members for a scenario context: the plan's member local authorities sorted by
 * ONS code, with their centroids and the haversine distances between them (a missing centroid's
 * distances assumed at the median of the known ones, with a warning).
 */
import { distanceMatrix } from '../../allocate/distance.js';
import type { Area } from '../../model/dataset.js';
import type { PlanData } from '../../model/summarise.js';
import type { ScenarioMember } from '../types.js';

/** The plan's member local authorities, sorted by ONS code; throws when there are none. */
export function memberAreas(data: PlanData): Area[] {
  const areas = data.areas
    .filter((a) => a.isMember && a.level === 'Local authority')
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  if (areas.length === 0) throw new Error('The consortium has no member authorities: choose them first.');
  return areas;
}

/** Members and distances (a missing centroid: distances assumed at the median of the known ones). */
export function membersAndDistances(
  areas: readonly Area[],
  warnings: string[],
): { members: ScenarioMember[]; distances: Float64Array } {
  const members: ScenarioMember[] = areas.map((a) => ({
    code: a.code,
    name: a.name,
    lat: a.centroidLat,
    lon: a.centroidLon,
  }));
  const located = members.map((m) => ({ code: m.code, lat: m.lat ?? 0, lon: m.lon ?? 0 }));
  const distances = distanceMatrix(located);
  const M = members.length;
  const unknown = members.map((m) => m.lat === null || m.lon === null);
  if (unknown.some(Boolean)) {
    const known: number[] = [];
    for (let i = 0; i < M; i++)
      for (let j = i + 1; j < M; j++) if (!unknown[i] && !unknown[j]) known.push(distances[i * M + j] ?? 0);
    known.sort((a, b) => a - b);
    const median = known.length ? (known[Math.floor(known.length / 2)] ?? 0) : 10;
    for (let i = 0; i < M; i++) {
      for (let j = 0; j < M; j++) {
        if (i !== j && (unknown[i] || unknown[j])) distances[i * M + j] = median;
      }
    }
    warnings.push(
      `No centroid for ${members
        .filter((_, i) => unknown[i])
        .map((m) => m.name)
        .join(', ')}: distances to them are assumed to be ${median.toFixed(1)} miles (the median of the others).`,
    );
  }
  return { members, distances };
}
