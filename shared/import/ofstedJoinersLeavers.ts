/**
 * Ofsted "joiners and leavers" tables (Children's social care data in England, 2017 to 2023 and
 * on): every provider that registered (a joiner) or resigned, closed or was cancelled (a leaver) in
 * the year to 31 March, with its provision type, local authority (by name), sector and places. Read
 * here into openings and closures of children's homes by authority, sector and year
 * ({@link SupplyMovement}), the history the supply projection (shared/supply) runs on.
 *
 * Layouts differ by year and are matched by column name, never position: 2017–2018 have
 * "First effective date (that the provider became active)" … "Flag for appealed"; 2019 "Registration
 * date" and "Date closed"; 2020 "Registration date" and "Cancelled or resigned date"; 2021 adds
 * "Short-break-only children's home" and "Resigned/closed date"; 2022–2023 have three title rows
 * above the header, and 2023 adds "Ofsted Region" and "Reason". The header row is the first of the
 * first 20 naming "URN", "Provision type" and "Joiner status" or "Leaver status".
 *
 * What it counts: providers whose provision type is "Children's home" (either capitalisation), long-
 * term and short-break-only together (the short-break flag exists only from 2021). Secure children's
 * homes and residential special schools registered as children's homes are other provision types
 * and are not counted (tallied as rows not modelled). A row is an opening when "Joiner status" is
 * "Joiner" and a closure when "Leaver status" is "Leaver"; a home that did both in one year counts
 * once in each. Places are the file's "Places" for the home.
 *
 * Authorities are matched by name through the reference crosswalk. Predecessors lying wholly inside
 * a current authority are counted under it (Bournemouth and Poole, in files before April 2019, under
 * Bournemouth, Christchurch and Poole). Homes of abolished authorities that were split (Cumbria,
 * Northamptonshire) cannot be placed in a successor: they count in their region and England only.
 *
 * The year (ending 31 March) is taken from the options, else from a "31 March YYYY" (or "1 April
 * YYYY", the year's start) in the title rows or column names, else from the joiners' registration
 * dates (their median), else from a four-digit year in the file name (./ofstedJoinersLeaversYear.ts).
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import type { AuthorityLookup, ReferenceAuthority } from '../model/authorities.js';
import type { HomeSector, SupplyMovement } from '../model/supply.js';
import { homeSectors } from '../model/supply.js';
import { findPeriod, parseDate, yearEndingMarch } from './ofstedJoinersLeaversYear.js';
import { ProviderRowChecks, isYes, sectorByName } from './ofstedRows.js';
import type { IssueCollector } from './report.js';
import { predecessorByName } from '../model/predecessors.js';
import type { RawTable } from './table.js';

export { parseDate } from './ofstedJoinersLeaversYear.js';
import { ENGLAND_CODE, UnknownValues } from './areas.js';
import {
  Columns,
  IssueLimiter,
  Tally,
  cellText,
  findHeaderRow,
  foldText,
  isBlankRow,
  normaliseLabel,
  quote,
  bodyRows,
} from './table.js';

export interface JoinersLeaversOptions {
  source: string;
  /** Year ending 31 March the file covers ("2023"); found from the file when omitted. */
  period?: string;
  /** File name, the last place searched for the year. */
  fileName?: string;
}

/** One children's home that joined or left in the year. */
export interface JoinerLeaverEvent {
  urn: string;
  /** 1-based row in the file. */
  row: number;
  /** Current authority (ONS code), or null when the home's authority was abolished and split. */
  area: string | null;
  /** Region (ONS code) of the home, from its authority. */
  region: string;
  sector: HomeSector;
  shortBreakOnly: boolean;
  places: number;
  joined: boolean;
  left: boolean;
}

export interface JoinersLeaversResult {
  /** Year ending 31 March ("2023"), or null when none could be found (an error is reported). */
  period: string | null;
  events: JoinerLeaverEvent[];
  /** Openings and closures by authority, region and England, and sector (rows with any movement). */
  movements: SupplyMovement[];
  rows: number;
  unmodelled: { what: string; rows: number }[];
}

const COLUMNS = {
  urn: ['URN', 'Unique reference number', 'Provider URN'],
  type: ['Provision type', 'Provider type'],
  la: ['Local authority', 'Local authority name', 'LA name'],
  sector: ['Sector', 'Provider sector'],
  places: ['Places', 'Registered places', 'Number of places'],
  shortBreak: ["Short-break-only children's home", 'Short breaks only', 'Short-break-only'],
  joiner: ['Joiner status', 'Joiner'],
  leaver: ['Leaver status', 'Leaver'],
  joinDate: ['Registration date', 'First effective date (that the provider became active)'],
} as const;

