/**
 * Ofsted "Children's social care data in England": the provider-level sheet, as rows of cells, so
 * a CSV save and a sheet read from the published ODS (or an XLSX save) take one path.
 *
 * The header row is found by name (title rows above it: the first of the first 20 rows naming
 * "URN" and "Provision type"). Both the current layout (2023: "Registration status", "Places",
 * "Short-break-only children's home", "Overall experiences and progress of children and young
 * people") and older ones (2015: "Reg Status", "Setting Name", "Overall effectiveness", "Short breaks
 * only", no Places) are read. Provision types are matched case-insensitively ("Children's home" and
 * "Children's Home" both occur); only children's homes (long-term or short-break-only) and secure
 * children's homes are taken. Local authorities are named, not coded: names go through the
 * crosswalk (Ofsted writes "Bristol", "Durham", "Bournemouth, Christchurch & Poole", …).
 *
 * Output: one ChildrensHome per home (Active and Suspended), SupplyRows aggregated over Active
 * homes by LA, sector, type and judgement, and childrensHomes/registeredPlaces observations per LA
 * (Active long-term children's homes, the measures' definition).
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import type { AuthorityLookup } from '../model/authorities.js';
import type { Observation } from '../model/dataset.js';
import type { ChildrensHome, HomeType, OfstedJudgement, SupplyRow } from '../model/supply.js';
import { ProviderRowChecks, findSnapshotDate, isYes, sectorByName } from './ofstedRows.js';
import type { IssueCollector } from './report.js';
import type { RawTable } from './table.js';
import { AreaResolver, UnknownValues } from './areas.js';
import {
  Columns,
  IssueLimiter,
  Tally,
  cellText,
  findHeaderRow,
  foldText,
  isBlankRow,
  normaliseLabel,
  parseNumber,
  quote,
  bodyRows,
} from './table.js';

export { findSnapshotDate } from './ofstedRows.js';

export interface OfstedOptions {
  source: string;
  /** Snapshot date ("2023-03-31"); found in the title rows, sheet name or file name when omitted. */
  period?: string;
  /** File name, searched for the snapshot date. */
  fileName?: string;
}

export interface OfstedResult {
  homes: ChildrensHome[];
  supply: SupplyRow[];
  observations: Observation[];
  /** Snapshot date used, or null when none could be found (an error is reported). */
  period: string | null;
  rows: number;
  unmodelled: { what: string; rows: number }[];
}

const COLUMNS = {
  urn: ['URN', 'Unique reference number', 'Provider URN'],
  type: ['Provision type', 'Provider type'],
  status: ['Registration status', 'Reg Status', 'Status'],
  la: ['Local authority', 'Local authority name', 'LA name', 'LA'],
  sector: ['Sector', 'Provider sector'],
  places: ['Places', 'Registered places', 'Number of places', 'Maximum places'],
  shortBreak: ["Short-break-only children's home", 'Short breaks only', 'Short break only', 'Short-break-only'],
  judgement: [
    'Overall experiences and progress of children and young people',
    'Overall effectiveness',
    'Overall experiences and progress',
  ],
} as const;

/** The provider-level header: a row naming URN and Provision type. */
export function isOfstedHeader(columns: Columns): boolean {
  return columns.has(...COLUMNS.urn) && columns.has(...COLUMNS.type);
}

