/**
 * The dataset build itself: every input read, the observations, supply and spending put together for every authority, region and England, with the notes of what was left out and why.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Area, BuiltInDataset, PlaceProvider, PlaceProviderCount } from '#shared/model/dataset.js';
import { placeProviderLabels, placeProviders } from '#shared/model/dataset.js';
import type { MeasureId } from '#shared/model/measures.js';
import { measureIds } from '#shared/model/measures.js';
import type { SupplyRow } from '#shared/model/supply.js';
import { homeSectors, homeTypes, ofstedJudgements } from '#shared/model/supply.js';
import { buildReference, crosswalk } from '../build-reference.js';
import { readSupplyMovements } from '../supply-movements.js';
import {
  costSources,
  derivePlacementSpend,
  nationalUnitCosts,
  readRo3,
  type ChildrenByService,
} from '../national-costs.js';
import {
  AreaResolver,
  ObservationSet,
  eachLongFormatValue,
  readLongFormat,
  regionsOf,
  type LeftOutFigure,
  type MeasureSpec,
  type Sink,
} from './observations.js';
import { createReader, readCentroids } from './inputs.js';
import {
  ENGLAND,
  ENGLAND_NAME,
  FILES,
  POPULATION_FIRST_YEAR,
  SOURCE_IDS,
  SPEND_CHILDREN_PERIOD,
  baseName,
  sourceList,
} from './sources.js';
import { Table, normaliseName } from './table.js';
import { readOfsted } from './ofsted.js';

/** "Years ending 31 March 2020 to 2024" (or prefix + first to last for other kinds of period). */
function describePeriods(periods: string[], prefix = 'Years ending 31 March'): string {
  const sorted = [...periods].sort();
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last) return 'none';
  return first === last ? `${prefix} ${first}` : `${prefix} ${first} to ${last}`;
}

/** The dataset and what the build had to leave out, for the CLI and the totals test. */
export interface BuildResult {
  dataset: BuiltInDataset;
  /** Rows left out (abolished authorities, former codes covering other areas), one line each. */
  leftOut: string[];
  /** The figures of those rows, for reconciling LA sums with published regional and national totals. */
  leftOutFigures: LeftOutFigure[];
  /** Supply rows of homes Ofsted filed under abolished authorities (counted in their region and England only). */
  leftOutSupply: SupplyRow[];
  /** Suspended children's homes and secure homes not counted, by Ofsted LA name. */
  suspended: Map<string, number>;
}

/** Reads the published files in `dataDir` and returns the national built-in dataset. */
export function buildDataset(dataDir: string): BuiltInDataset {
  return buildDatasetWithNotes(dataDir).dataset;
}

