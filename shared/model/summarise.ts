/**
 * Headline figures for the consortium, its members and comparators, computed from a plan's
 * stored data. Pure: the same plan data always gives the same summary. Derived figures
 * (rates, places per 10,000, net import) say how they were computed.
 */
import { lowerFirst } from './words.js';
import type { Area, Observation, Source } from './dataset.js';
import { measures, type MeasureId } from './measures.js';
import type { Assumption, PlacementFlow, UnitCost } from './placements.js';
import type { AreaSummary, DataGap, HeadlineFigure, HistoryPoint, PlanSummary, SectorSupply } from './summary.js';
import { homeSectors, type SupplyMovement, type SupplyRow } from './supply.js';
import { memberRegionCodes } from './consortia.js';

export interface PlanData {
  consortiumName: string;
  areas: Area[];
  observations: Observation[];
  sources: Source[];
  supply: SupplyRow[];
  /** Openings and closures of children's homes by area, year and sector (Ofsted joiners and leavers), where held. */
  supplyMovements?: SupplyMovement[];
  flows: PlacementFlow[];
  unitCosts: UnitCost[];
  assumptions: Assumption[];
}

/** The measures shown as headlines, in display order. */
export const headlineMeasures: readonly MeasureId[] = [
  'childrenLookedAfter',
  'childrenLookedAfterRatePer10k',
  'childrenInChildrensHomes',
  'placedOutsideLaBoundary',
  'placedOver20Miles',
  'childrenWithMissingIncident',
  'missingIncidents',
  'childrensHomes',
  'registeredPlaces',
  'registeredPlacesPer10k',
  'netPlacementImport',
  'population0to17',
];

/** Which import fills each published measure when a plan lacks it. */
const fillWith: Record<MeasureId, string> = {
  childrenLookedAfter: 'DfE “Children looked after in England”: CLA number and rate per 10,000 (CSV)',
  childrenLookedAfterRatePer10k: 'DfE “Children looked after in England”: CLA number and rate per 10,000 (CSV)',
  childrenStartingCare: 'DfE “Children looked after in England”: CLA number and rate per 10,000 (CSV)',
  childrenCeasingCare: 'DfE “Children looked after in England”: CLA number and rate per 10,000 (CSV)',
  childrenInChildrensHomes: 'DfE “Children looked after in England”: CLA on 31 March by characteristics (CSV)',
  placedOutsideLaBoundary: 'DfE “Children looked after in England”: CLA on 31 March by characteristics (CSV)',
  placedOver20Miles: 'DfE “Children looked after in England”: CLA on 31 March by characteristics (CSV)',
  childrenWithMissingIncident: 'DfE “Children looked after in England”: missing or away from placement (CSV)',
  missingIncidents: 'DfE “Children looked after in England”: missing or away from placement (CSV)',
  otherLasChildrenPlacedInside: 'DfE “Children looked after in England”: LA of placement net gain (CSV)',
  population0to17: 'ONS mid-year population estimates, children aged 0 to 17 (DfE layout CSV)',
  childrensHomes: 'Ofsted “Children’s social care data in England”: provider level (ODS, XLSX or CSV)',
  registeredPlaces: 'Ofsted “Children’s social care data in England”: provider level (ODS, XLSX or CSV)',
  registeredPlacesPer10k: 'Ofsted provider-level data and ONS mid-year population estimates',
  netPlacementImport: 'DfE LA of placement net gain and CLA by characteristics (CSV)',
};

type ObservationIndex = Map<string, Observation>;

const key = (area: string, measure: MeasureId, period: string) => `${area}|${measure}|${period}`;

