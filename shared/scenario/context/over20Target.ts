/**
 * The calibration target: the share of children's homes placements more than 20 miles from home the
 * baseline should reproduce — the caller's, the plan's register, the members' published share scaled
 * to children's homes, or the national share — with its basis.
 */
import type { PlanData } from '../../model/summarise.js';
import {
  ENGLAND,
  ENGLAND_ALL_CLA_OVER_20_MILES_SHARE_2024,
  NATIONAL_CHILDRENS_HOMES_OVER_20_MILES_SHARE,
  pct,
} from './constants.js';
import { facts, latestCommon } from './facts.js';

/** The share of children's homes placements 20+ miles away the baseline should reproduce. */
export function over20Target(
  data: PlanData,
  codes: readonly string[],
  override: number | undefined,
): { value: number; basis: string; source: string | null } {
  if (override !== undefined) return { value: override, basis: 'Set by the caller.', source: null };
  const registered = data.assumptions.find((a) => a.key === 'flowOver20MilesShareTarget');
  if (registered) {
    return {
      value: registered.value,
      basis: `The plan’s calibration target for its placement flows (${registered.label}): ${registered.rationale}`,
      source: registered.source,
    };
  }
  const f = facts(data.observations);
  const period = latestCommon(f, codes, ['placedOver20Miles', 'childrenLookedAfter']);
  if (period) {
    const far = codes.reduce((s, c) => s + (f.get(c, 'placedOver20Miles', period) ?? 0), 0);
    const cla = codes.reduce((s, c) => s + (f.get(c, 'childrenLookedAfter', period) ?? 0), 0);
    const englandCla = f.get(ENGLAND, 'childrenLookedAfter', '2024');
    const englandFar = f.get(ENGLAND, 'placedOver20Miles', '2024');
    const englandShare =
      englandCla && englandFar !== undefined ? englandFar / englandCla : ENGLAND_ALL_CLA_OVER_20_MILES_SHARE_2024;
    const uplift = NATIONAL_CHILDRENS_HOMES_OVER_20_MILES_SHARE / englandShare;
    if (cla > 0) {
      return {
        value: Math.min(1, (far / cla) * uplift),
        basis: `Members’ published share of looked-after children placed more than 20 miles away (${period}: ${pct(far / cla)}) × ${uplift.toFixed(3)}, the national ratio for children’s homes (49% against ${pct(englandShare)} of all looked-after children, DfE 2024).`,
        source: null,
      };
    }
  }
  return {
    value: NATIONAL_CHILDRENS_HOMES_OVER_20_MILES_SHARE,
    basis:
      'The plan has no 20+ mile figures for its members: the national share for children’s and secure homes (49%, DfE 2024).',
    source: null,
  };
}