/** As buildDataset, with notes on what was left out. */
export function buildDatasetWithNotes(dataDir: string): BuildResult {
  const read = createReader(dataDir);
  const authorities = buildReference(read(FILES.claRate), crosswalk, FILES.claRate);
  const resolver = new AreaResolver(authorities);
  const regions = regionsOf(authorities);
  const sink: Sink = { observations: new ObservationSet(), leftOut: [] };
  const readMeasures = (spec: MeasureSpec): string[] => readLongFormat(read, resolver, regions, spec, sink);

  const claRatePeriods = readMeasures({
    file: FILES.claRate,
    sourceId: SOURCE_IDS.claRate,
    filterColumns: ['population_count', 'population_type'],
    valueColumns: ['number', 'children_count'],
    measures: {
      'Children looked after at 31 March each year': 'childrenLookedAfter',
      'Children looked after on 31 March each year': 'childrenLookedAfter',
      'Children starting to be looked after each year': 'childrenStartingCare',
      'Children ceasing to be looked after each year': 'childrenCeasingCare',
    },
  });
  readMeasures({
    file: FILES.claRate,
    sourceId: SOURCE_IDS.claRate,
    filterColumns: ['population_count', 'population_type'],
    valueColumns: ['rate_per_10000'],
    measures: {
      'Children looked after at 31 March each year': 'childrenLookedAfterRatePer10k',
      'Children looked after on 31 March each year': 'childrenLookedAfterRatePer10k',
    },
  });

  const missingPeriods = readMeasures({
    file: FILES.missing,
    sourceId: SOURCE_IDS.missing,
    filterColumns: ['CLA_group', 'cla_group', 'characteristic'],
    valueColumns: ['number', 'children_count'],
    measures: {
      'Children who had a missing incident during the year': 'childrenWithMissingIncident',
      'Number of missing incidents during the year': 'missingIncidents',
    },
  });

  const netGainPeriods = readMeasures({
    file: FILES.netGain,
    sourceId: SOURCE_IDS.netGain,
    filterColumns: ['characteristic', 'breakdown'],
    valueColumns: ['number', 'children_count'],
    measures: {
      '1. Children who are the responsibility of other LAs placed within this LA boundary':
        'otherLasChildrenPlacedInside',
    },
  });

  // The characteristics file: pre-2025 layout (cla_group, characteristic, number) or the 2025
  // renaming (characteristic = group, breakdown = value, children_count).
  const renamed = new Table(FILES.claCharacteristics, read(FILES.claCharacteristics)).hasColumn('breakdown');
  const characteristics = {
    file: FILES.claCharacteristics,
    sourceId: SOURCE_IDS.claCharacteristics,
    groupColumns: renamed ? ['characteristic'] : ['cla_group'],
    filterColumns: renamed ? ['breakdown'] : ['characteristic'],
    valueColumns: renamed ? ['children_count'] : ['number'],
  };
  const characteristicGroups: { group: string; measures: Record<string, MeasureId>; onlyNew?: boolean }[] = [
    { group: 'Placement', measures: { "Secure homes and children's homes": 'childrenInChildrensHomes' } },
    {
      group: 'Locality of placement',
      measures: { 'Placed outside the local authority boundary': 'placedOutsideLaBoundary' },
    },
    {
      group: 'Distance between home and placement',
      measures: { 'Placed more than 20 miles from home': 'placedOver20Miles' },
    },
    // Children looked after in periods the number-and-rate file does not yet cover (2025): the
    // Placement group's Total is all children looked after on 31 March.
    { group: 'Placement', measures: { Total: 'childrenLookedAfter' }, onlyNew: true },
    // Other LAs' children placed inside, for periods the net gain file does not yet cover (2025).
    {
      group: 'LA of placement',
      measures: {
        '2. Other LA children externally placed within the local authority boundary': 'otherLasChildrenPlacedInside',
      },
      onlyNew: true,
    },
  ];
  const characteristicsPeriods = new Set<string>();
  for (const g of characteristicGroups) {
    for (const p of readMeasures({ ...characteristics, ...g })) characteristicsPeriods.add(p);
  }
  // Children by place provider: a breakdown of its own (dataset.placeProviders), not measures.
  const providerKeys = Object.fromEntries(placeProviders.map((p) => [placeProviderLabels[p], p])) as Record<
    string,
    PlaceProvider
  >;
  const providerRows: PlaceProviderCount[] = [];
  eachLongFormatValue(
    read,
    resolver,
    regions,
    { ...characteristics, group: 'Place providers', keys: providerKeys },
    (v) => {
      if (v.place.kind !== 'area') return;
      providerRows.push({
        area: v.place.area,
        period: v.period,
        provider: v.key,
        children: v.value,
        suppression: v.suppression,
        source: SOURCE_IDS.claCharacteristics,
      });
      characteristicsPeriods.add(v.period);
    },
  );
  // Children in foster placements on 31 March: the divisor of fostering spend (not stored as a measure).
  const fosterChildren = new Map<string, number | null>();
  eachLongFormatValue(
    read,
    resolver,
    regions,
    { ...characteristics, group: 'Placement', keys: { 'Foster placements': 'foster' } },
    (v) => {
      if (v.place.kind === 'area' && v.period === SPEND_CHILDREN_PERIOD) fosterChildren.set(v.place.area, v.value);
    },
  );

  const populationPeriods = readMeasures({
    file: FILES.population,
    sourceId: SOURCE_IDS.population,
    filterColumns: ['age_group'],
    valueColumns: ['population_estimate'],
    measures: { 'Children aged 0 to 17 years': 'population0to17' },
    fromYear: POPULATION_FIRST_YEAR,
  });

  const ofsted = readOfsted(read, resolver, regions, sink);
  // Children's homes opened and closed each year (Ofsted joiners and leavers), by the importer's parser.
  const movementBuild = readSupplyMovements(dataDir, authorities);

  // Areas: every current authority by ONS code, then the regions, then England. None is a member.
  const centroids = readCentroids(read);
  const current = authorities.filter((a) => a.status === 'current');
  const currentCodes = new Set(current.map((a) => a.onsCode));
  for (const code of centroids.keys()) {
    const ref = resolver.byCode(code);
    if (!ref || ref.status !== 'current') throw new Error(`${FILES.centroids}: ${code} is not a current authority.`);
  }
  const areas: Area[] = current.map((a) => {
    const c = centroids.get(a.onsCode);
    if (!c) throw new Error(`${FILES.centroids}: no centroid for ${a.name} (${a.onsCode}).`);
    if (normaliseName(c.name) !== normaliseName(a.name)) {
      throw new Error(`${FILES.centroids}: ${a.onsCode} is named "${c.name}", expected "${a.name}".`);
    }
    return {
      code: a.onsCode,
      dfeCode: a.dfeCode,
      name: a.name,
      level: 'Local authority',
      regionCode: a.regionCode,
      regionName: a.regionName,
      centroidLat: c.lat,
      centroidLon: c.lon,
      isMember: false,
    };
  });
  for (const [code, name] of regions) {
    areas.push({
      code,
      dfeCode: null,
      name,
      level: 'Regional',
      regionCode: code,
      regionName: name,
      centroidLat: null,
      centroidLon: null,
      isMember: false,
    });
  }
  areas.push({
    code: ENGLAND,
    dfeCode: null,
    name: ENGLAND_NAME,
    level: 'National',
    regionCode: null,
    regionName: null,
    centroidLat: null,
    centroidLon: null,
    isMember: false,
  });
  for (const o of sink.observations.values()) {
    if (!currentCodes.has(o.area) && !regions.has(o.area) && o.area !== ENGLAND) {
      throw new Error(`Observation for ${o.area}, which is not an area of the dataset.`);
    }
  }

  // Published spending on placements (RO3) and the cost per child it implies.
  const ro3 = readRo3(new Uint8Array(fs.readFileSync(path.join(dataDir, FILES.ro3))), FILES.ro3, (code, name, where) =>
    resolver.fromCodes(FILES.ro3, code, '', name, 'financial year', where),
  );
  const inHomes = new Map<string, number | null>();
  for (const o of sink.observations.values()) {
    if (o.measure === 'childrenInChildrensHomes' && o.period === SPEND_CHILDREN_PERIOD) inHomes.set(o.area, o.value);
  }
  const children: ChildrenByService = { residentialCare: inHomes, fostering: fosterChildren };
  const placementSpend = derivePlacementSpend(ro3, areas, children, SPEND_CHILDREN_PERIOD);
  const costs = nationalUnitCosts(placementSpend);

  const areaOrder = new Map(areas.map((a, i) => [a.code, i]));
  const measureOrder = new Map(measureIds.map((m, i) => [m, i]));
  const sorted = sink.observations
    .values()
    .sort(
      (a, b) =>
        (areaOrder.get(a.area) ?? 0) - (areaOrder.get(b.area) ?? 0) ||
        (measureOrder.get(a.measure) ?? 0) - (measureOrder.get(b.measure) ?? 0) ||
        (a.period < b.period ? -1 : a.period > b.period ? 1 : 0),
    );
  const orderOf = <T extends string>(list: readonly T[]): Map<T, number> => new Map(list.map((v, i) => [v, i]));
  const sectorOrder = orderOf(homeSectors);
  const typeOrder = orderOf(homeTypes);
  const judgementOrder = orderOf(ofstedJudgements);
  const bySupplyKey = (a: SupplyRow, b: SupplyRow): number =>
    (areaOrder.get(a.area) ?? 0) - (areaOrder.get(b.area) ?? 0) ||
    (a.area < b.area ? -1 : a.area > b.area ? 1 : 0) ||
    (a.period < b.period ? -1 : a.period > b.period ? 1 : 0) ||
    (sectorOrder.get(a.sector) ?? 0) - (sectorOrder.get(b.sector) ?? 0) ||
    (typeOrder.get(a.homeType) ?? 0) - (typeOrder.get(b.homeType) ?? 0) ||
    (judgementOrder.get(a.judgement) ?? 0) - (judgementOrder.get(b.judgement) ?? 0);
  const supply = ofsted.supply.sort(bySupplyKey);
  const supplyMovements = movementBuild.movements.sort(
    (a, b) =>
      (areaOrder.get(a.area) ?? 0) - (areaOrder.get(b.area) ?? 0) ||
      (a.period < b.period ? -1 : a.period > b.period ? 1 : 0) ||
      (sectorOrder.get(a.sector) ?? 0) - (sectorOrder.get(b.sector) ?? 0),
  );
  for (const m of supplyMovements) {
    if (!areaOrder.has(m.area)) throw new Error(`Supply movement for ${m.area}, which is not an area of the dataset.`);
  }
  const providerOrder = orderOf(placeProviders);
  const providerCounts = providerRows.sort(
    (a, b) =>
      (areaOrder.get(a.area) ?? 0) - (areaOrder.get(b.area) ?? 0) ||
      (a.period < b.period ? -1 : a.period > b.period ? 1 : 0) ||
      (providerOrder.get(a.provider) ?? 0) - (providerOrder.get(b.provider) ?? 0),
  );
  const seenProvider = new Set<string>();
  for (const r of providerCounts) {
    const k = `${r.area}|${r.period}|${r.provider}`;
    if (seenProvider.has(k))
      throw new Error(`${FILES.claCharacteristics}: a second ${r.provider} value for ${r.area} in ${r.period}.`);
    seenProvider.add(k);
  }

  const sources = [
    ...sourceList({
      claRate: describePeriods(claRatePeriods),
      claCharacteristics: describePeriods([...characteristicsPeriods], '31 March'),
      missing: describePeriods(missingPeriods),
      netGain: describePeriods(netGainPeriods, '31 March'),
      population: describePeriods(populationPeriods, 'Mid-year estimates'),
      ofsted: '31 March 2023',
      centroids: 'Boundaries current in 2024-25',
    }),
    ...costSources(ro3, {
      childrenDate: `31 March ${SPEND_CHILDREN_PERIOD}`,
      childrenFile: `${baseName(FILES.claCharacteristics)} (Placement)`,
    }),
    ...costs.sources,
    ...movementBuild.sources,
  ];

  // Fixed, input-derived timestamp: the end of the latest year-ending-31-March period.
  const latestYear = sorted.reduce((max, o) => (/^\d{4}$/.test(o.period) && o.period > max ? o.period : max), '0000');
  const latestDate = sorted.reduce(
    (max, o) => (/^\d{4}-\d{2}-\d{2}$/.test(o.period) && o.period > max ? o.period : max),
    '',
  );
  const latestYearDate = `${latestYear}-03-31`;
  const generatedAt = latestDate > latestYearDate ? latestDate : latestYearDate;

  const dataset: BuiltInDataset = {
    id: 'england-builtin',
    consortiumName: 'Untitled consortium',
    generatedBy: 'scripts/build-dataset.ts',
    generatedAt,
    sources,
    areas,
    observations: sorted,
    supply,
    supplyMovements,
    homes: [],
    flows: [],
    unitCosts: costs.unitCosts,
    assumptions: costs.assumptions,
    placeProviders: providerCounts,
    placementSpend,
  };
  return {
    dataset,
    leftOut: resolver.notes(),
    leftOutFigures: sink.leftOut,
    leftOutSupply: ofsted.leftOutSupply.sort(bySupplyKey),
    suspended: ofsted.suspended,
  };
}
