/**
 * What the two Ofsted readers share: the provider-level sheet (./ofsted.ts) and the joiners-and-
 * leavers tables (./ofstedJoinersLeavers.ts) list providers one a row, by URN, provision type, local
 * authority (by name), sector and places. Here are the reading of those cells (a URN written
 * "1254840.0", a number of places, a sector's name, a yes/no flag, a snapshot date in title rows)
 * and {@link ProviderRowChecks}, the checks both make of a row, with the same messages: a provider
 * without a URN or of a provision type not taken is tallied, a URN given twice, a row with no local
 * authority and places that cannot be read are errors naming the row.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import type { HomeSector } from '../model/supply.js';
import { homeSectors } from '../model/supply.js';
import type { IssueLimiter, Tally } from './table.js';
import { cellText, normaliseLabel, parseNumber, quote } from './table.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;

/** A provider's URN as a spreadsheet may give it: numeric URNs can come as "1254840.0". */
export function providerUrn(cells: readonly string[], column: number | null): string {
  return cellText(cells, column).replace(/^(\d+)\.0+$/, '$1');
}

/** The row each URN was first seen on: a URN given twice is an error naming both rows. */
export class UrnRows {
  private readonly first = new Map<string, number>();

  constructor(private readonly limiter: IssueLimiter) {}

  /** True (with the error reported) when `urn` was already given on an earlier row. */
  repeated(urn: string, row: number, column: string | null): boolean {
    const first = this.first.get(urn);
    if (first === undefined) {
      this.first.set(urn, row);
      return false;
    }
    this.limiter.error(
      'duplicate URN',
      row,
      column,
      `Row ${row}: URN ${quote(urn)} appears twice; row ${first} already gave it.`,
    );
    return true;
  }
}

/**
 * The first date written like "31 March 2023", "31st Mar 2023" or "31_Mar_2023" in the texts, as
 * "2023-03-31"; null when there is none.
 */
export function findSnapshotDate(texts: readonly string[]): string | null {
  const pattern =
    /(?<!\d)(\d{1,2})(?:st|nd|rd|th)?[\s_.-]+(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)[\s_.-]+(\d{4})(?!\d)/i;
  for (const text of texts) {
    const m = pattern.exec(text);
    if (!m) continue;
    const day = Number(m[1]);
    const month = MONTHS.indexOf((m[2] ?? '').slice(0, 3).toLowerCase() as (typeof MONTHS)[number]) + 1;
    const year = Number(m[3]);
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (month < 1 || day < 1 || day > daysInMonth || year < 2000 || year > 2100) continue;
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }
  return null;
}

/** A provider's number of places as read: a whole number from 0 to 10,000, or what is wrong with it. */
export function readPlaces(raw: string): { ok: true; places: number } | { ok: false; kind: string; problem: string } {
  const parsed = parseNumber(raw);
  if (parsed.kind === 'number' && parsed.value >= 0 && Number.isInteger(parsed.value) && parsed.value <= 10_000) {
    return { ok: true, places: parsed.value };
  }
  const problem =
    parsed.kind === 'empty'
      ? 'has no number of places'
      : parsed.kind === 'number' && parsed.value < 0
        ? `has a negative number of places (${quote(raw)})`
        : `has ${quote(raw)} places, which is not a whole number of places`;
  return { ok: false, kind: parsed.kind, problem };
}

/** Sectors by their names as the Ofsted files write them. */
export const sectorByName: ReadonlyMap<string, HomeSector> = new Map([
  ...homeSectors.map((s) => [normaliseLabel(s), s] as const),
  ['la', 'Local Authority'],
  ['local authority (la)', 'Local Authority'],
]);

/** Whether a yes/no cell (such as the short-break-only flag) says yes: anything but blank or a no. */
export function isYes(value: string): boolean {
  const v = normaliseLabel(value);
  return v !== '' && !['no', 'n', 'false', '0', '-', 'not applicable', 'n/a'].includes(v);
}

/**
 * The checks both Ofsted readers make of a provider row, each returning what the row can use or
 * null when the row is left out (tallied, or reported as an error through the limiter). `what`
 * names the provider in a message: its provision type and URN ("children's home 1234567").
 */
export class ProviderRowChecks {
  private readonly urns: UrnRows;

  constructor(
    private readonly limiter: IssueLimiter,
    private readonly tally: Tally,
    /** The file's names of the URN, local authority and places columns (for the issues). */
    private readonly columns: { urn: string | null; la: string | null; places: string | null },
  ) {
    this.urns = new UrnRows(limiter);
  }

  /** The row's URN; null (tallied) when the cell is empty. */
  urn(cells: readonly string[], column: number | null): string | null {
    const urn = providerUrn(cells, column);
    if (urn === '') {
      this.tally.add('providers without a URN');
      return null;
    }
    return urn;
  }

  /** True (an error naming both rows) when the URN was given on an earlier row. */
  repeated(urn: string, row: number): boolean {
    return this.urns.repeated(urn, row, this.columns.urn);
  }

  /** Tallies a provider whose provision type (as written, `typeRaw`) the reader does not take. */
  otherProvision(typeRaw: string): void {
    this.tally.add(typeRaw === '' ? 'providers with no provision type' : `provision type ${quote(typeRaw)}`);
  }

  /** The local authority the row names; null (an error: the home cannot be placed) when it names none. */
  localAuthority(laRaw: string, row: number, what: string): string | null {
    if (laRaw !== '') return laRaw;
    this.limiter.error('no local authority', row, this.columns.la, `Row ${row}: no local authority for ${what}.`);
    return null;
  }

  /** The row's registered places; null (an error) when they are not a whole number from 0 to 10,000. */
  places(placesRaw: string, row: number, what: string): number | null {
    const read = readPlaces(placesRaw);
    if (read.ok) return read.places;
    const message = `Row ${row}: ${what} ${read.problem}.`;
    this.limiter.error(`places ${read.kind}`, row, this.columns.places, message);
    return null;
  }
}
