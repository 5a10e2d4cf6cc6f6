/**
 * The readers of the four SSDA903 tables the planner uses (episodes, header, missing, UASC): each
 * walks its file's rows, checks every field and appends what it can use to the builders, reporting
 * every problem by file, row and column. Each returns the file's data rows.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import { EPISODE_CODE_COLUMNS, EPISODE_CODE_FIELDS } from './builders.js';
import type { ChildRegistry, EpisodeBuilder, HeaderRow } from './builders.js';
import { PLACE_CODES } from './codes.js';
import type { Interner } from './codes.js';
import { BAD_DATE, NO_DATE, isoFromDay } from './dates.js';
import type { IssueSink } from './issues.js';
import { ChildRows, ROW_ERROR, checkDate } from './rows.js';
import type { FileContext } from './rows.js';
import { countLines } from './scanner.js';
import type { CsvScanner } from './scanner.js';

export function readEpisodes(
  scanner: CsvScanner,
  columns: Map<string, number>,
  context: FileContext,
  out: EpisodeBuilder,
  registry: ChildRegistry,
  laIndex: (name: string) => number,
  laAllowed: boolean[],
  sink: IssueSink,
): number {
  out.reserve(countLines(scanner.text));
  const cChild = columns.get('CHILD')!;
  const cDecom = columns.get('DECOM')!;
  const cDec = columns.get('DEC')!;
  const codeColumns = EPISODE_CODE_FIELDS.map((f) => columns.get(EPISODE_CODE_COLUMNS[f]) ?? -1);
  const interners = EPISODE_CODE_FIELDS.map((f) => out.interners[f]);
  // The code arrays, once (reserve above is the only place they are replaced).
  const codeArrays = EPISODE_CODE_FIELDS.map((f) => out.codes[f]);
  const placeField = EPISODE_CODE_FIELDS.indexOf('place');
  const knownPlace = new Uint8Array(1024);
  const rows = new ChildRows(scanner, columns, context, laIndex, laAllowed, sink);
  while (rows.next()) {
    const { la, row, year } = rows;
    const decom = checkDate(scanner, cDecom, 'DECOM', context, sink, true, year);
    const dec = checkDate(scanner, cDec, 'DEC', context, sink, false, year);
    if (decom === BAD_DATE || dec === BAD_DATE) continue;
    if (dec !== NO_DATE && dec < decom) {
      sink.report(
        context.name,
        'error',
        'dec-before-decom',
        'DEC before DECOM',
        row,
        'DEC',
        `DEC ${isoFromDay(dec)} is before DECOM ${isoFromDay(decom)}; ${ROW_ERROR}`,
      );
      continue;
    }
    const i = out.length++;
    out.child[i] = scanner.child(cChild, registry, la);
    out.decom[i] = decom;
    out.dec[i] = dec;
    out.year[i] = year;
    out.file[i] = context.fileIndex;
    out.row[i] = row;
    for (let k = 0; k < EPISODE_CODE_FIELDS.length; k++) {
      const col = codeColumns[k]!;
      const code = col < 0 ? 0 : scanner.code(col, interners[k]!);
      codeArrays[k]![i] = code;
      if (k === placeField) {
        if (code >= knownPlace.length) continue;
        let known = knownPlace[code]!;
        if (known === 0) {
          known = PLACE_CODES.has(interners[k]!.values[code]!.toUpperCase()) ? 1 : 2;
          knownPlace[code] = known;
        }
        if (known === 2) {
          const value = interners[k]!.values[code]!;
          sink.report(
            context.name,
            'warning',
            'unknown-place',
            'unknown PLACE code',
            row,
            'PLACE',
            value === ''
              ? 'PLACE is empty; counted as Other.'
              : `PLACE "${value}" is not an SSDA903 placement code; counted as Other.`,
          );
        }
      }
    }
  }
  return rows.count;
}

export function readHeaders(
  scanner: CsvScanner,
  columns: Map<string, number>,
  context: FileContext,
  out: HeaderRow[],
  registry: ChildRegistry,
  ethnic: Interner,
  upn: Interner,
  laIndex: (name: string) => number,
  laAllowed: boolean[],
  sink: IssueSink,
): number {
  const cChild = columns.get('CHILD')!;
  const cDob = columns.get('DOB')!;
  const cSex = columns.get('SEX');
  const cEthnic = columns.get('ETHNIC');
  const cUpn = columns.get('UPN');
  const cMcDob = columns.get('MC_DOB');
  const rows = new ChildRows(scanner, columns, context, laIndex, laAllowed, sink);
  while (rows.next()) {
    const { la, row, year } = rows;
    const dob = checkDate(scanner, cDob, 'DOB', context, sink, true, year);
    if (dob === BAD_DATE) continue;
    if (cMcDob !== undefined) checkDate(scanner, cMcDob, 'MC_DOB', context, sink, false, year);
    const sexText = cSex === undefined ? '' : scanner.value(cSex);
    let sex = 0;
    if (sexText === '1' || sexText === '2') sex = Number(sexText);
    else if (cSex !== undefined) {
      sink.report(
        context.name,
        'warning',
        'bad-sex',
        'SEX not 1 or 2',
        row,
        'SEX',
        `SEX "${sexText}" is not 1 (male) or 2 (female); recorded as unknown.`,
      );
    }
    out.push({
      child: scanner.child(cChild, registry, la),
      sex,
      dob,
      ethnic: cEthnic === undefined ? 0 : scanner.code(cEthnic, ethnic),
      upn: cUpn === undefined ? 0 : scanner.code(cUpn, upn),
      year,
      order: context.order * 1e7 + row,
    });
  }
  return rows.count;
}

export function readMissing(
  scanner: CsvScanner,
  columns: Map<string, number>,
  context: FileContext,
  out: { child: number[]; kind: Interner; kinds: number[]; start: number[]; end: number[]; year: number[] },
  registry: ChildRegistry,
  laIndex: (name: string) => number,
  laAllowed: boolean[],
  sink: IssueSink,
): number {
  const cChild = columns.get('CHILD')!;
  const cStart = columns.get('MIS_START')!;
  const cEnd = columns.get('MIS_END');
  const cDob = columns.get('DOB');
  const cKind = columns.get('MISSING');
  const rows = new ChildRows(scanner, columns, context, laIndex, laAllowed, sink);
  while (rows.next()) {
    const { la, row, year } = rows;
    if (cDob !== undefined) checkDate(scanner, cDob, 'DOB', context, sink, false, year);
    const start = checkDate(scanner, cStart, 'MIS_START', context, sink, true, year);
    const end = cEnd === undefined ? NO_DATE : checkDate(scanner, cEnd, 'MIS_END', context, sink, false, year);
    if (start === BAD_DATE || end === BAD_DATE) continue;
    if (end !== NO_DATE && end < start) {
      sink.report(
        context.name,
        'error',
        'end-before-start',
        'MIS_END before MIS_START',
        row,
        'MIS_END',
        `MIS_END ${isoFromDay(end)} is before MIS_START ${isoFromDay(start)}; ${ROW_ERROR}`,
      );
      continue;
    }
    const kindText = cKind === undefined ? '' : scanner.value(cKind).toUpperCase();
    if (cKind !== undefined && kindText !== 'M' && kindText !== 'A') {
      sink.report(
        context.name,
        'warning',
        'bad-missing',
        'MISSING not M or A',
        row,
        'MISSING',
        `MISSING "${kindText}" is not M (missing) or A (away without authorisation).`,
      );
    }
    out.child.push(scanner.child(cChild, registry, la));
    out.kinds.push(out.kind.id(kindText));
    out.start.push(start);
    out.end.push(end);
    out.year.push(year);
  }
  return rows.count;
}

export function readUasc(
  scanner: CsvScanner,
  columns: Map<string, number>,
  context: FileContext,
  out: Map<number, { duc: number; year: number }>,
  registry: ChildRegistry,
  laIndex: (name: string) => number,
  laAllowed: boolean[],
  sink: IssueSink,
): number {
  const cChild = columns.get('CHILD')!;
  const cDuc = columns.get('DUC')!;
  const rows = new ChildRows(scanner, columns, context, laIndex, laAllowed, sink);
  while (rows.next()) {
    const { la, year } = rows;
    const duc = checkDate(scanner, cDuc, 'DUC', context, sink, false, year);
    if (duc === BAD_DATE) continue;
    const c = scanner.child(cChild, registry, la);
    const previous = out.get(c);
    if (!previous || previous.year <= year) out.set(c, { duc, year });
  }
  return rows.count;
}