function homeTypeOf(provisionType: string): 'childrensHome' | 'secure' | null {
  const t = normaliseLabel(provisionType).replace(/'/g, '');
  if (t === 'childrens home') return 'childrensHome';
  if (t === 'secure childrens home' || t === 'secure unit') return 'secure';
  return null;
}

const judgementByName: ReadonlyMap<string, OfstedJudgement> = new Map([
  ['outstanding', 'Outstanding'],
  ['good', 'Good'],
  ['requires improvement to be good', 'Requires improvement to be good'],
  ['requires improvement', 'Requires improvement to be good'],
  ['inadequate', 'Inadequate'],
  ['', 'Not yet inspected'],
  ['not yet inspected', 'Not yet inspected'],
]);

/** Older frameworks' grades, read as the nearest current judgement (with a warning). */
const olderJudgements: ReadonlyMap<string, OfstedJudgement> = new Map([
  ['adequate', 'Requires improvement to be good'],
  ['satisfactory', 'Requires improvement to be good'],
]);

export function parseOfsted(
  table: RawTable,
  lookup: AuthorityLookup,
  issues: IssueCollector,
  options: OfstedOptions,
): OfstedResult {
  const empty = (rows: number, period: string | null): OfstedResult => ({
    homes: [],
    supply: [],
    observations: [],
    period,
    rows,
    unmodelled: [],
  });
  const headerRow = findHeaderRow(table.rows, isOfstedHeader);
  if (headerRow < 0) {
    issues.error(null, 'URN', "No header row naming 'URN' and 'Provision type' in the first 20 rows.");
    return empty(table.rows.filter((r) => !isBlankRow(r)).length, null);
  }
  const columns = new Columns(table.rows[headerRow] ?? []);
  const titleTexts = table.rows.slice(0, headerRow).flat();
  const ownDate = findSnapshotDate(
    [...titleTexts, table.sheetName ?? '', options.fileName ?? ''].filter((t) => t !== ''),
  );
  const period = options.period ?? ownDate;
  if (period === null) {
    issues.error(
      null,
      null,
      "Could not tell the date of this snapshot (such as 'as at 31 March 2023') from the title rows, sheet name or file name. Give it in the import preview (snapshot date), or with --as-of YYYY-MM-DD on the command line.",
    );
  } else if (options.period !== undefined && ownDate !== null && ownDate !== options.period) {
    issues.warning(
      null,
      null,
      `The file says its snapshot is ${ownDate}, but the date given is ${options.period}: the date given is used.`,
    );
  }

  const col = {
    urn: columns.find(...COLUMNS.urn),
    type: columns.find(...COLUMNS.type),
    la: columns.require(issues, COLUMNS.la),
    status: columns.find(...COLUMNS.status),
    sector: columns.find(...COLUMNS.sector),
    places: columns.find(...COLUMNS.places),
    shortBreak: columns.find(...COLUMNS.shortBreak),
    judgement: columns.find(...COLUMNS.judgement),
  };
  const name = (i: number | null): string | null => (i === null ? null : columns.name(i));
  if (col.places === null) {
    issues.warning(
      null,
      'Places',
      "Column 'Places' is missing (older layouts have none): registered places are not known, so homes are imported with 0 places and the registered places measure is left blank.",
    );
  }
  if (col.status === null) {
    issues.warning(
      null,
      'Registration status',
      "Column 'Registration status' is missing: every home is taken as Active.",
    );
  }
  if (col.shortBreak === null) {
    issues.warning(
      null,
      "Short-break-only children's home",
      "Column 'Short-break-only children's home' is missing: short-break-only homes cannot be told apart and are counted as long-term children's homes.",
    );
  }
  if (col.judgement === null) {
    issues.warning(
      null,
      'Overall experiences and progress of children and young people',
      "Column 'Overall experiences and progress of children and young people' (or 'Overall effectiveness') is missing: every home is taken as not yet inspected.",
    );
  }
  if (col.la === null || col.urn === null || col.type === null) {
    return empty(table.rows.slice(headerRow + 1).filter((r) => !isBlankRow(r)).length, period);
  }

  const resolver = new AreaResolver(lookup, issues, period);
  const limiter = new IssueLimiter(issues);
  const tally = new Tally();
  const columnNames = { urn: name(col.urn), la: name(col.la), places: name(col.places) };
  const checks = new ProviderRowChecks(limiter, tally, columnNames);
  const unknownLas = new UnknownValues();
  /** Places given for providers that are not children's homes, by provision type. */
  const placesElsewhere = new Map<string, { firstRow: number; rows: number; places: number }>();
  const noted = new Set<string>();
  const homes: ChildrensHome[] = [];
  /** Areas with at least one home in the file, for the per-LA observations. */
  const areas = new Set<string>();
  let rows = 0;

  for (const { cells, row } of bodyRows(table, headerRow)) {
    rows += 1;
    const urn = checks.urn(cells, col.urn);
    if (urn === null) continue;
    if (checks.repeated(urn, row)) continue;

    const typeRaw = foldText(cellText(cells, col.type));
    const type = homeTypeOf(typeRaw);
    const placesRaw = cellText(cells, col.places);
    if (type === null) {
      checks.otherProvision(typeRaw);
      const places = parseNumber(placesRaw);
      if (places.kind === 'number' && places.value > 0) {
        const key = typeRaw;
        const entry = placesElsewhere.get(key) ?? { firstRow: row, rows: 0, places: 0 };
        entry.rows += 1;
        entry.places += places.value;
        placesElsewhere.set(key, entry);
      }
      continue;
    }

    const statusRaw = col.status === null ? 'Active' : foldText(cellText(cells, col.status));
    const statusKey = normaliseLabel(statusRaw);
    const status = statusKey === 'active' ? 'Active' : statusKey === 'suspended' ? 'Suspended' : null;
    if (status === null) {
      tally.add(`children's homes with registration status ${quote(statusRaw)}`);
      continue;
    }

    const what = `${typeRaw.toLowerCase()} ${urn}`;
    const laRaw = checks.localAuthority(cellText(cells, col.la), row, what);
    if (laRaw === null) continue;
    const resolved = resolver.authority({ onsCode: '', dfeCode: '', name: laRaw }, row, {
      onsCode: name(col.la),
      dfeCode: null,
      name: name(col.la),
    });
    if (resolved.kind === 'unknown') {
      unknownLas.add(laRaw, row, name(col.la));
      continue;
    }
    if (resolved.kind === 'left-out') {
      tally.add(`homes in ${resolved.why}, left out`);
      continue;
    }

    let places = 0;
    if (col.places !== null) {
      const read = checks.places(placesRaw, row, what);
      if (read === null) continue;
      places = read;
    }

    const shortBreak = col.shortBreak !== null && isYes(cellText(cells, col.shortBreak));
    const homeType: HomeType = type === 'secure' ? 'secure' : shortBreak ? 'shortBreakOnly' : 'childrensHome';
    const sector = sectorByName.get(normaliseLabel(cellText(cells, col.sector))) ?? 'Other';

    const judgementRaw = foldText(cellText(cells, col.judgement));
    const judgementKey = normaliseLabel(judgementRaw);
    let judgement = judgementByName.get(judgementKey);
    if (!judgement) {
      judgement = olderJudgements.get(judgementKey);
      const key = `judgement:${judgementKey}`;
      if (!noted.has(key)) {
        noted.add(key);
        issues.warning(
          row,
          name(col.judgement),
          judgement
            ? `Row ${row}: judgement ${quote(judgementRaw)} (an earlier inspection framework's grade) is counted as '${judgement}'.`
            : `Row ${row}: judgement ${quote(judgementRaw)} is not an Ofsted judgement; homes with it are counted as 'Not yet inspected'.`,
        );
      }
      judgement ??= 'Not yet inspected';
    }

    areas.add(resolved.code);
    homes.push({
      urn,
      area: resolved.code,
      period: period ?? '',
      sector,
      homeType,
      judgement,
      registeredPlaces: places,
      registrationStatus: status,
      source: options.source,
    });
  }

  for (const [type, { firstRow, rows: count, places }] of placesElsewhere) {
    issues.warning(
      firstRow,
      name(col.places),
      `Row ${firstRow}: ${quote(type)} is not a children's home, so places given for it are not counted (${count} ${count === 1 ? 'provider' : 'providers'} of this type, ${places} places).`,
    );
  }
  unknownLas.report(issues, 'is not an English local authority in the reference list');
  limiter.finish();

  if (period === null) return { ...empty(rows, null), unmodelled: tally.list() };

  const supply = new Map<string, SupplyRow>();
  const totals = new Map<string, { homes: number; places: number }>(
    [...areas].map((a) => [a, { homes: 0, places: 0 }]),
  );
  for (const h of homes) {
    if (h.registrationStatus !== 'Active') continue;
    const key = `${h.area}|${h.sector}|${h.homeType}|${h.judgement}`;
    const s = supply.get(key) ?? {
      area: h.area,
      period,
      sector: h.sector,
      homeType: h.homeType,
      judgement: h.judgement,
      homes: 0,
      registeredPlaces: 0,
      source: options.source,
    };
    s.homes += 1;
    s.registeredPlaces += h.registeredPlaces;
    supply.set(key, s);
    const t = totals.get(h.area);
    if (t && h.homeType === 'childrensHome') {
      t.homes += 1;
      t.places += h.registeredPlaces;
    }
  }
  // What the per-LA measures leave out, with counts (never silently).
  const active = homes.filter((h) => h.registrationStatus === 'Active');
  const leftOut = (type: HomeType) => {
    const list = active.filter((h) => h.homeType === type);
    return { homes: list.length, places: list.reduce((s, h) => s + h.registeredPlaces, 0) };
  };
  const shortBreaks = leftOut('shortBreakOnly');
  const secure = leftOut('secure');
  const suspended = homes.filter((h) => h.registrationStatus === 'Suspended');
  const counted = (n: { homes: number; places: number }, what: string) =>
    `${n.homes.toLocaleString('en-GB')} ${what}${n.homes === 1 ? '' : 's'} (${n.places.toLocaleString('en-GB')} places)`;
  if (shortBreaks.homes > 0 || secure.homes > 0) {
    issues.warning(
      null,
      name(col.type),
      `Left out of long-term supply (the children's homes and registered places measures): ${[
        shortBreaks.homes > 0 ? counted(shortBreaks, "short-break-only children's home") : null,
        secure.homes > 0 ? counted(secure, "secure children's home") : null,
      ]
        .filter(Boolean)
        .join(' and ')}. They are kept in the supply by sector and type.`,
    );
  }
  if (suspended.length > 0) {
    issues.warning(
      null,
      name(col.status),
      `${counted({ homes: suspended.length, places: suspended.reduce((s, h) => s + h.registeredPlaces, 0) }, 'suspended children’s home')} kept in the list of homes but left out of supply, which counts active homes only.`,
    );
  }
  const observations: Observation[] = [];
  for (const [area, t] of totals) {
    observations.push(
      { area, measure: 'childrensHomes', period, value: t.homes, suppression: null, source: options.source },
      {
        area,
        measure: 'registeredPlaces',
        period,
        value: col.places === null ? null : t.places,
        suppression: null,
        source: options.source,
      },
    );
  }
  return { homes, supply: [...supply.values()], observations, period, rows, unmodelled: tally.list() };
}
