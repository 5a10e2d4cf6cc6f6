/**
 * The SSDA903 import: any mix of tables, layouts and years read into one combined dataset. Each
 * file's table is told (or given), its columns checked, and its rows read by the table's reader;
 * then the latest header row of each child is kept, episodes combined, and the cross-table checks
 * made (children with episodes but no date of birth; episodes before birth or after 18).
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import { isUsedSsda903Table } from './returnTables.js';
import { ChildRegistry, EpisodeBuilder } from './builders.js';
import type { HeaderRow } from './builders.js';
import { Interner } from './codes.js';
import { combineEpisodes } from './combine.js';
import { NO_DATE, addYears, isoFromDay } from './dates.js';
import { IssueSink } from './issues.js';
import { readEpisodes, readHeaders, readMissing, readUasc } from './readers.js';
import type { FileContext } from './rows.js';
import { CsvScanner } from './scanner.js';
import { SSDA903_COLUMNS, countSsda903Rows, detectSsda903Table } from './tables.js';
import type {
  ChildTable,
  MissingTable,
  Ssda903File,
  Ssda903Import,
  Ssda903ImportOptions,
  Ssda903TableCount,
  Ssda903TableKind,
} from './tables.js';

/**
 * Imports SSDA903 CSV files (any mix of tables, layouts and years) into one combined dataset,
 * validating as it goes. Files whose table cannot be recognised are reported and skipped.
 */
