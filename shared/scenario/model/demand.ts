/**
 * What the demand levers (prevention, step-down) and distance policies do to each member's children
 * year by year.
 *
 *
 * **Demand levers** act on the projection through a stock-flow view of children's homes: children
 * leave at rate μ = 1 ÷ mean placement length; prevention cuts entries by x, step-down adds an exit
 * rate y to foster care. Relative to the projection (taken as the no-lever path),
 * dS/dt = μ(1 − x) − (μ + y)S with S(0) = 1, stepped monthly with the exact solution, so a 10% cut in
 * entries shows about 6% fewer children after a year and approaches 10%. Stepped-down children are
 * assumed to stay in foster care as long as they would have stayed in the home (dF/dt = yS − μF).
 * Together, prevention levers cut entries by at most `preventionMaxShare` and step-down levers move at
 * most `stepDownMaxShare` of children a year (settings, with their reasons in the assumptions). Each
 * entry prevented costs the delivery cost per child × children worked with per entry prevented; each
 * child stepped down a one-off cost.
 */
import type { Lever } from '../levers.js';
import type { ScenarioContext } from '../types.js';
import { memberIndexes, rampShare, yearNumber } from './units.js';

export interface DemandEffects {
  /** Multiplier on the projection's demand, `multiplier[i × H + h]`. */
  multiplier: Float64Array;
  /** Children stepped down to foster care per unit of projected demand, `steppedDown[i × H + h]`. */
  steppedDown: Float64Array;
  /** Foster cost of those children per unit of projected demand, £ a week (at the price year). */
  fosterWeekly: Float64Array;
  /** Entries to children's homes prevented in the year per unit of projected demand. */
  prevented: Float64Array;
  /** Children moved to foster care in the year per unit of projected demand. */
  movedDown: Float64Array;
  /** Delivery cost in the year per unit of projected demand, £ (at the price year): prevention and step-down per child. */
  deliveryCost: Float64Array;
  /** Per lever: whether the combined cap cut its effect in any year (for prevention and step-down levers). */
  capped: boolean[];
}

/** Cost per child worked with, children worked with per entry prevented, and one-off step-down cost: the levers' own or the context's. */
export function deliveryAssumptions(context: ScenarioContext, lever: Lever): { perChild: number; workedWith: number } {
  const d = context.settings.delivery;
  if (lever.type === 'prevention') {
    return {
      perChild: lever.costPerChild ?? d.preventionCostPerChild,
      workedWith: lever.workedWithPerEntryPrevented ?? d.preventionWorkedWithPerEntryPrevented,
    };
  }
  if (lever.type === 'stepDown') return { perChild: lever.costPerChild ?? d.stepDownCostPerChild, workedWith: 1 };
  return { perChild: 0, workedWith: 0 };
}

