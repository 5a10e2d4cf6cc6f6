/**
 * Forecast settings: defaults with their rationale, validation with clear messages, and the list of
 * assumptions a result states it used.
 */
import type { ForecastAssumption, ForecastSettings, NeedTypeShares, ProjectOptions } from './types.js';

export const MAX_HORIZON_YEARS = 10;
export const MAX_SIMULATIONS = 100_000;

/** Keys under which a plan's assumption register may set forecast settings. */
export const planAssumptionKeys = {
  targetOccupancy: 'targetOccupancy',
  openMarketAccessShare: 'openMarketAccessShare',
  consortiumOpenMarketAccessShare: 'consortiumOpenMarketAccessShare',
  trendDamping: 'trendDamping',
  soloComplexShare: 'needTypeShareSoloComplex',
} as const;

export const defaultSettings: ForecastSettings = {
  horizonYears: 5,
  simulations: 1000,
  seed: 1,
  targetOccupancy: 0.85,
  needTypeShares: { mainstream: 0.82, soloComplex: 0.18 },
  // The national figure (./accessShares.ts): 21% of private and voluntary places filled by an
  // authority's own children, ÷ 85% occupancy ≈ 25%. Each member's own estimate is used where it has
  // figures (with the national figure at the plan's own occupancy where it has none).
  openMarketAccessShare: 0.25,
  ownAccessShares: 'perMember',
  openMarketAccessShareFactor: 1,
  consortiumOpenMarketAccessShare: 0.6,
  trendDamping: 0.8,
  manualGrowth: {},
  contractedPlaces: {},
  supplyChanges: [],
  keepSamples: false,
};

const rationale = {
  targetOccupancy:
    'A home cannot be matched at 100%: children need matching to each other, and beds sit empty between placements. 80–90% is typical; 85% is the middle.',
  needTypeShares:
    'Illustrative until local placement data say otherwise. Proxy for solo/complex: the LGA counted 1,510 placements costing £10,000+ a week in 2022-23, about 18% of the 8,540 children in children’s homes in England on 31 March 2024.',
  openMarketAccessShare:
    'The national figure, used for a member without its own estimate: 1,790 children in private and voluntary homes were placed inside their own authority on 31 March 2024 (DfE) against 8,559 private and voluntary places (Ofsted, 31 March 2023), 21% of places, ÷ the target occupancy as places. Each member with published figures has its own estimate (listed member by member below), unless the plan’s register sets this share, which then applies to every member.',
  consortiumOpenMarketAccessShare:
    'An assumption, not yet a figure from this plan’s data: across a consortium more of the local market is reachable, because many of the other LAs’ children in members’ homes come from other members (in the 2013 study, 55% of the other-LA children in one council’s homes came from its own sub-region, so about two thirds of its places went to that sub-region’s children). 60% of the open market in member LAs is counted as available to consortium children; test 45–75%.',
  trendDamping:
    'Growth seen over a few years rarely continues unchanged for five more; damped trends forecast better than straight-line extrapolation in forecasting competitions. Each year keeps 80% of the previous year’s trend, so the rate levels off rather than compounding.',
  contractedPlaces:
    'Block-contracted places are counted as fully accessible and taken out of the open market of the LA where they are.',
  supplyHeld:
    'Supply changes listed (openings, closures and contracts known locally) are added to the places from their first year. Other openings and closures are projected from Ofsted’s joiners and leavers where the plan holds them (the net-change assumption says so); otherwise places are held at the latest Ofsted snapshot.',
} as const;

const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function checkShare(name: string, value: number, allowZero = true): void {
  if (!isFiniteNumber(value) || value > 1 || value < 0 || (!allowZero && value === 0)) {
    throw new Error(`${name} must be a number ${allowZero ? 'from 0' : 'above 0'} to 1; got ${String(value)}.`);
  }
}

/**
 * Resolves options over the plan's own settings over the defaults, and checks them. Throws an Error
 * naming the offending setting when one is out of range.
 */
