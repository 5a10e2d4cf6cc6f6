/**
 * The Map's colour scales, fixed over every year so colours compare across the slider: the bed gap
 * (diverging about 0) and the share placed more than 20 miles away (sequential).
 */
import type { ScaleDiverging, ScaleSequential } from 'd3';
import type { ProjectionResult } from '../forecast/types.js';
import { gapColourScale, shareColourScale } from '../geo/index.js';
import type { PlanSummary } from '../model/summary.js';

export interface MapScales {
  gap: ScaleDiverging<string>;
  share: ScaleSequential<string>;
}

/**
 * The scales' domains, from the largest values over every year: the largest absolute gap (projected
 * median or observed year 0), and the largest share placed 20+ miles away rounded up to the next 5
 * percentage points (at least 5%).
 */
export function mapScaleDomains(
  summary: PlanSummary,
  projection: ProjectionResult | null,
): { maxGap: number; shareTop: number } {
  const maxGap = Math.max(
    0,
    ...(projection?.areas ?? []).flatMap((a) => [
      ...a.years.map((y) => Math.abs(y.gap.p50)),
      ...(a.base?.gap != null ? [Math.abs(a.base.gap)] : []),
    ]),
  );
  let maxShare = 0;
  for (const a of summary.authorities) {
    if (!a.isMember) continue;
    const cla = new Map((a.history.childrenLookedAfter ?? []).map((p) => [p.period, p.value]));
    for (const p of a.history.placedOver20Miles ?? []) {
      const d = cla.get(p.period);
      if (p.value !== null && d) maxShare = Math.max(maxShare, p.value / d);
    }
  }
  // Shares rounded up to the next 5 percentage points.
  const shareTop = Math.max(0.05, Math.ceil(maxShare * 20) / 20);
  return { maxGap, shareTop };
}

/** Scales fixed over every year (so colours compare across the slider), from the largest values. */
export function mapScales(summary: PlanSummary, projection: ProjectionResult | null): MapScales {
  const { maxGap, shareTop } = mapScaleDomains(summary, projection);
  return { gap: gapColourScale(maxGap), share: shareColourScale(shareTop) };
}
