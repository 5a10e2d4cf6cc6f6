/**
 * Candidate homes for the optimiser: every candidate member × home size × opening year, each as a
 * consortium-run new-home lever of the scenario model with its capital and running cost. Checks the
 * options and says clearly what is wrong (an authority that is not a member, a year outside the
 * horizon, a size out of range).
 */
import type { NewHomeLever } from '../scenario/levers.js';
import type { ScenarioContext } from '../scenario/types.js';
import { financialYear } from '../scenario/years.js';
import { RecommendError, type HomeCandidate, type RecommendOptions } from './types.js';

export const DEFAULT_SIZES = [2, 3, 4] as const;
/** The illustrative four-place home's capital (£1,000,000) ÷ 4 places (../scenario/builtin.ts). */
export const DEFAULT_CAPITAL_PER_PLACE = 250_000;
/** Judgement range for sensitivity: a small house bought and refurbished, to a purpose-built home. */
export const CAPITAL_PER_PLACE_RANGE = { low: 150_000, high: 400_000 } as const;
export const DEFAULT_RAMP_UP = [0.5] as const;
export const DEFAULT_ASSET_LIFE_YEARS = 25;

/** Running cost per place a year: staffing is fixed, so the LA-run weekly price at target occupancy. */
export function defaultRunningCostPerPlace(context: ScenarioContext): number {
  return Math.round(context.prices.localAuthority * context.settings.weeksPerYear * context.settings.targetOccupancy);
}

export interface CandidateSettings {
  capitalPerPlace: number;
  runningCostPerPlace: number;
  rampUp: number[];
  assetLifeYears: number;
}

export function candidateSettings(context: ScenarioContext, options: RecommendOptions): CandidateSettings {
  const capitalPerPlace = options.capitalPerPlace ?? DEFAULT_CAPITAL_PER_PLACE;
  const runningCostPerPlace = options.runningCostPerPlace ?? defaultRunningCostPerPlace(context);
  const assetLifeYears = options.assetLifeYears ?? DEFAULT_ASSET_LIFE_YEARS;
  const rampUp = [...(options.rampUp ?? DEFAULT_RAMP_UP)];
  const problems: string[] = [];
  if (!(capitalPerPlace >= 0 && Number.isFinite(capitalPerPlace)))
    problems.push('The capital per place must be a sum of pounds, 0 or more.');
  if (!(runningCostPerPlace >= 0 && Number.isFinite(runningCostPerPlace)))
    problems.push('The running cost per place must be a sum of pounds, 0 or more.');
  if (!Number.isInteger(assetLifeYears) || assetLifeYears < 1 || assetLifeYears > 60)
    problems.push('The asset life must be a whole number of years from 1 to 60.');
  if (rampUp.some((r) => !(r >= 0 && r <= 1))) problems.push('Ramp-up shares must be between 0 and 1.');
  if (problems.length) throw new RecommendError(problems.join(' '));
  return { capitalPerPlace, runningCostPerPlace, rampUp, assetLifeYears };
}

/**
 * The candidates, in a fixed order (member, then size, then opening year): a set's levers always
 * follow this order, so the same homes always make the same scenario.
 */
export function buildCandidates(
  context: ScenarioContext,
  options: RecommendOptions,
  settings: CandidateSettings = candidateSettings(context, options),
): HomeCandidate[] {
  const problems: string[] = [];
  const codes = options.candidates?.length ? [...new Set(options.candidates)] : context.members.map((m) => m.code);
  const members = codes.map((code) => {
    const i = context.members.findIndex((m) => m.code === code || m.name.toLowerCase() === code.toLowerCase());
    if (i < 0)
      problems.push(
        `${code} is not a member of ${context.consortiumName}: a home can only be recommended in a member authority.`,
      );
    return i;
  });
  const sizes = [...new Set(options.sizes?.length ? options.sizes : DEFAULT_SIZES)].sort((a, b) => a - b);
  for (const s of sizes) {
    if (!Number.isInteger(s) || s < 1 || s > 50)
      problems.push(`A home size must be a whole number of places from 1 to 50 (got ${s}).`);
  }
  const years = [...new Set(options.openingYears?.length ? options.openingYears : context.years)].sort();
  for (const y of years) {
    if (!context.years.includes(y)) {
      problems.push(
        `${financialYear(y)} is outside the plan's horizon (${financialYear(context.years[0] ?? '')} to ${financialYear(context.years[context.years.length - 1] ?? '')}).`,
      );
    }
  }
  if (problems.length) throw new RecommendError(problems.join(' '));
  const candidates: HomeCandidate[] = [];
  for (const i of [...new Set(members)].sort((a, b) => a - b)) {
    const member = context.members[i];
    if (!member) continue;
    for (const places of sizes) {
      for (const openingYear of years) {
        const capitalCost = Math.round(places * settings.capitalPerPlace);
        const runningCostPerYear = Math.round(places * settings.runningCostPerPlace);
        const lever: NewHomeLever = {
          type: 'newHome',
          id: `recommended-${member.code}-${places}-${openingYear}`,
          label: `Consortium home in ${member.name} (${places} places, from ${financialYear(openingYear)})`,
          la: member.code,
          runBy: 'consortium',
          places,
          needType: 'mainstream',
          capitalCost,
          runningCostPerYear,
          openingYear,
          assetLifeYears: settings.assetLifeYears,
          rampUp: [...settings.rampUp],
        };
        candidates.push({
          index: candidates.length,
          member: i,
          la: member.code,
          name: member.name,
          places,
          openingYear,
          capitalCost,
          runningCostPerYear,
          lever,
        });
      }
    }
  }
  return candidates;
}
