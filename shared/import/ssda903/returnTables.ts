/**
 * The tables of the SSDA903 return, as the DfE's published layouts name them, and which of them the
 * planner reads. A council's full export holds all of them; the planner uses the header, episodes,
 * missing and UASC tables (the last for the stock-flow model's UASC split, as the regional demand
 * model uses it) and names every other one and leaves it out, with a one-line note saying what it
 * holds and why it is not needed, so that importing a whole return folder never fails on them.
 *
 * A table is told by its columns (case-insensitive; extra columns such as LA and YEAR allowed):
 * every column of its layout present, else the columns only it has.
 *
 * Pure TypeScript: no Node or DOM imports.
 */

/** Tables the planner reads. */
export type Ssda903UsedTable = 'header' | 'episodes' | 'missing' | 'uasc';

/** Tables of the return that the planner names and leaves out. */
export type Ssda903SkippedTable = 'reviews' | 'oc2' | 'oc3' | 'ad1' | 'placedAdoption' | 'prevPerm' | 'swEpisodes';

export type Ssda903AnyTable = Ssda903UsedTable | Ssda903SkippedTable;

export interface Ssda903TableInfo {
  id: Ssda903AnyTable;
  /** The name the DfE's guidance and the validators use ("OC2", "PlacedAdoption"). */
  name: string;
  /** The columns of the published layout. */
  columns: readonly string[];
  /** Columns only this table has: enough to tell it when some of its columns are missing. */
  distinctive: readonly string[];
  used: boolean;
  /** What the table holds, and for a table left out why the planner does not need it. */
  note: string;
}

