/**
 * The dataset's deterministic JSON layout (one line per flat record, stable order, trailing newline) and the sums over areas the totals checks use.
 */
import type { BuiltInDataset } from '#shared/model/dataset.js';
import type { MeasureId } from '#shared/model/measures.js';
import type { HomeSector, HomeType, SupplyRow } from '#shared/model/supply.js';
import { homeSectors, homeTypes } from '#shared/model/supply.js';

/** Longest one-line form of a record inside an array; longer records are laid out over several lines. */
const ONE_LINE_RECORD_MAX = 250;

/** Arrays of data records, each record on one line whatever its length. */
const DATA_ARRAYS: ReadonlySet<string> = new Set([
  'areas',
  'observations',
  'supply',
  'supplyMovements',
  'placeProviders',
  'placementSpend',
]);

function isFlatRecord(value: object): boolean {
  return Object.values(value).every((v) => v === null || typeof v !== 'object');
}

/** JSON with 2-space indentation, except that flat records inside arrays take one line each (see above). */
function formatJson(value: unknown, indent: string, arrayKey: string | null): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + formatJson(v, inner, arrayKey)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const oneLine = JSON.stringify(value);
    if (
      arrayKey !== null &&
      isFlatRecord(value) &&
      (DATA_ARRAYS.has(arrayKey) || oneLine.length <= ONE_LINE_RECORD_MAX)
    ) {
      return oneLine;
    }
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, inner, Array.isArray(v) ? k : null)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/**
 * The dataset as written to disk: 2-space JSON with a trailing newline, with each area, observation,
 * supply row, place-provider count and spending row on one line to keep the bundled file small.
 */
export function serialiseDataset(dataset: BuiltInDataset): string {
  return `${formatJson(dataset, '', null)}\n`;
}

/** Sum of a measure over the given areas for one period (missing values skipped), with a count of suppressed ones. */
export function sumOverAreas(
  dataset: BuiltInDataset,
  codes: Iterable<string>,
  measure: MeasureId,
  period: string,
): { total: number; suppressed: number; count: number } {
  const wanted = new Set(codes);
  let total = 0;
  let suppressed = 0;
  let count = 0;
  for (const o of dataset.observations) {
    if (o.measure !== measure || o.period !== period || !wanted.has(o.area)) continue;
    count += 1;
    if (o.value === null) suppressed += 1;
    else total += o.value;
  }
  return { total, suppressed, count };
}

export interface SectorSupply {
  sector: HomeSector;
  homes: number;
  places: number;
  byType: Record<HomeType, { homes: number; places: number }>;
}

/** Supply rows summed by sector (sectors with no homes left out), optionally only for some areas. */
export function supplyBySector(rows: readonly SupplyRow[], period: string, codes?: Iterable<string>): SectorSupply[] {
  const wanted = codes ? new Set(codes) : null;
  const bySector = new Map<HomeSector, SectorSupply>();
  for (const r of rows) {
    if (r.period !== period || (wanted && !wanted.has(r.area))) continue;
    const s = bySector.get(r.sector) ?? {
      sector: r.sector,
      homes: 0,
      places: 0,
      byType: Object.fromEntries(homeTypes.map((t) => [t, { homes: 0, places: 0 }])) as SectorSupply['byType'],
    };
    s.homes += r.homes;
    s.places += r.registeredPlaces;
    s.byType[r.homeType].homes += r.homes;
    s.byType[r.homeType].places += r.registeredPlaces;
    bySector.set(r.sector, s);
  }
  return homeSectors.flatMap((sector) => {
    const s = bySector.get(sector);
    return s ? [s] : [];
  });
}
