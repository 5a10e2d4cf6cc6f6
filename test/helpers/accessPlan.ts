/**
 * A constructed four-authority consortium outside any real commissioning group (South West
 * authorities, with made-up but realistically shaped figures in the plan's own layouts): DfE-style
 * observations 2021–2025, ONS-style populations, an Ofsted-style supply snapshot by sector and
 * centroids. For tests of the access-share estimator and the member-by-member calibration on a plan
 * that holds no Greater Manchester figures.
 */
import type { Area, Observation, Source } from '#shared/model/dataset.js';
import type { PlanData } from '#shared/model/summarise.js';
import type { SupplyRow } from '#shared/model/supply.js';

export interface ConstructedMember {
  code: string;
  name: string;
  lat: number;
  lon: number;
  /** Children in secure and children's homes, 2021…2025. */
  homes: number[];
  childrenLookedAfter: number;
  placedOutsideLaBoundary: number;
  placedOver20Miles: number;
  population: number;
  laRun: number;
  private: number;
  voluntary: number;
}

export const SOUTH_WEST_MEMBERS: ConstructedMember[] = [
  {
    code: 'E06000052',
    name: 'Cornwall',
    lat: 50.4,
    lon: -4.9,
    homes: [48, 51, 53, 57, 60],
    childrenLookedAfter: 500,
    placedOutsideLaBoundary: 150,
    placedOver20Miles: 90,
    population: 105_000,
    laRun: 10,
    private: 70,
    voluntary: 5,
  },
  {
    code: 'E06000026',
    name: 'Plymouth',
    lat: 50.39,
    lon: -4.11,
    homes: [44, 47, 50, 52, 55],
    childrenLookedAfter: 480,
    placedOutsideLaBoundary: 220,
    placedOver20Miles: 80,
    population: 52_000,
    laRun: 6,
    private: 40,
    voluntary: 0,
  },
  {
    code: 'E06000027',
    name: 'Torbay',
    lat: 50.47,
    lon: -3.56,
    homes: [24, 26, 27, 29, 30],
    childrenLookedAfter: 300,
    placedOutsideLaBoundary: 130,
    placedOver20Miles: 45,
    population: 23_000,
    laRun: 0,
    private: 25,
    voluntary: 3,
  },
  {
    code: 'E10000008',
    name: 'Devon',
    lat: 50.73,
    lon: -3.8,
    homes: [75, 80, 84, 87, 90],
    childrenLookedAfter: 800,
    placedOutsideLaBoundary: 300,
    placedOver20Miles: 150,
    population: 140_000,
    laRun: 8,
    private: 110,
    voluntary: 10,
  },
];

const SOURCE: Source = {
  id: 'constructed-cla',
  title: 'Constructed figures in the DfE children looked after layout',
  publisher: 'Test fixture',
  file: 'constructed_cla_on_31_march_by_characteristics.csv',
  table: 'CLA on 31 March by characteristics',
  period: '2021 to 2025',
  licence: 'none',
  url: '',
  illustrative: true,
};
const SUPPLY_SOURCE: Source = {
  ...SOURCE,
  id: 'constructed-ofsted',
  file: 'constructed_providers.csv',
  table: 'Providers',
};

/** The constructed plan: every member with its figures, unless `drop` names measures to leave out for one member. */
export function constructedPlan(
  members: readonly ConstructedMember[] = SOUTH_WEST_MEMBERS,
  options: { withoutHomes?: string; assumptions?: PlanData['assumptions'] } = {},
): PlanData {
  const areas: Area[] = members.map((m) => ({
    code: m.code,
    dfeCode: null,
    name: m.name,
    level: 'Local authority',
    regionCode: 'E12000009',
    regionName: 'South West',
    centroidLat: m.lat,
    centroidLon: m.lon,
    isMember: true,
  }));
  const observations: Observation[] = [];
  const add = (area: string, measure: Observation['measure'], period: string, value: number, source = SOURCE.id) =>
    observations.push({ area, measure, period, value, suppression: null, source });
  for (const m of members) {
    m.homes.forEach((n, k) => {
      const period = String(2021 + k);
      if (!(options.withoutHomes === m.code && period === '2025')) add(m.code, 'childrenInChildrensHomes', period, n);
      // Looked-after children grow with homes; the locality shares stay about the same.
      const scale = n / (m.homes.at(-1) ?? n);
      add(m.code, 'childrenLookedAfter', period, Math.round(m.childrenLookedAfter * scale));
      add(m.code, 'placedOutsideLaBoundary', period, Math.round(m.placedOutsideLaBoundary * scale));
      add(m.code, 'placedOver20Miles', period, Math.round(m.placedOver20Miles * scale));
    });
    for (let year = 2019; year <= 2024; year++) add(m.code, 'population0to17', String(year), m.population);
  }
  const supply: SupplyRow[] = members.flatMap((m) =>
    (
      [
        ['Local Authority', m.laRun],
        ['Private', m.private],
        ['Voluntary', m.voluntary],
      ] as const
    )
      .filter(([, places]) => places > 0)
      .map(([sector, places]) => ({
        area: m.code,
        period: '2023-03-31',
        sector,
        homeType: 'childrensHome' as const,
        judgement: 'Good' as const,
        homes: Math.ceil(places / 3),
        registeredPlaces: places,
        source: SUPPLY_SOURCE.id,
      })),
  );
  return {
    consortiumName: 'Constructed South West consortium',
    areas,
    observations,
    sources: [SOURCE, SUPPLY_SOURCE],
    supply,
    flows: [],
    unitCosts: [],
    assumptions: options.assumptions ?? [],
  };
}
