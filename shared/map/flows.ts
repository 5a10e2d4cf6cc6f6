/**
 * Which placement flows the Map draws: the chosen authority's, or with none chosen the largest few;
 * how many children the drawn arrows take outside the consortium; and whether the flows are
 * illustrative rather than published.
 */
import type { FlowArc, FlowLayout } from '../geo/index.js';
import type { Source } from '../model/dataset.js';
import { OUTSIDE_CONSORTIUM, type PlacementFlow } from '../model/placements.js';

/** With no LA chosen, only this many of the largest flows are drawn (all of them would hide the map). */
export const FLOWS_SHOWN_UNSELECTED = 16;

/**
 * The arrows drawn: every arrow from the focused LA (by placing code), else the largest
 * FLOWS_SHOWN_UNSELECTED (the layout lists them largest first); and the children in the drawn arrows
 * to the outside node (all members' when no LA is focused).
 */
export function shownFlows(
  layout: Pick<FlowLayout, 'arcs' | 'outside'>,
  focus: string | null,
): { shown: FlowArc[]; outsideChildren: number } {
  const shown = focus ? layout.arcs.filter((a) => a.placing === focus) : layout.arcs.slice(0, FLOWS_SHOWN_UNSELECTED);
  return {
    shown,
    outsideChildren: focus
      ? shown.filter((a) => a.host === OUTSIDE_CONSORTIUM).reduce((t, a) => t + a.children, 0)
      : (layout.outside?.children ?? 0),
  };
}

/** Whether any source of the period's flows is marked illustrative. */
export function flowsIllustrative(
  flows: readonly PlacementFlow[],
  period: string,
  sources: readonly Source[],
): boolean {
  const flowSources = new Set(flows.filter((f) => f.period === period).map((f) => f.source));
  return sources.some((s) => flowSources.has(s.id) && s.illustrative);
}
