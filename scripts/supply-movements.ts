/**
 * Children's homes opened and closed each year, for the built-in dataset: Ofsted's joiners-and-
 * leavers tables (one file a year, 2017 to 2023, in ../shared/data/ofsted) read with the importer's
 * own parser (shared/import/ofstedJoinersLeavers.ts), so the dataset and a user's import count the
 * same way. Facts computed from the files, each row citing its year's file; the files themselves are
 * not copied. Used by scripts/build-dataset.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ReferenceAuthority } from '#shared/model/authorities.js';
import { createAuthorityLookup } from '#shared/model/authorities.js';
import type { Source } from '#shared/model/dataset.js';
import type { SupplyMovement } from '#shared/model/supply.js';
import { parseOfstedJoinersLeavers } from '#shared/import/ofstedJoinersLeavers.js';
import { IssueCollector, formatIssue } from '#shared/import/report.js';
import { tableFromCsv } from '#shared/import/table.js';
import { decodeText } from '#shared/import/text.js';

/** Years ending 31 March with a joiners-and-leavers file. */
export const MOVEMENT_YEARS = [2017, 2018, 2019, 2020, 2021, 2022, 2023] as const;

export const movementFile = (year: number): string => `ofsted/joiners_leavers_${year}.csv`;
export const movementSourceId = (year: number): string => `ofsted-csc-joiners-leavers-${year}`;

const TABLE_TEXT =
  "Joiners and leavers in the year to 31 March: provision type \"Children's home\" (either capitalisation; long-term and short-break-only homes together, as files before 2021 have no short-break flag; secure children's homes and residential special schools registered as children's homes excluded). " +
  'Homes opened = rows with Joiner status "Joiner", homes closed = rows with Leaver status "Leaver" (a home that did both counts in each), places = the sum of their Places, by Local authority (matched by name through the reference list), Government Office Region and England, and Sector. ' +
  'Homes filed under Bournemouth or Poole are counted in Bournemouth, Christchurch and Poole; homes filed under Cumbria or Northamptonshire (abolished and split) in their region and England only.';

export interface MovementBuild {
  movements: SupplyMovement[];
  sources: Source[];
  /** The parser's warnings, one line each (abolished and predecessor authorities). */
  notes: string[];
}

/**
 * Reads every year's file; throws, naming file, row and column, on any error the importer reports.
 */
export function readSupplyMovements(dataDir: string, authorities: readonly ReferenceAuthority[]): MovementBuild {
  const lookup = createAuthorityLookup(authorities);
  const movements: SupplyMovement[] = [];
  const sources: Source[] = [];
  const notes: string[] = [];
  for (const year of MOVEMENT_YEARS) {
    const file = movementFile(year);
    const full = path.join(dataDir, file);
    if (!fs.existsSync(full)) throw new Error(`Input file not found: ${full}`);
    const name = path.basename(file);
    const decoded = decodeText(new Uint8Array(fs.readFileSync(full)), name);
    const issues = new IssueCollector(name);
    const result = parseOfstedJoinersLeavers(tableFromCsv(decoded.text), lookup, issues, {
      source: movementSourceId(year),
      fileName: name,
    });
    const errors = issues.issues.filter((i) => i.severity === 'error');
    if (errors.length) throw new Error(errors.slice(0, 5).map(formatIssue).join('\n'));
    if (result.period !== String(year)) {
      throw new Error(`${name}: the file covers the year to 31 March ${result.period ?? '?'}, not ${year}.`);
    }
    notes.push(...issues.issues.map(formatIssue));
    movements.push(...result.movements);
    sources.push({
      id: movementSourceId(year),
      title: `Children's social care data in England ${year}: joiners and leavers, year to 31 March ${year}`,
      publisher: 'Ofsted',
      file: name,
      table: TABLE_TEXT,
      period: `Year ending 31 March ${year}`,
      licence: 'Open Government Licence v3.0',
      url: 'https://www.gov.uk/government/collections/childrens-social-care-statistics',
      illustrative: false,
    });
  }
  return { movements, sources, notes };
}
