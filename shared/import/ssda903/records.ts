/**
 * Building an SSDA903 dataset from plain records (tests, examples, other importers): the records
 * are written as CSV and imported by the same rules as a council's files.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import { importSsda903 } from './import.js';
import type { Ssda903Import, Ssda903ImportOptions } from './tables.js';

export interface HeaderRecord {
  child: string;
  /** Date of birth, `yyyy-mm-dd` or `dd/mm/yyyy`. */
  dob: string;
  sex?: number;
  la?: string;
}

export interface EpisodeRecord {
  child: string;
  decom: string;
  /** Empty or omitted for an open episode. */
  dec?: string;
  place: string;
  rne?: string;
  la?: string;
}

/** Builds a dataset from plain records by writing them as CSV and importing them (same rules). */
export function ssda903FromRecords(
  headers: readonly HeaderRecord[],
  episodes: readonly EpisodeRecord[],
  options: Ssda903ImportOptions = {},
): Ssda903Import {
  const headerCsv = [
    'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB,LA',
    ...headers.map((h) => `${h.child},${h.sex ?? 1},${h.dob},,,,,${h.la ?? ''}`),
  ].join('\n');
  const episodeCsv = [
    'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN,LA',
    ...episodes.map(
      (e) => `${e.child},${e.decom},${e.rne ?? 'P'},C2,N1,${e.place},PR1,${e.dec ?? ''},,,,,,${e.la ?? ''}`,
    ),
  ].join('\n');
  return importSsda903(
    [
      { name: 'header.csv', text: headerCsv, table: 'header' },
      { name: 'episodes.csv', text: episodeCsv, table: 'episodes' },
    ],
    options,
  );
}