export function importSsda903(files: readonly Ssda903File[], options: Ssda903ImportOptions = {}): Ssda903Import {
  const sink = new IssueSink(options.maxIssuesPerKind ?? 50);
  const laFilter =
    options.la === undefined
      ? null
      : new Set((typeof options.la === 'string' ? [options.la] : options.la).map((s) => s.trim().toLowerCase()));
  const las = new Interner();
  const laAllowed: boolean[] = [laFilter === null || laFilter.has('')];
  const laIndex = (name: string): number => {
    const id = las.id(name);
    if (laAllowed[id] === undefined) laAllowed[id] = laFilter === null || laFilter.has(name.toLowerCase());
    return id;
  };
  const registry = new ChildRegistry();
  const episodes = new EpisodeBuilder();
  const headers: HeaderRow[] = [];
  const ethnic = new Interner();
  const upn = new Interner();
  const missing = {
    child: [] as number[],
    kind: new Interner(),
    kinds: [] as number[],
    start: [] as number[],
    end: [] as number[],
    year: [] as number[],
  };
  const ducByChild = new Map<number, { duc: number; year: number }>();
  const fileNames: string[] = [];
  const tables: Ssda903TableCount[] = [];

  files.forEach((input, order) => {
    const kind = input.table ?? detectSsda903Table(input.text);
    const fileIndex = fileNames.length;
    fileNames.push(input.name);
    if (!kind) {
      sink.report(
        input.name,
        'error',
        'unknown-table',
        'unknown table',
        1,
        null,
        'Not an SSDA903 table: the columns are not those of any table of the return.',
      );
      return;
    }
    if (!isUsedSsda903Table(kind)) {
      tables.push({ file: input.name, table: kind, rows: countSsda903Rows(input.text), used: false });
      return;
    }
    const yearInName = /(?:^|\D)((?:19|20)\d\d)(?:\D|$)/.exec(input.name);
    const context: FileContext = {
      name: input.name,
      fileIndex,
      year: input.year ?? (yearInName ? Number(yearInName[1]) : 0),
      laIndex: laIndex((input.la ?? '').trim()),
      order,
    };
    const scanner = new CsvScanner(input.text);
    if (!scanner.next()) {
      sink.report(input.name, 'error', 'empty', 'empty file', null, null, 'The file is empty.');
      return;
    }
    const columns = new Map<string, number>();
    for (let i = 0; i < scanner.fieldCount; i++) {
      const name = scanner.field(i).trim().toUpperCase();
      if (!columns.has(name)) columns.set(name, i);
    }
    const missingColumns = SSDA903_COLUMNS[kind].filter((c) => !columns.has(c));
    // Columns the model cannot do without: an Episodes file without them is unusable.
    const essential: Record<Ssda903TableKind, string[]> = {
      header: ['CHILD', 'DOB'],
      episodes: ['CHILD', 'DECOM', 'DEC', 'PLACE'],
      missing: ['CHILD', 'MIS_START'],
      uasc: ['CHILD', 'DUC'],
    };
    for (const c of missingColumns) {
      const fatal = essential[kind].includes(c);
      sink.report(
        input.name,
        fatal ? 'error' : 'warning',
        `missing-column:${c}`,
        `missing column ${c}`,
        1,
        c,
        fatal
          ? `Required column ${c} is missing from the ${kind} table; the file cannot be read.`
          : `Column ${c} of the ${kind} table is missing; its values are left blank.`,
      );
    }
    if (essential[kind].some((c) => !columns.has(c))) return;
    if (laFilter !== null && !columns.has('LA') && input.la === undefined) {
      sink.report(
        input.name,
        'warning',
        'no-la',
        'no LA column',
        1,
        'LA',
        'The file has no LA column and no LA was given for it, so the LA filter does not apply to it.',
      );
      laAllowed[context.laIndex] = true;
    }
    const rows =
      kind === 'episodes'
        ? readEpisodes(scanner, columns, context, episodes, registry, laIndex, laAllowed, sink)
        : kind === 'header'
          ? readHeaders(scanner, columns, context, headers, registry, ethnic, upn, laIndex, laAllowed, sink)
          : kind === 'missing'
            ? readMissing(scanner, columns, context, missing, registry, laIndex, laAllowed, sink)
            : readUasc(scanner, columns, context, ducByChild, registry, laIndex, laAllowed, sink);
    tables.push({ file: input.name, table: kind, rows, used: true });
  });

  // Headers: the latest return's row for each child.
  const childCount = registry.length;
  const hasHeader = new Uint8Array(childCount);
  const sex = new Uint8Array(childCount);
  const dob = new Int32Array(childCount).fill(NO_DATE);
  const ethnicCodes = new Uint32Array(childCount);
  const upnCodes = new Uint32Array(childCount);
  const headerYear = new Int16Array(childCount);
  const headerOrder = new Int32Array(childCount).fill(-1);
  for (let h = 0; h < headers.length; h++) {
    const r = headers[h]!;
    const c = r.child;
    if (hasHeader[c] && (r.year < headerYear[c]! || (r.year === headerYear[c] && r.order < headerOrder[c]!))) continue;
    hasHeader[c] = 1;
    sex[c] = r.sex;
    dob[c] = r.dob;
    ethnicCodes[c] = r.ethnic;
    upnCodes[c] = r.upn;
    headerYear[c] = r.year;
    headerOrder[c] = r.order;
  }
  const duc = new Int32Array(childCount).fill(NO_DATE);
  const uasc = new Uint8Array(childCount);
  for (const [c, v] of ducByChild) {
    duc[c] = v.duc;
    uasc[c] = 1;
  }

  const combined = combineEpisodes(episodes, childCount, fileNames, sink);

  // Children with episodes but no header row: reported, not dropped.
  const withoutHeader: number[] = [];
  const firstFileOf = new Map<number, number[]>();
  for (let c = 0; c < childCount; c++) {
    const first = combined.firstEpisode[c]!;
    if (first === combined.firstEpisode[c + 1]) continue;
    if (hasHeader[c] && dob[c] !== NO_DATE) continue;
    withoutHeader.push(c);
    const f = combined.file[first]!;
    let list = firstFileOf.get(f);
    if (!list) {
      list = [];
      firstFileOf.set(f, list);
    }
    list.push(c);
  }
  const childLabel = (c: number): string => {
    const la = las.values[registry.la[c]!] ?? '';
    return la ? `${la}/${registry.id[c]!}` : registry.id[c]!;
  };
  for (const [f, list] of firstFileOf) {
    const shown = list.slice(0, 100).map(childLabel);
    const more = list.length - shown.length;
    sink
      .collector(fileNames[f]!)
      .warning(
        null,
        'CHILD',
        `${list.length} child${list.length === 1 ? ' has' : 'ren have'} episodes but no header row with a date of birth ` +
          `(kept, but they cannot be placed in an age band): ${shown.join(', ')}${more > 0 ? `, and ${more} more` : ''}.`,
      );
  }

  // Cross-table checks: episodes before birth or after the 18th birthday.
  for (let e = 0; e < combined.length; e++) {
    const c = combined.child[e]!;
    const birth = dob[c]!;
    if (birth === NO_DATE) continue;
    const file = fileNames[combined.file[e]!]!;
    const row = combined.row[e]!;
    if (combined.decom[e]! < birth) {
      sink.report(
        file,
        'warning',
        'before-birth',
        'episode starts before the date of birth',
        row,
        'DECOM',
        `Episode starts ${isoFromDay(combined.decom[e]!)}, before the child's date of birth ${isoFromDay(birth)}.`,
      );
    } else if (combined.decom[e]! >= addYears(birth, 18)) {
      sink.report(
        file,
        'warning',
        'after-18',
        'episode starts after the 18th birthday',
        row,
        'DECOM',
        `Episode starts ${isoFromDay(combined.decom[e]!)}, on or after the child's 18th birthday.`,
      );
    }
  }

  const children: ChildTable = {
    length: childCount,
    id: registry.id,
    la: registry.la.slice(0, childCount),
    hasHeader,
    sex,
    dob,
    ethnic: { codes: ethnicCodes, values: ethnic.values },
    upn: { codes: upnCodes, values: upn.values },
    year: headerYear,
    uasc,
    duc,
  };
  const missingTable: MissingTable = {
    length: missing.child.length,
    child: Int32Array.from(missing.child),
    missing: { codes: Uint32Array.from(missing.kinds), values: missing.kind.values },
    start: Int32Array.from(missing.start),
    end: Int32Array.from(missing.end),
    year: Int16Array.from(missing.year),
  };
  const issues = sink.finish();
  return {
    tables,
    dataset: {
      files: fileNames,
      las: las.values,
      children,
      episodes: combined,
      missing: missingTable,
      childrenWithoutHeader: withoutHeader.map(childLabel),
    },
    issues,
    hasErrors: issues.some((i) => i.severity === 'error'),
  };
}