export function demandEffects(context: ScenarioContext, levers: readonly Lever[]): DemandEffects {
  const M = context.members.length;
  const H = context.years.length;
  const multiplier = new Float64Array(M * H).fill(1);
  const steppedDown = new Float64Array(M * H);
  const fosterWeekly = new Float64Array(M * H);
  const prevented = new Float64Array(M * H);
  const movedDown = new Float64Array(M * H);
  const deliveryCost = new Float64Array(M * H);
  const capped = levers.map(() => false);
  const mu = 1 / context.settings.meanPlacementYears;
  const { preventionMaxShare, stepDownMaxShare } = context.settings;
  const dt = 1 / 12;
  const leave = Math.exp(-mu * dt);
  const startIndex = (year: string) => yearNumber(year) - yearNumber(context.years[0] ?? year);
  for (let i = 0; i < M; i++) {
    const code = context.members[i]?.code;
    const applies = (la: string) => la === 'all' || la === code;
    const prevention: { lever: Extract<Lever, { type: 'prevention' }>; k: number }[] = [];
    const stepDown: { lever: Extract<Lever, { type: 'stepDown' }>; k: number }[] = [];
    levers.forEach((l, k) => {
      if (l.type === 'prevention' && applies(l.la)) prevention.push({ lever: l, k });
      if (l.type === 'stepDown' && applies(l.la)) stepDown.push({ lever: l, k });
    });
    if (prevention.length === 0 && stepDown.length === 0) continue;
    let S = 1;
    const F = new Float64Array(stepDown.length);
    for (let h = 0; h < H; h++) {
      // Prevention: the combined cut in entries, at most the plausible share; each lever's part pro rata.
      const xs = prevention.map(
        ({ lever }) => lever.entriesReduction * rampShare(lever.rampUp, h - startIndex(lever.startYear)),
      );
      const wanted = 1 - xs.reduce((keep, x) => keep * (1 - x), 1);
      const x = Math.min(wanted, preventionMaxShare);
      if (wanted > x + 1e-12) prevention.forEach(({ k }) => (capped[k] = true));
      // Step-down: the combined exit rate, at most the plausible share a year.
      const wantedYs = stepDown.map(
        ({ lever }) => lever.annualShare * rampShare(lever.rampUp, h - startIndex(lever.startYear)),
      );
      const wantedY = wantedYs.reduce((s, v) => s + v, 0);
      const scale = wantedY > stepDownMaxShare ? stepDownMaxShare / wantedY : 1;
      if (scale < 1) stepDown.forEach(({ k }) => (capped[k] = true));
      const ys = wantedYs.map((v) => v * scale);
      const y = ys.reduce((s, v) => s + v, 0);
      const k = mu + y;
      const target = (mu * (1 - x)) / k;
      const decay = Math.exp(-k * dt);
      const moved = new Float64Array(stepDown.length);
      for (let month = 0; month < 12; month++) {
        const next = target + (S - target) * decay;
        const mean = (S + next) / 2;
        for (let q = 0; q < F.length; q++) {
          F[q] = (F[q] ?? 0) * leave + (ys[q] ?? 0) * mean * ((1 - leave) / mu);
          moved[q] = (moved[q] ?? 0) + (ys[q] ?? 0) * mean * dt;
        }
        S = next;
      }
      multiplier[i * H + h] = S;
      // Entries the projection expects in the year (μ × its stock) × the cut.
      const entriesPrevented = mu * x;
      prevented[i * H + h] = entriesPrevented;
      let delivery = 0;
      if (wanted > 0) {
        prevention.forEach(({ lever }, q) => {
          const share = (xs[q] ?? 0) / xs.reduce((s, v) => s + v, 0);
          const { perChild, workedWith } = deliveryAssumptions(context, lever);
          delivery += entriesPrevented * share * workedWith * perChild;
        });
      }
      let fostered = 0;
      let weekly = 0;
      let movedTotal = 0;
      stepDown.forEach(({ lever }, q) => {
        const f = F[q] ?? 0;
        fostered += f;
        weekly += f * (lever.fosterWeeklyCost ?? context.prices.fosterAgency);
        movedTotal += moved[q] ?? 0;
        delivery += (moved[q] ?? 0) * deliveryAssumptions(context, lever).perChild;
      });
      steppedDown[i * H + h] = fostered;
      fosterWeekly[i * H + h] = weekly;
      movedDown[i * H + h] = movedTotal;
      deliveryCost[i * H + h] = delivery;
    }
  }
  return { multiplier, steppedDown, fosterWeekly, prevented, movedDown, deliveryCost, capped };
}

/**
 * Share of each member's children under a distance policy per year: those placed since it began —
 * 1 − exp(−t ÷ mean placement length) after t years — unless the lever gives its own ramp-up.
 */
export function policyShares(context: ScenarioContext, levers: readonly Lever[], h: number): Float64Array {
  const M = context.members.length;
  const shares = new Float64Array(M);
  const year = yearNumber(context.years[h] ?? '0');
  for (const lever of levers) {
    if (lever.type !== 'distancePolicy') continue;
    const t = year - yearNumber(lever.startYear);
    if (t < 0) continue;
    const share = lever.rampUp
      ? rampShare(lever.rampUp, t)
      : 1 - Math.exp(-(t + 1) / context.settings.meanPlacementYears);
    for (const i of memberIndexes(context, lever.la)) shares[i] = Math.max(shares[i] ?? 0, share);
  }
  return shares;
}
