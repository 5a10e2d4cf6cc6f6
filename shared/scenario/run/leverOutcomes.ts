/**
 * What each lever did on a run's central path, in words — block beds used and voids, residual value,
 * entries prevented and children stepped down, whether a cap held them — and why, when it did
 * nothing.
 */
import { residualValue } from '../model/index.js';
import type { Lever } from '../levers.js';
import type { LeverOutcome, ScenarioContext, ScenarioYear } from '../types.js';
import { financialYear } from '../years.js';
import { leverAssumption, pctText, thousands } from './leverAssumption.js';

export interface LeverTrack {
  prevented: number[];
  movedDown: number[];
  delivery: number[];
  accessible: number[];
  factor: number[];
  policy: ({ policyDistant: number; freeNear: number } | null)[];
  blocks: Map<number, { paid: number[]; used: number[]; npvPerPound: number }>;
}

export const oneDecimal = (v: number): string => (Math.round(v * 10) / 10).toFixed(1).replace(/\.0$/, '');
export const money = (v: number): string =>
  Math.abs(v) >= 999_500 ? `£${(Math.round(v / 1e5) / 10).toFixed(1)}m` : `£${thousands(v)}`;

/** What each lever did on the central path, in words — and why, when it did nothing. */
export function leverOutcomes(
  context: ScenarioContext,
  levers: readonly Lever[],
  keys: readonly string[],
  years: readonly ScenarioYear[],
  capped: readonly boolean[],
  track: LeverTrack,
): LeverOutcome[] {
  const H = context.years.length;
  const fy = (h: number) => financialYear(context.years[h] ?? '');
  const last = H - 1;
  const preventionCount = levers.filter((l) => l.type === 'prevention').length;
  const stepDownCount = levers.filter((l) => l.type === 'stepDown').length;
  return levers.map((lever, k): LeverOutcome => {
    const key = keys[k] ?? String(k);
    const label = leverAssumption(context, lever, key).label;
    const notes: string[] = [];
    const out: LeverOutcome = { key, type: lever.type, label, notes };
    switch (lever.type) {
      case 'blockContract': {
        const stats = track.blocks.get(k);
        if (!stats) break;
        const voidShare = stats.paid.map((p, h) => (p > 0 ? Math.max(0, p - (stats.used[h] ?? 0)) / p : 0));
        out.block = {
          paidBeds: stats.paid,
          usedBeds: stats.used,
          voidShare,
          npvPerPound: stats.npvPerPound,
          weeklyPrice: lever.weeklyPrice,
        };
        const active = stats.paid.map((p, h) => ({ p, h })).filter((x) => x.p > 0);
        if (active.length === 0) {
          notes.push('Its term falls outside the projection: it changes nothing here.');
        } else if (active.every(({ h }) => (stats.used[h] ?? 0) < 1e-6)) {
          notes.push(
            'No child was placed in its beds in any year: every child it could take was placed more cheaply elsewhere, or it was open to no child who needed a place. It only adds voids.',
          );
        } else {
          notes.push(
            `Beds in use: ${active
              .map(({ p, h }) => `${oneDecimal(stats.used[h] ?? 0)} of ${oneDecimal(p)} in ${fy(h)}`)
              .join(
                '; ',
              )} — voids ${active.map(({ h }) => pctText(voidShare[h] ?? 0)).join(', ')}, paid at ${pctText(lever.voidCostShare)} of the price. At most ${pctText(context.settings.blockFill)} of the beds can hold a child at once.`,
          );
        }
        break;
      }
      case 'newHome': {
        const { yearsUsed, value } = residualValue(context, lever);
        const presentValue = value * (track.factor[last] ?? 1);
        out.residual = {
          capital: lever.capitalCost,
          assetLifeYears: lever.assetLifeYears,
          yearsUsed,
          value,
          presentValue,
        };
        notes.push(
          `Capital ${money(lever.capitalCost)}, written off over ${lever.assetLifeYears} years: after ${yearsUsed} year${yearsUsed === 1 ? '' : 's'} in use by the end of ${fy(last)}, ${money(value)} is left, credited in ${fy(last)} (${money(presentValue)} in present value).`,
        );
        break;
      }
      case 'localFirstAgreement':
        if (lever.annualCost === 0) {
          notes.push(
            'Entered at no cost. An agreement that changes who gets local beds is rarely free: add the cost of managing it and any retainer or price providers ask for, or the comparison flatters it.',
          );
        }
        break;
      case 'closure':
        break;
      case 'prevention':
      case 'stepDown': {
        const isPrevention = lever.type === 'prevention';
        const children = (isPrevention ? track.prevented : track.movedDown).reduce((s, v) => s + v, 0);
        const delivery = track.delivery.reduce((s, v) => s + v, 0);
        out.demand = { children, deliveryCost: delivery, capped: capped[k] ?? false };
        const together = (isPrevention ? preventionCount : stepDownCount) > 1 ? ' (all such levers together)' : '';
        notes.push(
          isPrevention
            ? `${oneDecimal(children)} entries to children’s homes prevented over ${H} years${together}, delivery ${money(delivery)} besides the £${thousands(lever.annualCost)} a year.`
            : `${oneDecimal(children)} children stepped down over ${H} years${together}, one-off costs ${money(delivery)} besides foster care and the £${thousands(lever.annualCost)} a year.`,
        );
        if (capped[k]) {
          notes.push(
            isPrevention
              ? `Capped: prevention levers together are held to ${pctText(context.settings.preventionMaxShare)} fewer entries, the most the evidence makes plausible (see the assumption “prevention.maxShare”).`
              : `Capped: step-down levers together are held to ${pctText(context.settings.stepDownMaxShare)} of children a year, limited by foster carers for older children (see “stepDown.maxShare”).`,
          );
        }
        if (!lever.evidence?.trim()) {
          notes.push(
            'No evidence base is stated for its effect: say what evaluation it rests on and why it applies here.',
          );
        }
        if (lever.annualCost === 0 && lever.costPerChild === undefined) {
          notes.push('No cost of its own is entered: the model’s default delivery cost per child is used.');
        }
        break;
      }
      case 'priceInflation':
        break;
      case 'distancePolicy': {
        const active = track.policy
          .map((d, h) => ({ d, h }))
          .filter((x): x is { d: { policyDistant: number; freeNear: number }; h: number } => x.d !== null);
        if (active.length === 0) {
          notes.push('It starts after the projection ends: it changes nothing here.');
          break;
        }
        const distant = active.filter(({ d }) => d.policyDistant > 1e-6);
        if (distant.length === 0) {
          notes.push(
            'No child under the policy would be placed more than 20 miles away in any year: it changes nothing.',
          );
        } else if (distant.every(({ d }) => d.freeNear < 1e-6)) {
          notes.push(
            `No nearer beds are free in any year: every bed within 20 miles is taken, so children under the policy are still placed more than 20 miles away (${distant
              .map(({ d, h }) => `${oneDecimal(d.policyDistant)} in ${fy(h)}`)
              .join('; ')}). It can only move children nearer when beds within 20 miles are added.`,
          );
        } else {
          notes.push(
            `Children under the policy still placed more than 20 miles away: ${distant
              .map(({ d, h }) => `${oneDecimal(d.policyDistant)} in ${fy(h)}`)
              .join('; ')}; no bed within 20 miles that they may use was left free.`,
          );
        }
        break;
      }
    }
    void years;
    return out;
  });
}