/** Periods such as "2024" and "2023-03-31" sort chronologically as text. */
export function comparePeriods(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The year a period falls in: "2023-03-31" → "2023", "2024" → "2024". */
const periodYear = (period: string) => period.slice(0, 4);

interface Inputs {
  index: ObservationIndex;
  data: PlanData;
}

/** A derived measure's definition: its inputs for an area and period, and how to combine them. */
interface Derivation {
  inputs: (period: string) => { measure: MeasureId; period: string }[];
  combine: (values: number[]) => number;
  describe: (period: string) => string;
}

const derivations: Partial<Record<MeasureId, Derivation>> = {
  registeredPlacesPer10k: {
    inputs: (period) => [
      { measure: 'registeredPlaces', period },
      { measure: 'population0to17', period: periodYear(period) },
    ],
    combine: ([places = 0, population = 0]) => Math.round((places / population) * 100_000) / 10,
    describe: (period) =>
      `Registered places on ${period} ÷ ONS mid-${periodYear(period)} population aged 0 to 17 × 10,000`,
  },
  netPlacementImport: {
    inputs: (period) => [
      { measure: 'otherLasChildrenPlacedInside', period },
      { measure: 'placedOutsideLaBoundary', period },
    ],
    combine: ([inside = 0, outside = 0]) => inside - outside,
    describe: (period) =>
      `Other LAs’ children placed inside minus own children placed outside the LA boundary, 31 March ${period}`,
  },
};

/** Periods held for each measure among the given areas, computed in one pass. */
function periodsByStoredMeasure(data: PlanData, areaCodes: ReadonlySet<string>): Map<MeasureId, Set<string>> {
  const periods = new Map<MeasureId, Set<string>>();
  for (const o of data.observations) {
    if (!areaCodes.has(o.area)) continue;
    let set = periods.get(o.measure);
    if (!set) periods.set(o.measure, (set = new Set()));
    set.add(o.period);
  }
  return periods;
}

/** The periods a measure (stored or derived) is available for, among the given areas. */
function availablePeriods(stored: Map<MeasureId, Set<string>>, measure: MeasureId): string[] {
  const derivation = derivations[measure];
  if (!derivation) return [...(stored.get(measure) ?? [])].sort(comparePeriods);
  const first = derivation.inputs('')[0];
  if (!first) return [];
  return [...(stored.get(first.measure) ?? [])]
    .filter((period) => derivation.inputs(period).every((input) => stored.get(input.measure)?.has(input.period)))
    .sort(comparePeriods);
}

function areaFigure({ index }: Inputs, area: string, measure: MeasureId, period: string): HeadlineFigure {
  const derivation = derivations[measure];
  if (derivation) {
    const parts = derivation.inputs(period).map((input) => index.get(key(area, input.measure, input.period)));
    const complete = parts.every((p) => p?.value !== null && p?.value !== undefined);
    return {
      measure,
      period,
      value: complete ? derivation.combine(parts.map((p) => p?.value ?? 0)) : null,
      suppression: null,
      sources: [...new Set(parts.flatMap((p) => (p ? [p.source] : [])))].sort(),
      derivation: derivation.describe(period),
    };
  }
  const o = index.get(key(area, measure, period));
  return {
    measure,
    period,
    value: o?.value ?? null,
    suppression: o?.suppression ?? null,
    sources: o ? [o.source] : [],
  };
}

function sumOverMembers(inputs: Inputs, members: readonly Area[], measure: MeasureId, period: string): HeadlineFigure {
  let total = 0;
  let any = false;
  const sources = new Set<string>();
  const missingMembers: string[] = [];
  for (const m of members) {
    const figure = areaFigure(inputs, m.code, measure, period);
    figure.sources.forEach((s) => sources.add(s));
    if (figure.value === null) {
      missingMembers.push(m.name);
      continue;
    }
    any = true;
    total += figure.value;
  }
  return {
    measure,
    period,
    value: any ? total : null,
    suppression: null,
    sources: [...sources].sort(),
    ...(missingMembers.length ? { missingMembers } : {}),
    derivation: `Sum of the ${members.length} member authorities${missingMembers.length ? ` (${missingMembers.length} without a figure)` : ''}`,
  };
}

/** Rates are recomputed from summed numerators and populations, never averaged. */
function consortiumRate(inputs: Inputs, members: readonly Area[], measure: MeasureId, period: string): HeadlineFigure {
  const numeratorMeasure: MeasureId = measure === 'registeredPlacesPer10k' ? 'registeredPlaces' : 'childrenLookedAfter';
  const numerator = sumOverMembers(inputs, members, numeratorMeasure, period);
  const population = sumOverMembers(inputs, members, 'population0to17', periodYear(period));
  const missing = [...new Set([...(numerator.missingMembers ?? []), ...(population.missingMembers ?? [])])];
  const complete = numerator.value !== null && population.value !== null && population.value > 0 && !missing.length;
  return {
    measure,
    period,
    value: complete ? Math.round(((numerator.value ?? 0) / (population.value ?? 1)) * 100_000) / 10 : null,
    suppression: null,
    sources: [...new Set([...numerator.sources, ...population.sources])].sort(),
    ...(missing.length ? { missingMembers: missing } : {}),
    // The population is ONS's mid-year estimate, or for a year the plan has none, the DfE file's own
    // denominator (see shared/import/dfe.ts); the sources say which.
    derivation: `${measures[numeratorMeasure].label} (${period}) ÷ population aged 0 to 17 for ${periodYear(period)} (ONS mid-year estimate, or the DfE file’s own denominator where the plan has none; see sources) × 10,000, each summed over the ${members.length} members`,
  };
}

function consortiumFigure(
  inputs: Inputs,
  members: readonly Area[],
  measure: MeasureId,
  period: string,
): HeadlineFigure {
  return measures[measure].aggregation === 'rate'
    ? consortiumRate(inputs, members, measure, period)
    : sumOverMembers(inputs, members, measure, period);
}

function historyFor(
  figureAt: (measure: MeasureId, period: string) => HeadlineFigure,
  periodsByMeasure: Map<MeasureId, string[]>,
): Partial<Record<MeasureId, HistoryPoint[]>> {
  const history: Partial<Record<MeasureId, HistoryPoint[]>> = {};
  for (const [measure, periods] of periodsByMeasure) {
    history[measure] = periods.map((period) => {
      const f = figureAt(measure, period);
      // An incomplete consortium total is not plotted as if it were the whole.
      return {
        period,
        value: f.missingMembers ? null : f.value,
        suppression: f.suppression,
        source: f.sources.join(', '),
      };
    });
  }
  return history;
}

/** Children's homes (long-term places only) by sector at the latest supply snapshot. */
export function supplyBySector(supply: readonly SupplyRow[], areaCodes: ReadonlySet<string>): SectorSupply[] {
  const rows = supply.filter((r) => areaCodes.has(r.area) && r.homeType === 'childrensHome');
  const latest = rows.reduce<string | null>((p, r) => (p === null || r.period > p ? r.period : p), null);
  if (latest === null) return [];
  return homeSectors
    .map((sector) => {
      const inSector = rows.filter((r) => r.period === latest && r.sector === sector);
      return {
        sector,
        period: latest,
        homes: inSector.reduce((s, r) => s + r.homes, 0),
        registeredPlaces: inSector.reduce((s, r) => s + r.registeredPlaces, 0),
        sources: [...new Set(inSector.map((r) => r.source))].sort(),
      };
    })
    .filter((s) => s.homes > 0);
}

function findGaps(data: PlanData, members: readonly Area[], periods: Map<MeasureId, string[]>): DataGap[] {
  if (members.length === 0) {
    return [
      {
        measure: 'childrenLookedAfter',
        message: 'The consortium has no member authorities yet.',
        fillWith: 'Choose member authorities from the reference list.',
      },
    ];
  }
  const gaps: DataGap[] = [];
  for (const measure of headlineMeasures) {
    if (!periods.get(measure)?.length) {
      gaps.push({
        measure,
        message: `No figures for ${lowerFirst(measures[measure].label)}.`,
        fillWith: fillWith[measure],
      });
    }
  }
  const memberCodes = new Set(members.map((m) => m.code));
  if (!data.supply.some((r) => memberCodes.has(r.area))) {
    gaps.push({
      measure: 'supply',
      message: 'No children’s homes supply by sector for the members.',
      fillWith: fillWith.childrensHomes,
    });
  }
  if (!data.flows.some((f) => memberCodes.has(f.placingArea))) {
    gaps.push({
      measure: 'flows',
      message: 'No placement flows (which LA placed children where).',
      fillWith: 'SSDA903 episodes, or the placement flows sheet of the Sufficiency Planner XLSX template',
    });
  }
  if (data.unitCosts.length === 0) {
    gaps.push({
      measure: 'unitCosts',
      message: 'No unit costs for placements.',
      fillWith: 'The unit costs sheet of the Sufficiency Planner XLSX template',
    });
  }
  gaps.push({
    measure: 'populationProjection',
    message:
      'No ONS population projection: the future child population is held at the latest mid-year estimate, changed only by the plan’s own annual growth assumption (default 0).',
    fillWith: 'ONS sub-national population projections (SNPP) CSV',
  });
  return gaps;
}

export function summarisePlan(data: PlanData, planName: string): PlanSummary {
  const inputs: Inputs = {
    data,
    index: new Map(data.observations.map((o) => [key(o.area, o.measure, o.period), o])),
  };
  const members = data.areas.filter((a) => a.isMember).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const memberCodes = new Set(members.map((m) => m.code));
  const periodsByMeasure = new Map<MeasureId, string[]>();
  const stored = periodsByStoredMeasure(data, memberCodes);
  for (const measure of headlineMeasures) {
    const periods = availablePeriods(stored, measure);
    if (periods.length) periodsByMeasure.set(measure, periods);
  }
  const latest = [...periodsByMeasure].map(
    ([measure, periods]) => [measure, periods[periods.length - 1] ?? ''] as const,
  );

  // A comparator (England, the region) shows its own published figure for the members' latest
  // period when it has one, else its own latest: whatever the members hold, never a blank it need not be.
  const comparatorLatest = (area: Area): (readonly [MeasureId, string])[] => {
    const own = periodsByStoredMeasure(data, new Set([area.code]));
    return headlineMeasures.flatMap((measure) => {
      const members = periodsByMeasure.get(measure);
      const memberLatest = members?.length ? (members[members.length - 1] ?? '') : null;
      if (memberLatest !== null && areaFigure(inputs, area.code, measure, memberLatest).value !== null) {
        return [[measure, memberLatest] as const];
      }
      const periods = availablePeriods(own, measure);
      const ownLatest = periods[periods.length - 1];
      if (ownLatest !== undefined) return [[measure, ownLatest] as const];
      return memberLatest !== null ? [[measure, memberLatest] as const] : [];
    });
  };
  const areaSummary = (area: Area, comparator = false): AreaSummary => ({
    code: area.code,
    dfeCode: area.dfeCode,
    name: area.name,
    level: area.level,
    isMember: area.isMember,
    headline: (comparator ? comparatorLatest(area) : latest).map(([measure, period]) =>
      areaFigure(inputs, area.code, measure, period),
    ),
    history: historyFor((measure, period) => areaFigure(inputs, area.code, measure, period), periodsByMeasure),
    supplyBySector: supplyBySector(data.supply, new Set([area.code])),
  });
  const comparatorOrder = { Regional: 0, National: 1, 'Local authority': 2 } as const;
  const memberRegions = memberRegionCodes(data.areas, memberCodes);
  return {
    planName,
    consortium: {
      name: data.consortiumName,
      memberCount: members.length,
      headline: latest.map(([measure, period]) => consortiumFigure(inputs, members, measure, period)),
      history: historyFor((measure, period) => consortiumFigure(inputs, members, measure, period), periodsByMeasure),
      supplyBySector: supplyBySector(data.supply, memberCodes),
    },
    authorities: members.map((m) => areaSummary(m)),
    // the consortium's own region(s) and England: never another region's figures
    comparators: data.areas
      .filter((a) => a.level === 'National' || (a.level === 'Regional' && memberRegions.has(a.code)))
      .sort((a, b) => comparatorOrder[a.level] - comparatorOrder[b.level])
      .map((a) => areaSummary(a, true)),
    sources: data.sources,
    assumptions: data.assumptions,
    gaps: findGaps(data, members, periodsByMeasure),
  };
}
