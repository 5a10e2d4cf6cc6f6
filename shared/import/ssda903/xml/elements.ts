/**
 * The elements of an SSDA903 return in XML as the reader knows them: how deep it looks, what a
 * parent element stands for (child, header, episode, missing episode), the column of each leaf in
 * the tables of the CSV form, and the leaves that mark a row of a table the planner leaves out.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import type { Ssda903SkippedTable } from '../returnTables.js';
import { SSDA903_COLUMNS } from '../tables.js';
import { xmlNames } from './labels.js';

export const MAX_DEPTH = 100;
/** CHILD elements are looked for this many levels under the root at most. */
export const MAX_CHILD_DEPTH = 7;

/** Where an element sits: what its leaves are fields of. */
export const OTHER = 0;
export const CHILD = 1;
export const HEADER = 2;
export const EPISODE = 3;
export const MISSING = 4;

/** Column index of each element name, by the table its parent stands for (CSV names and XML aliases). */
function columnIndex(columns: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  columns.forEach((c, i) => {
    map.set(c, i);
    const alias = xmlNames[c];
    if (alias) map.set(alias, i);
  });
  return map;
}
export const HEADER_COLUMNS = SSDA903_COLUMNS.header;
export const EPISODE_COLUMNS = SSDA903_COLUMNS.episodes;
export const MISSING_COLUMNS = SSDA903_COLUMNS.missing;
export const UASC_COLUMNS = SSDA903_COLUMNS.uasc;
export const headerIndex = columnIndex(HEADER_COLUMNS);
export const episodeIndex = columnIndex(EPISODE_COLUMNS);
export const missingIndex = columnIndex(MISSING_COLUMNS);
export const HEADER_DOB = HEADER_COLUMNS.indexOf('DOB');
export const MISSING_DOB = MISSING_COLUMNS.indexOf('DOB');

/** Leaves that mark a row of a table the planner leaves out: counted once a child, or once each. */
export const perChildMarks: Readonly<Record<string, Ssda903SkippedTable>> = {
  SDQ_SCORE: 'oc2',
  SDQ_REASON: 'oc2',
  CONVICTED: 'oc2',
  HEALTH_CHECK: 'oc2',
  IMMUNISATIONS: 'oc2',
  TEETH_CHECK: 'oc2',
  HEALTH_ASSESSMENT: 'oc2',
  SUBSTANCE_MISUSE: 'oc2',
  INTERVENTION_RECEIVED: 'oc2',
  INTERVENTION_OFFERED: 'oc2',
  IN_TOUCH: 'oc3',
  ACTIV: 'oc3',
  ACCOM: 'oc3',
  DATE_INT: 'ad1',
  DATE_MATCH: 'ad1',
  FOSTER_CARE: 'ad1',
  NB_ADOPTR: 'ad1',
};
export const perRecordMarks: Readonly<Record<string, Ssda903SkippedTable>> = {
  REVIEW: 'reviews',
  DATE_PLACED: 'placedAdoption',
  PREV_PERM: 'prevPerm',
  SW_ID: 'swEpisodes',
};
export const SKIPPED_ORDER: readonly Ssda903SkippedTable[] = [
  'reviews',
  'oc2',
  'oc3',
  'ad1',
  'placedAdoption',
  'prevPerm',
  'swEpisodes',
];
