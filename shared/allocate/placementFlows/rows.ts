/** The modelled flows as rows: whole children per placing → host pair, rounded to totals, and restricted to a consortium's members. */
import { OUTSIDE_CONSORTIUM, type PlacementFlow } from '../../model/placements.js';
import type { PlacementFlowModel } from './types.js';

export interface FlowRowOptions {
  /** Snapshot the flows describe, e.g. "2024". */
  period: string;
  /** Source id for every row (a Source with `illustrative: false`; see modelledFlowsSource). */
  source: string;
  /** Decimal places kept (default 2); cells that round to 0 are left out. */
  decimals?: number;
}

/** Every modelled flow as a PlacementFlow row (fractional children), placing authority by placing authority. */
export function placementFlowRows(model: PlacementFlowModel, options: FlowRowOptions): PlacementFlow[] {
  const n = model.codes.length;
  const scale = 10 ** (options.decimals ?? 2);
  const rows: PlacementFlow[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const children = Math.round((model.flows[i * n + j] ?? 0) * scale) / scale;
      if (children > 0) {
        rows.push({
          placingArea: model.codes[i]!,
          hostArea: model.codes[j]!,
          period: options.period,
          children,
          source: options.source,
        });
      }
    }
  }
  return rows;
}

/**
 * Rounds non-negative values to whole numbers summing exactly to `total` (largest remainder; ties to
 * the earlier index, so the result is deterministic).
 */
export function roundToTotal(values: readonly number[], total: number): number[] {
  const floors = values.map((v) => Math.floor(Math.max(0, v)));
  let remaining = Math.round(total) - floors.reduce((s, v) => s + v, 0);
  const order = values
    .map((v, i) => ({ i, frac: Math.max(0, v) - Math.floor(Math.max(0, v)) }))
    .sort((p, q) => q.frac - p.frac || p.i - q.i);
  for (let k = 0; remaining > 0 && order.length > 0; k = (k + 1) % order.length) {
    const at = order[k]!.i;
    floors[at] = (floors[at] ?? 0) + 1;
    remaining--;
  }
  while (remaining < 0) {
    let largest = 0;
    floors.forEach((v, i) => {
      if (v > (floors[largest] ?? 0)) largest = i;
    });
    if ((floors[largest] ?? 0) === 0) break;
    floors[largest] = (floors[largest] ?? 0) - 1;
    remaining++;
  }
  return floors;
}

export interface ConsortiumFlowOptions {
  /** Snapshot of the rows returned. */
  period: string;
  /** Source id of the rows returned. */
  source: string;
  /**
   * Each member's children in secure and children's homes, when the plan's figure should set the
   * total (say, a later year than the national flows); otherwise the national flows' own total.
   */
  childrenInHomes?: ReadonlyMap<string, number>;
  /** Round to whole children (default true), each member's rows summing exactly to its total. */
  whole?: boolean;
}

export interface ConsortiumFlows {
  /** Member → member rows, then one member → OUTSIDE_CONSORTIUM row; rows with no children left out. */
  flows: PlacementFlow[];
  /** Members the national flows do not place from (no children in homes, or not in the model). */
  membersWithoutFlows: string[];
}

/**
 * Restricts national flows (one period's rows, as placementFlowRows gives) to a consortium: each
 * member's children go to members by their national flows, and everything else to
 * OUTSIDE_CONSORTIUM, so that the member's rows sum to its children in homes. The split is the
 * national one, scaled to `childrenInHomes` where given, and rounded by largest remainder.
 */
export function consortiumFlows(
  national: readonly PlacementFlow[],
  members: readonly string[],
  options: ConsortiumFlowOptions,
): ConsortiumFlows {
  const memberSet = new Set(members);
  const byPlacing = new Map<string, Map<string, number>>();
  for (const f of national) {
    if (!memberSet.has(f.placingArea)) continue;
    const host = memberSet.has(f.hostArea) ? f.hostArea : OUTSIDE_CONSORTIUM;
    const row = byPlacing.get(f.placingArea) ?? new Map<string, number>();
    row.set(host, (row.get(host) ?? 0) + f.children);
    byPlacing.set(f.placingArea, row);
  }
  const hosts = [...new Set(members), OUTSIDE_CONSORTIUM];
  const flows: PlacementFlow[] = [];
  const membersWithoutFlows: string[] = [];
  for (const placing of new Set(members)) {
    const row = byPlacing.get(placing);
    const modelled = hosts.map((h) => row?.get(h) ?? 0);
    const modelledTotal = modelled.reduce((s, v) => s + v, 0);
    if (!(modelledTotal > 0)) {
      membersWithoutFlows.push(placing);
      continue;
    }
    const total = options.childrenInHomes?.get(placing) ?? modelledTotal;
    const scaled = modelled.map((v) => (v * total) / modelledTotal);
    const children = options.whole === false ? scaled : roundToTotal(scaled, total);
    hosts.forEach((host, k) => {
      const c = children[k] ?? 0;
      if (c > 0)
        flows.push({
          placingArea: placing,
          hostArea: host,
          period: options.period,
          children: c,
          source: options.source,
        });
    });
  }
  return { flows, membersWithoutFlows };
}
