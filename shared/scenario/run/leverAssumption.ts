/**
 * Each lever as a stated assumption (label, value, unit and what the model does with it), so every
 * figure of a run can be traced to what the scenario assumed; and the number formats its words use.
 */
import { deliveryAssumptions } from '../model/index.js';
import type { Lever } from '../levers.js';
import type { ScenarioAssumption, ScenarioContext } from '../types.js';
import { financialYear } from '../years.js';

export const thousands = (v: number): string => String(Math.round(v)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
export const pctText = (v: number): string => `${Math.round(v * 1000) / 10}%`;

export function rampText(ramp: readonly number[] | undefined): string {
  return ramp && ramp.length ? ` Ramp-up: ${ramp.map(pctText).join(', ')} in its first years, then 100%.` : '';
}

/** The lever as a stated assumption, so every figure can be traced to what the scenario assumed. */
export function leverAssumption(context: ScenarioContext, lever: Lever, key: string): ScenarioAssumption {
  const name = (code: string) =>
    code === 'all' ? 'every member' : (context.members.find((m) => m.code === code)?.name ?? code);
  const base = { key: `lever.${key}`, source: null };
  switch (lever.type) {
    case 'blockContract': {
      const end = financialYear(Number(lever.startYear) + lever.termYears - 1);
      return {
        ...base,
        label: lever.label ?? `Block contract: ${lever.beds} beds in ${name(lever.la)}`,
        value: lever.beds,
        unit: 'beds',
        rationale:
          `£${thousands(lever.weeklyPrice)} a bed a week, ${financialYear(lever.startYear)} to ${end} (${lever.termYears} years), for ${lever.commissionedBy === 'consortium' ? 'any member’s children' : `${name(lever.commissionedBy)}’s children`}; ` +
          `${pctText(lever.guaranteedAccess)} of the beds guaranteed for them; empty beds paid at ${pctText(lever.voidCostShare)} of the price; ` +
          `${lever.fromExistingPlaces ? `existing open-market places in ${name(lever.la)}, which stop being open market` : 'new places'}; ` +
          `price ${lever.indexed ? 'indexed to any price-inflation lever' : 'fixed for the term'}. In the allocation a contracted bed costs only the part of its price not paid when empty; at most ${pctText(context.settings.blockFill)} of its beds hold a child at once (a bed is empty between children), and beds no child needs are voids.${rampText(lever.rampUp)}`,
      };
    }
    case 'newHome':
      return {
        ...base,
        label:
          lever.label ??
          `New ${lever.runBy === 'la' ? 'LA-run' : 'consortium'} home: ${lever.places} places in ${name(lever.la)}`,
        value: lever.places,
        unit: 'places',
        rationale:
          `Opens ${financialYear(lever.openingYear)} for ${lever.runBy === 'la' ? `${name(lever.la)}’s own children` : 'any member’s children'} (need type: ${lever.needType}; places are treated as interchangeable across need types). ` +
          `Capital £${thousands(lever.capitalCost)} in the year before opening (the first projected year if that is earlier), written off straight-line over ${lever.assetLifeYears} years: what is left at the end of ${financialYear(context.years[context.years.length - 1] ?? '')} is credited as residual value in the last year. Running cost £${thousands(lever.runningCostPerYear)} a year from opening, whatever the occupancy, so its places cost nothing extra per child.${rampText(lever.rampUp)}`,
      };
    case 'localFirstAgreement':
      return {
        ...base,
        label: lever.label ?? `Local-first access agreement in ${name(lever.la)}`,
        value: lever.share,
        unit: 'share of open-market places offered first',
        rationale: `From ${financialYear(lever.startYear)}, providers offer ${pctText(lever.share)} of open-market places first to consortium children; accessible share = base + ${pctText(lever.share)} × (1 − base). Cost £${thousands(lever.annualCost)} a year.${rampText(lever.rampUp)}`,
      };
    case 'closure':
      return {
        ...base,
        label: lever.label ?? `Closure: ${lever.places} ${lever.sector.toLowerCase()} places in ${name(lever.la)}`,
        value: lever.places,
        unit: 'places',
        rationale: `Removed from ${financialYear(lever.year)} onwards. The children who would have used them are placed where beds remain, at the price, travel and missing risk there.`,
      };
    case 'prevention':
      return {
        ...base,
        label: lever.label ?? `Prevention in ${name(lever.la)}`,
        value: lever.entriesReduction,
        unit: 'share fewer entries',
        rationale: `From ${financialYear(lever.startYear)}, entries to children’s homes fall by ${pctText(lever.entriesReduction)} (prevention levers together at most ${pctText(context.settings.preventionMaxShare)}); the number in homes falls gradually as placements end (mean 444 days). Cost £${thousands(lever.annualCost)} a year plus £${thousands(deliveryAssumptions(context, lever).perChild)} per child worked with, ${deliveryAssumptions(context, lever).workedWith} worked with per entry prevented. Evidence: ${lever.evidence?.trim() || 'none stated'}.${rampText(lever.rampUp)}`,
      };
    case 'stepDown':
      return {
        ...base,
        label: lever.label ?? `Step-down to foster care in ${name(lever.la)}`,
        value: lever.annualShare,
        unit: 'share of children a year',
        rationale: `From ${financialYear(lever.startYear)}, ${pctText(lever.annualShare)} of children in children’s homes a year (step-down levers together at most ${pctText(context.settings.stepDownMaxShare)}) move to foster care at £${thousands(lever.fosterWeeklyCost ?? context.prices.fosterAgency)} a week, staying as long as they would have stayed in the home, each move costing £${thousands(deliveryAssumptions(context, lever).perChild)}. Programme cost £${thousands(lever.annualCost)} a year. Evidence: ${lever.evidence?.trim() || 'none stated'}.${rampText(lever.rampUp)}`,
      };
    case 'priceInflation':
      return {
        ...base,
        label: lever.label ?? 'Price inflation',
        value: lever.annualRate,
        unit: 'per year',
        rationale: `Real price growth of ${pctText(lever.annualRate)} a year from ${financialYear(lever.startYear)} on spot prices, running and programme costs and indexed block contracts (not capital, not fixed-price blocks).`,
      };
    case 'distancePolicy':
      return {
        ...base,
        label: lever.label ?? `Distance policy (${name(lever.la)})`,
        value: 20,
        unit: 'miles',
        rationale: `From ${financialYear(lever.startYear)}, no new placement more than 20 miles from home unless no bed is available nearer. Children placed before it stay where they are, so it covers ${lever.rampUp ? 'the ramp-up share' : 'the share placed since it began (1 − e^(−t ÷ mean placement length))'} of children.${rampText(lever.rampUp)}`,
      };
  }
}
