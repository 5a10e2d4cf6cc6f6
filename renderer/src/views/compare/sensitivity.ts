/**
 * A first-order sensitivity of one scenario's five-year cost and final-year bed gap to its key
 * assumptions (each ±20%), worked out from what a run already returns, without running anything
 * again:
 *
 * - a price or cost assumption scales the cost component it prices (placements held where the model
 *   put them; the gap does not depend on prices);
 * - demand (children needing a place) scales beds needed, so the gap moves by ±20% of beds needed
 *   (exact, since gap = beds needed − accessible places); the cost moves by the extra child-years
 *   at the marginal cost per child-year read from the run's own demand simulations (P10 to P90);
 * - target occupancy changes beds needed = children ÷ occupancy (capped at 100%), so its effect on
 *   the gap is exact; its effect on cost needs a re-allocation and is marked as not estimated.
 *
 * A full sensitivity (re-running the allocation with each assumption changed) needs the host to run
 * scenarios with assumption overrides; see the report. Pure, unit-tested.
 */
import type { CallResults } from '../../../../shared/api/contract.js';
import type { ScenarioOutcome } from '../../../../shared/scenario/types.js';
import type { TornadoPoint, TornadoRow } from '../../charts/scenarioCharts';
import { formatMoney, formatPounds, formatShare } from '../scenarios/scenarioFormat';

export interface Sensitivity {
  /** The scenario's five-year cost (£) and final-year gap (beds). */
  base: TornadoPoint;
  rows: TornadoRow[];
  /** The relative change tried, e.g. 0.2 for ±20%. */
  step: number;
  finalYear: string;
  /** £ per extra child-year used for the demand row; null when there were no children. */
  marginalCostPerChildYear: number | null;
  marginalCostBasis: 'simulations' | 'average';
}

/**
 * The sensitivity of an outcome to its key assumptions, each `step` lower and higher (see the file
 * comment for what is exact and what is approximate).
 */
export function sensitivityFromOutcome(outcome: ScenarioOutcome, step = 0.2): Sensitivity {
  const totals = outcome.totals;
  const cost = totals.cost;
  const last = outcome.years[outcome.years.length - 1];
  const base: TornadoPoint = { cost: cost.total, gap: totals.finalYearGap };
  const assumption = (key: string) => outcome.assumptions.find((a) => a.key === key);
  const pct = `${Math.round(step * 100)}%`;
  const rows: TornadoRow[] = [];

  const costRow = (key: string, label: string, amount: number, detail?: string) => {
    if (Math.abs(amount) < 0.5) return;
    rows.push({
      key,
      label,
      ...(detail ? { detail } : {}),
      low: { cost: base.cost - step * amount, gap: base.gap },
      high: { cost: base.cost + step * amount, gap: base.gap },
    });
  };
  const weekly = (key: string) => {
    const a = assumption(key);
    return a ? `${formatPounds(a.value)} a week ± ${pct}` : undefined;
  };

  const bySector = cost.placementsBySector;
  costRow(
    'price.private',
    'Private and outside price',
    bySector.private + bySector.outsideConsortium,
    weekly('price.private'),
  );
  costRow('price.localAuthority', 'LA-run home cost', bySector.localAuthority, weekly('price.localAuthority'));
  costRow('price.voluntary', 'Voluntary home price', bySector.voluntary, weekly('price.voluntary'));
  costRow('blockPrice', 'Block contract prices', cost.blockContracts + cost.voids, `each contract’s price ± ${pct}`);
  costRow('capital', 'New homes’ capital cost', cost.capital, `${formatMoney(cost.capital)} ± ${pct}`);
  costRow('running', 'New homes’ running cost', cost.running, `${formatMoney(cost.running)} ± ${pct}`);
  costRow('programmes', 'Programme costs', cost.programmes, `${formatMoney(cost.programmes)} ± ${pct}`);
  costRow('unmetWeeklyCost', 'Cost without a registered place', bySector.unmet, weekly('unmetWeeklyCost'));

  // Demand: marginal cost per child-year from the run's own spread of outcomes, else the average.
  const spreadChildren = totals.percentiles.children.p90 - totals.percentiles.children.p10;
  const spreadCost = totals.percentiles.totalCost.p90 - totals.percentiles.totalCost.p10;
  let marginal: number | null = null;
  let basis: Sensitivity['marginalCostBasis'] = 'average';
  if (spreadChildren > 1 && Number.isFinite(spreadCost / spreadChildren) && spreadCost > 0) {
    marginal = spreadCost / spreadChildren;
    basis = 'simulations';
  } else if (totals.children > 0) {
    marginal =
      (bySector.localAuthority + bySector.private + bySector.voluntary + bySector.outsideConsortium) / totals.children;
  }
  if (last && last.bedsNeeded > 0) {
    const extraChildYears = step * totals.children;
    rows.push({
      key: 'demand',
      label: 'Children needing a place',
      detail: `${Math.round(last.demand).toLocaleString('en-GB')} in ${last.year} ± ${pct}`,
      low: { cost: base.cost - extraChildYears * (marginal ?? 0), gap: base.gap - step * last.bedsNeeded },
      high: { cost: base.cost + extraChildYears * (marginal ?? 0), gap: base.gap + step * last.bedsNeeded },
      ...(marginal === null ? { notEstimated: ['cost' as const] } : {}),
    });
  }

  // Target occupancy: beds needed = children ÷ occupancy (capped at 100%).
  const occupancy = assumption('targetOccupancy')?.value;
  if (last && occupancy !== undefined && occupancy > 0) {
    const lower = occupancy * (1 - step);
    const higher = Math.min(1, occupancy * (1 + step));
    const gapAt = (occ: number) => last.demand / occ - last.accessiblePlaces;
    rows.push({
      key: 'targetOccupancy',
      label: 'Target occupancy',
      detail: `${formatShare(occupancy, 0)}: ${formatShare(lower, 0)} / ${formatShare(higher, 0)}${higher < occupancy * (1 + step) ? ' (at most 100%)' : ''}`,
      low: { cost: base.cost, gap: gapAt(lower) },
      high: { cost: base.cost, gap: gapAt(higher) },
      notEstimated: ['cost'],
    });
  }

  return {
    base,
    rows,
    step,
    finalYear: last?.year ?? '',
    marginalCostPerChildYear: marginal,
    marginalCostBasis: basis,
  };
}

/** The host's full sensitivity (each assumption changed and the allocation run again), for the tornado. */
export type HostSensitivity = Omit<CallResults['runSensitivity'], 'scenario'>;

const describeValue = (value: number, unit: string): string => {
  if (unit.startsWith('share') || unit === 'per year') return formatShare(value);
  if (unit.startsWith('£')) return `${formatPounds(value)} ${unit.slice(1).trim()}`;
  if (unit.startsWith('×') || unit === 'children') return `× ${value.toFixed(2)}`;
  return `${value}`;
};

/** The tornado rows from the host's re-runs: exact, unlike the first-order estimate above. */
export function sensitivityFromHost(host: HostSensitivity, finalYear: string): Sensitivity {
  return {
    base: { cost: host.base.cost, gap: host.base.gap },
    rows: host.bars.map((b) => ({
      key: b.key,
      label: b.label,
      detail: `${describeValue(b.lowValue, b.unit)} to ${describeValue(b.highValue, b.unit)}`,
      low: { cost: b.low.cost, gap: b.low.gap },
      high: { cost: b.high.cost, gap: b.high.gap },
    })),
    step: host.variation,
    finalYear,
    marginalCostPerChildYear: null,
    marginalCostBasis: 'average',
  };
}