/** The joiners-and-leavers header: URN, Provision type and a joiner or leaver status column. */
export function isJoinersLeaversHeader(columns: Columns): boolean {
  return (
    columns.has(...COLUMNS.urn) &&
    columns.has(...COLUMNS.type) &&
    (columns.has('Joiner status') || columns.has('Leaver status'))
  );
}

function isChildrensHome(provisionType: string): boolean {
  return normaliseLabel(provisionType).replace(/'/g, '') === 'childrens home';
}

interface Tallies {
  homesOpened: number;
  placesOpened: number;
  homesClosed: number;
  placesClosed: number;
}

export function parseOfstedJoinersLeavers(
  table: RawTable,
  lookup: AuthorityLookup,
  issues: IssueCollector,
  options: JoinersLeaversOptions,
): JoinersLeaversResult {
  const headerRow = findHeaderRow(table.rows, isJoinersLeaversHeader);
  if (headerRow < 0) {
    issues.error(
      null,
      'URN',
      "No header row naming 'URN', 'Provision type' and 'Joiner status' or 'Leaver status' in the first 20 rows.",
    );
    return { period: null, events: [], movements: [], rows: 0, unmodelled: [] };
  }
  const header = table.rows[headerRow] ?? [];
  const columns = new Columns(header);
  const col = {
    urn: columns.find(...COLUMNS.urn),
    type: columns.find(...COLUMNS.type),
    la: columns.require(issues, COLUMNS.la, "each home's local authority is needed"),
    sector: columns.require(issues, COLUMNS.sector, 'openings and closures are counted by sector'),
    places: columns.require(issues, COLUMNS.places, 'openings and closures are counted in places'),
    shortBreak: columns.find(...COLUMNS.shortBreak),
    joiner: columns.require(issues, COLUMNS.joiner, 'it tells which homes opened in the year'),
    leaver: columns.require(issues, COLUMNS.leaver, 'it tells which homes closed in the year'),
    joinDate: columns.find(...COLUMNS.joinDate),
  };
  const name = (i: number | null): string | null => (i === null ? null : columns.name(i));
  const dataRows = table.rows.slice(headerRow + 1).filter((r) => !isBlankRow(r)).length;
  if (
    col.urn === null ||
    col.type === null ||
    col.la === null ||
    col.sector === null ||
    col.places === null ||
    col.joiner === null ||
    col.leaver === null
  ) {
    return { period: null, events: [], movements: [], rows: dataRows, unmodelled: [] };
  }

  const limiter = new IssueLimiter(issues);
  const tally = new Tally();
  const unknownLas = new UnknownValues();
  const columnNames = { urn: name(col.urn), la: name(col.la), places: name(col.places) };
  const checks = new ProviderRowChecks(limiter, tally, columnNames);
  const noted = new Set<string>();
  const noteOnce = (key: string, row: number | null, column: string | null, message: string): void => {
    if (noted.has(key)) return;
    noted.add(key);
    issues.warning(row, column, message);
  };
  const events: JoinerLeaverEvent[] = [];
  const joinYears: number[] = [];
  let rows = 0;

  for (const { cells, row } of bodyRows(table, headerRow)) {
    rows += 1;
    const urn = checks.urn(cells, col.urn);
    const typeRaw = foldText(cellText(cells, col.type));
    if (urn === null) continue;
    if (!isChildrensHome(typeRaw)) {
      checks.otherProvision(typeRaw);
      continue;
    }
    if (checks.repeated(urn, row)) continue;

    const joinerRaw = foldText(cellText(cells, col.joiner));
    const leaverRaw = foldText(cellText(cells, col.leaver));
    const joinerKey = normaliseLabel(joinerRaw);
    const leaverKey = normaliseLabel(leaverRaw);
    if (joinerKey !== '' && joinerKey !== 'joiner') {
      limiter.error(
        'joiner status',
        row,
        name(col.joiner),
        `Row ${row}: ${quote(joinerRaw)} is not a joiner status (expected 'Joiner' or blank) for children's home ${urn}.`,
      );
      continue;
    }
    if (leaverKey !== '' && leaverKey !== 'leaver') {
      limiter.error(
        'leaver status',
        row,
        name(col.leaver),
        `Row ${row}: ${quote(leaverRaw)} is not a leaver status (expected 'Leaver' or blank) for children's home ${urn}.`,
      );
      continue;
    }
    const joined = joinerKey === 'joiner';
    const left = leaverKey === 'leaver';
    if (!joined && !left) {
      tally.add("children's homes neither joining nor leaving");
      continue;
    }

    const what = `children's home ${urn}`;
    const laRaw = checks.localAuthority(cellText(cells, col.la), row, what);
    if (laRaw === null) continue;
    let authority: ReferenceAuthority | undefined;
    let area: string | null = null;
    // A predecessor wholly inside one current authority (Bournemouth and Poole, in BCP since 1 April
    // 2019), from the crosswalk every importer uses: its homes are that authority's. One split
    // between successors (Northamptonshire, Cumbria) is handled below as abolished.
    const predecessor = predecessorByName(laRaw, null);
    const successor = predecessor?.successorCodes.length === 1 ? predecessor.successorCodes[0] : undefined;
    if (successor !== undefined && lookup.byCode(successor)) {
      authority = lookup.byCode(successor);
      area = authority?.onsCode ?? null;
      noteOnce(
        `predecessor:${normaliseLabel(laRaw)}`,
        row,
        name(col.la),
        `Row ${row}: ${quote(laRaw)} is now part of ${authority?.name ?? ''} (${area ?? ''}); its homes are counted there.`,
      );
    } else {
      authority = lookup.byName(laRaw);
      if (authority?.status === 'abolished') {
        noteOnce(
          `abolished:${authority.onsCode}`,
          row,
          name(col.la),
          `Row ${row}: ${authority.name} was abolished and split (into ${authority.successorCodes.join(', ')}); a home's successor cannot be told from the file, so its homes count in ${authority.regionName} and England only.`,
        );
      } else if (authority) {
        area = authority.onsCode;
      }
    }
    if (!authority) {
      // An unknown name blocks the import (reported once per name below).
      unknownLas.add(laRaw, row, name(col.la));
      continue;
    }
    const region = authority.regionCode;

    const places = checks.places(cellText(cells, col.places), row, what);
    if (places === null) continue;

    const sectorRaw = foldText(cellText(cells, col.sector));
    let sector = sectorByName.get(normaliseLabel(sectorRaw));
    if (!sector) {
      sector = 'Other';
      noteOnce(
        `sector:${normaliseLabel(sectorRaw)}`,
        row,
        name(col.sector),
        `Row ${row}: sector ${quote(sectorRaw)} is not one of ${homeSectors.slice(0, -1).join(', ')}; homes with it are counted as 'Other'.`,
      );
    }

    if (joined && col.joinDate !== null) {
      const date = parseDate(cellText(cells, col.joinDate));
      if (date) joinYears.push(yearEndingMarch(date));
      else if (cellText(cells, col.joinDate) !== '') {
        noteOnce(
          'join date',
          row,
          name(col.joinDate),
          `Row ${row}: ${quote(cellText(cells, col.joinDate))} is not a date (dd/mm/yyyy); registration dates are only used to tell the file's year.`,
        );
      }
    }

    events.push({
      urn,
      row,
      area,
      region,
      sector,
      shortBreakOnly: col.shortBreak !== null && isYes(cellText(cells, col.shortBreak)),
      places,
      joined,
      left,
    });
  }
  unknownLas.report(issues, 'is not an English local authority in the reference list (nor a predecessor of one)');
  limiter.finish();
  if (col.shortBreak === null && events.length > 0) {
    issues.warning(
      null,
      "Short-break-only children's home",
      "Column 'Short-break-only children's home' is missing (as in files before 2021): long-term and short-break-only homes are counted together, as they are in every year's movements.",
    );
  }

  const period = findPeriod(table, headerRow, header, joinYears, options, issues);
  if (period === null) return { period, events, movements: [], rows, unmodelled: tally.list() };
  return { period, events, movements: aggregate(events, period, options.source), rows, unmodelled: tally.list() };
}

/** Sums events into movements by authority, region and England, and sector, in a stable order. */
function aggregate(events: readonly JoinerLeaverEvent[], period: string, source: string): SupplyMovement[] {
  const sums = new Map<string, Tallies>();
  const add = (area: string, sector: HomeSector, e: JoinerLeaverEvent): void => {
    const key = `${area}|${sector}`;
    const t = sums.get(key) ?? { homesOpened: 0, placesOpened: 0, homesClosed: 0, placesClosed: 0 };
    if (e.joined) {
      t.homesOpened += 1;
      t.placesOpened += e.places;
    }
    if (e.left) {
      t.homesClosed += 1;
      t.placesClosed += e.places;
    }
    sums.set(key, t);
  };
  for (const e of events) {
    if (e.area !== null) add(e.area, e.sector, e);
    if (e.region !== '') add(e.region, e.sector, e);
    add(ENGLAND_CODE, e.sector, e);
  }
  const order = (s: HomeSector): number => homeSectors.indexOf(s);
  return [...sums]
    .map(([key, t]): SupplyMovement => {
      const [area, sector] = key.split('|') as [string, HomeSector];
      return { area, period, sector, ...t, source };
    })
    .sort((a, b) => (a.area < b.area ? -1 : a.area > b.area ? 1 : order(a.sector) - order(b.sector)));
}