export function resolveSettings(
  options: Partial<ProjectOptions> | undefined,
  planSettings: Partial<ForecastSettings> = {},
): ForecastSettings {
  const o = options ?? {};
  const pick = <K extends keyof ForecastSettings>(key: K): ForecastSettings[K] =>
    (o as Partial<ForecastSettings>)[key] ?? planSettings[key] ?? defaultSettings[key];
  const settings: ForecastSettings = {
    horizonYears: pick('horizonYears'),
    simulations: pick('simulations'),
    seed: pick('seed'),
    targetOccupancy: pick('targetOccupancy'),
    needTypeShares: { ...pick('needTypeShares') },
    openMarketAccessShare: pick('openMarketAccessShare'),
    // A share set by the caller or the register applies to every member, replacing the estimates.
    ownAccessShares:
      (o as Partial<ForecastSettings>).ownAccessShares ??
      ((o as Partial<ForecastSettings>).openMarketAccessShare !== undefined ||
      planSettings.openMarketAccessShare !== undefined
        ? 'single'
        : (planSettings.ownAccessShares ?? defaultSettings.ownAccessShares)),
    openMarketAccessShareFactor: pick('openMarketAccessShareFactor'),
    consortiumOpenMarketAccessShare: pick('consortiumOpenMarketAccessShare'),
    trendDamping: pick('trendDamping'),
    manualGrowth: { ...pick('manualGrowth') },
    contractedPlaces: { ...pick('contractedPlaces') },
    supplyChanges: [...pick('supplyChanges')],
    keepSamples: pick('keepSamples'),
  };
  const h = settings.horizonYears;
  if (!Number.isInteger(h) || h < 1 || h > MAX_HORIZON_YEARS) {
    throw new Error(`The horizon must be a whole number of years from 1 to ${MAX_HORIZON_YEARS}; got ${String(h)}.`);
  }
  const sims = settings.simulations;
  if (!Number.isInteger(sims) || sims < 0 || sims > MAX_SIMULATIONS) {
    throw new Error(
      `Simulations must be a whole number from 0 (deterministic) to ${MAX_SIMULATIONS}; got ${String(sims)}.`,
    );
  }
  if (!isFiniteNumber(settings.seed))
    throw new Error(`The seed must be a finite number; got ${String(settings.seed)}.`);
  const occ = settings.targetOccupancy;
  if (!isFiniteNumber(occ) || occ <= 0 || occ > 1) {
    throw new Error(`Target occupancy must be above 0 and at most 1 (e.g. 0.85); got ${String(occ)}.`);
  }
  checkShares(settings.needTypeShares);
  checkShare('The open-market access share', settings.openMarketAccessShare);
  checkShare('The consortium open-market access share', settings.consortiumOpenMarketAccessShare);
  if (!isFiniteNumber(settings.openMarketAccessShareFactor) || settings.openMarketAccessShareFactor < 0) {
    throw new Error(
      `The open-market access share factor must be 0 or more; got ${String(settings.openMarketAccessShareFactor)}.`,
    );
  }
  checkShare('Trend damping', settings.trendDamping, false);
  for (const [code, g] of Object.entries(settings.manualGrowth)) {
    if (!isFiniteNumber(g) || g <= -1)
      throw new Error(`Manual growth for ${code} must be above −100%; got ${String(g)}.`);
  }
  for (const [code, places] of Object.entries(settings.contractedPlaces)) {
    if (!isFiniteNumber(places) || places < 0) {
      throw new Error(`Contracted places for ${code} must be 0 or more; got ${String(places)}.`);
    }
  }
  for (const c of settings.supplyChanges) {
    if (!/^\d{4}$/.test(c.fromYear) || !isFiniteNumber(c.registeredPlaces) || !isFiniteNumber(c.accessiblePlaces)) {
      throw new Error(`A supply change for ${c.area} needs a year such as "2027" and numbers of places.`);
    }
  }
  return settings;
}

function checkShares(shares: NeedTypeShares): void {
  checkShare('The mainstream share', shares.mainstream);
  checkShare('The solo/complex share', shares.soloComplex);
  if (Math.abs(shares.mainstream + shares.soloComplex - 1) > 1e-9) {
    throw new Error(
      `Need-type shares must sum to 1; got ${shares.mainstream} + ${shares.soloComplex} = ${shares.mainstream + shares.soloComplex}.`,
    );
  }
}

/** The assumptions every result states (method-specific ones are added by each method). */
export function settingsAssumptions(settings: ForecastSettings): ForecastAssumption[] {
  const list: ForecastAssumption[] = [
    {
      key: 'targetOccupancy',
      label: 'Target occupancy',
      value: settings.targetOccupancy,
      unit: 'share of beds',
      rationale: rationale.targetOccupancy,
      source: null,
    },
    {
      key: 'needTypeShare.mainstream',
      label: 'Share needing a mainstream home',
      value: settings.needTypeShares.mainstream,
      unit: 'share of children',
      rationale: rationale.needTypeShares,
      source: null,
    },
    {
      key: 'needTypeShare.soloComplex',
      label: 'Share needing a solo or complex-needs home',
      value: settings.needTypeShares.soloComplex,
      unit: 'share of children',
      rationale: rationale.needTypeShares,
      source: null,
    },
    {
      key: 'openMarketAccessShare',
      label: 'Open-market places in an LA available to its own children',
      value: settings.openMarketAccessShare,
      unit: 'share of places',
      rationale: rationale.openMarketAccessShare,
      source: null,
    },
    {
      key: 'consortiumOpenMarketAccessShare',
      label: 'Open-market places in member LAs available to consortium children',
      value: settings.consortiumOpenMarketAccessShare,
      unit: 'share of places',
      rationale: rationale.consortiumOpenMarketAccessShare,
      source: null,
    },
    {
      key: 'supplyHeldAtSnapshot',
      label: 'Supply changes listed',
      value: settings.supplyChanges.length,
      unit: 'changes',
      rationale: rationale.supplyHeld,
      source: null,
    },
  ];
  const contracted = Object.values(settings.contractedPlaces).reduce((s, x) => s + x, 0);
  list.push({
    key: 'contractedPlaces',
    label: 'Block-contracted places',
    value: contracted,
    unit: 'places',
    rationale: rationale.contractedPlaces,
    source: null,
  });
  return list;
}

export function trendDampingAssumption(settings: ForecastSettings): ForecastAssumption {
  return {
    key: 'trendDamping',
    label: 'Trend damping (share of each year’s trend kept the next year)',
    value: settings.trendDamping,
    unit: 'ratio',
    rationale: rationale.trendDamping,
    source: null,
  };
}
