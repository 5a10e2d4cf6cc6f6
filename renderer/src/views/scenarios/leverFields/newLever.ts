/**
 * A new lever of each type, with values a user can start from: modest, and valid for the plan
 * (a member LA, the projection's first years, the plan's block price where known).
 */
import type { Lever, LeverType } from '#shared/scenario/levers.js';

/** What the editor needs to make a sensible new lever. */
export interface NewLeverContext {
  members: readonly { code: string; name: string }[];
  years: readonly string[];
  /** The plan's reference block price, £ a week, when known. */
  blockPrice?: number;
}

/** A new lever of a type, with values a user can start from (modest, and valid for the plan). */
export function newLever(type: LeverType, context: NewLeverContext): Lever {
  const la = context.members[0]?.code ?? 'E08000001';
  const first = context.years[0] ?? '2026';
  const second = context.years[1] ?? first;
  switch (type) {
    case 'blockContract':
      return {
        type,
        la,
        commissionedBy: 'consortium',
        beds: 4,
        weeklyPrice: Math.round(context.blockPrice ?? 6000),
        startYear: first,
        termYears: 5,
        guaranteedAccess: 1,
        voidCostShare: 1,
        fromExistingPlaces: true,
        indexed: false,
      };
    case 'newHome':
      return {
        type,
        la,
        runBy: 'consortium',
        places: 4,
        needType: 'mainstream',
        capitalCost: 1_000_000,
        runningCostPerYear: 950_000,
        openingYear: second,
        assetLifeYears: 25,
        rampUp: [0.5],
      };
    case 'localFirstAgreement':
      return { type, la: 'all', share: 0.2, startYear: first, annualCost: 0 };
    case 'closure':
      return { type, la, sector: 'Private', places: 4, year: first };
    case 'prevention':
      return { type, la: 'all', entriesReduction: 0.1, startYear: first, annualCost: 0 };
    case 'stepDown':
      return { type, la: 'all', annualShare: 0.05, startYear: first, annualCost: 0 };
    case 'priceInflation':
      return { type, annualRate: 0.02, startYear: first };
    case 'distancePolicy':
      return { type, la: 'all', startYear: first };
  }
}