export const SSDA903_TABLES: readonly Ssda903TableInfo[] = [
  {
    id: 'episodes',
    name: 'Episodes',
    columns: [
      'CHILD',
      'DECOM',
      'RNE',
      'LS',
      'CIN',
      'PLACE',
      'PLACE_PROVIDER',
      'DEC',
      'REC',
      'REASON_PLACE_CHANGE',
      'HOME_POST',
      'PL_POST',
      'URN',
    ],
    distinctive: ['DECOM', 'RNE', 'PLACE'],
    used: true,
    note: 'episodes of care: placements, their start and end dates (the stock-flow model is fitted on them)',
  },
  {
    id: 'missing',
    name: 'Missing',
    columns: ['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'],
    distinctive: ['MIS_START', 'MIS_END', 'MISSING'],
    used: true,
    note: 'periods missing or away from placement without authorisation',
  },
  {
    id: 'header',
    name: 'Header',
    columns: ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'],
    distinctive: ['ETHNIC', 'UPN', 'MC_DOB'],
    used: true,
    note: 'one row per child: date of birth (for the age bands), sex and ethnicity',
  },
  {
    id: 'uasc',
    name: 'UASC',
    columns: ['CHILD', 'SEX', 'DOB', 'DUC'],
    distinctive: ['DUC'],
    used: true,
    note: 'unaccompanied asylum-seeking children and the date that status ceased (the stock-flow model can count them apart)',
  },
  {
    id: 'reviews',
    name: 'Reviews',
    columns: ['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE'],
    distinctive: ['REVIEW', 'REVIEW_CODE'],
    used: false,
    note: 'dates of statutory reviews and how the child took part; no bearing on placement numbers',
  },
  {
    id: 'oc2',
    name: 'OC2',
    columns: [
      'CHILD',
      'DOB',
      'SDQ_SCORE',
      'SDQ_REASON',
      'CONVICTED',
      'HEALTH_CHECK',
      'IMMUNISATIONS',
      'TEETH_CHECK',
      'HEALTH_ASSESSMENT',
      'SUBSTANCE_MISUSE',
      'INTERVENTION_RECEIVED',
      'INTERVENTION_OFFERED',
    ],
    distinctive: ['SDQ_SCORE', 'CONVICTED', 'HEALTH_CHECK', 'IMMUNISATIONS', 'TEETH_CHECK'],
    used: false,
    note: 'health, offending and wellbeing outcomes of children looked after for 12 months; not a placement measure',
  },
  {
    id: 'oc3',
    name: 'OC3',
    columns: ['CHILD', 'DOB', 'IN_TOUCH', 'ACTIV', 'ACCOM'],
    distinctive: ['IN_TOUCH', 'ACTIV', 'ACCOM'],
    used: false,
    note: 'care leavers’ contact, activity and accommodation around their birthdays; they are no longer in care',
  },
  {
    id: 'ad1',
    name: 'AD1',
    columns: ['CHILD', 'DOB', 'DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'],
    distinctive: ['DATE_INT', 'DATE_MATCH', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'],
    used: false,
    note: 'adoptions: decision and matching dates, adopters; leaving care by adoption is already in the episodes',
  },
  {
    id: 'placedAdoption',
    name: 'PlacedAdoption',
    columns: ['CHILD', 'DOB', 'DATE_PLACED', 'DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'],
    distinctive: ['DATE_PLACED', 'DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'],
    used: false,
    note: 'children for whom the decision is that they should be placed for adoption; the placements are in the episodes',
  },
  {
    id: 'prevPerm',
    name: 'PrevPerm',
    columns: ['CHILD', 'DOB', 'PREV_PERM', 'LA_PERM', 'DATE_PERM'],
    distinctive: ['PREV_PERM', 'LA_PERM', 'DATE_PERM'],
    used: false,
    note: 'permanence orders before the child entered care; history, not a placement',
  },
  {
    id: 'swEpisodes',
    name: 'SWEpisodes',
    columns: ['CHILD', 'SW_ID', 'SW_DECOM', 'SW_DEC', 'SW_REASON'],
    distinctive: ['SW_ID', 'SW_DECOM', 'SW_DEC', 'SW_REASON'],
    used: false,
    note: 'changes of the child’s social worker; no bearing on placement numbers',
  },
];

const byId = new Map(SSDA903_TABLES.map((t) => [t.id, t]));

export function ssda903TableInfo(id: Ssda903AnyTable): Ssda903TableInfo {
  return byId.get(id)!;
}

/** True for the tables the planner reads. */
export function isUsedSsda903Table(id: Ssda903AnyTable): id is Ssda903UsedTable {
  return byId.get(id)?.used === true;
}

/**
 * Which SSDA903 table a header row is (names upper-cased and trimmed by the caller), or null when
 * it is not one: every column of a layout present wins; else the table with the most of its
 * distinctive columns present (so that a table missing a column can still be named and its missing
 * columns reported). Needs a CHILD column.
 */
export function identifySsda903Table(names: ReadonlySet<string>): Ssda903AnyTable | null {
  if (!names.has('CHILD')) return null;
  for (const t of SSDA903_TABLES) if (t.columns.every((c) => names.has(c))) return t.id;
  let best: Ssda903TableInfo | null = null;
  let bestCount = 0;
  for (const t of SSDA903_TABLES) {
    const count = t.distinctive.filter((c) => names.has(c)).length;
    if (count > bestCount) {
      best = t;
      bestCount = count;
    }
  }
  if (best) return best.id;
  // A header table missing its distinctive columns still has SEX and DOB (and no DUC).
  if (names.has('SEX') && names.has('DOB')) return 'header';
  return null;
}

/** A table of the return that the planner left out, and its rows. */
export interface Ssda903SkippedTableCount {
  table: Ssda903SkippedTable;
  rows: number;
}

/** The one-line note for a table left out: "OC2 table (…): 12 rows, not used by the planner and not stored." */
export function skippedTableNote(id: Ssda903SkippedTable, rows: number): string {
  const t = ssda903TableInfo(id);
  return `SSDA903 ${t.name} table: ${rows.toLocaleString('en-GB')} row${rows === 1 ? '' : 's'} of ${t.note}. Not used by the planner, so it is not stored.`;
}
