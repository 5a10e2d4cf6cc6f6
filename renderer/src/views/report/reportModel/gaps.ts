/**
 * The gap by authority in the horizon year, largest shortfall first, for the report's gap map and
 * its table. Pure, unit-tested.
 */
import type { AreaProjection, ProjectionResult } from '#shared/forecast/types.js';
import { gapRangeWords, gapWords } from '#renderer/models/projectionModel.js';
import { shortfallProbability } from '#renderer/models/evidenceModel.js';
import { formatRange, formatWhole } from '#renderer/format/numbers.js';

export interface GapRow {
  code: string;
  name: string;
  kind: 'member' | 'consortium';
  children: string;
  beds: string;
  bedsRange: string;
  accessible: string;
  gap: string;
  gapKind: 'short' | 'surplus' | 'balanced';
  gapRange: string;
  chance: string;
  /** Unrounded median gap, for ordering. */
  gapValue: number;
}

function gapRow(area: AreaProjection, kind: GapRow['kind']): GapRow | null {
  const y = area.years.at(-1);
  if (!y) return null;
  const words = gapWords(y.gap.p50);
  return {
    code: area.code,
    name: area.name,
    kind,
    children: formatWhole(y.demand.p50),
    beds: formatWhole(y.bedsNeeded.p50),
    bedsRange: formatRange(y.bedsNeeded),
    accessible: formatWhole(y.accessiblePlaces),
    gap: words.text,
    gapKind: words.kind,
    gapRange: gapRangeWords(y.gap),
    chance: shortfallProbability(y).text,
    gapValue: y.gap.p50,
  };
}

/** The last projected year's gap for each member (largest shortfall first), then the consortium. */
export function gapByAuthority(projection: ProjectionResult): { year: string | null; rows: GapRow[] } {
  const rows = projection.areas
    .map((a) => gapRow(a, 'member'))
    .filter((r): r is GapRow => r !== null)
    .sort((a, b) => b.gapValue - a.gapValue || a.name.localeCompare(b.name, 'en-GB'));
  const consortium = gapRow(projection.consortium, 'consortium');
  return { year: projection.years.at(-1) ?? null, rows: consortium ? [...rows, consortium] : rows };
}
