/**
 * Pure helpers for the Import view: the overall status sentence of a preview, issue ordering and
 * wording, base64 for files sent by contents, and the "Import by path" list. No React and no DOM,
 * so they are unit-tested directly.
 */
import {
  changesSomething,
  planPathSchema,
  type ImportFilePreview,
  type ImportIssueView,
  type ImportLogEntry,
  type ImportPreview,
} from '#shared/api/contract.js';
import { isMeasureId, measures } from '#shared/model/measures.js';
import { listNames } from '#shared/forecast/inputs/index.js';
import { formatNumber } from '../../format/numbers';

/** "1 file", "3 files", "1,204 figures". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/** The most files one preview may hold (the host's limit). */
export const maxFilesPerImport = 50;

/**
 * The most bytes of file contents sent from the browser in one preview. The host accepts at most
 * 360 MB of request, and base64 makes 3 bytes into 4 characters.
 */
export const maxContentBytes = 256 * 1024 * 1024;

export type PreviewTone = 'ready' | 'blocked' | 'nothing';

export interface PreviewStatus {
  tone: PreviewTone;
  text: string;
}

/**
 * One sentence saying whether the preview can be imported and what it would do, e.g.
 * "Ready to import: 2 files, 312 figures added, 40 replaced." or
 * "Cannot import: fix the 3 errors in dfe-cla.csv and preview again. Nothing has been changed."
 */
export function summarisePreview(preview: ImportPreview): PreviewStatus {
  const files = preview.files;
  if (!preview.canCommit) {
    const withErrors = files.filter((f) => f.errorCount > 0);
    if (withErrors.length === 0) {
      return {
        tone: 'blocked',
        text: 'Cannot import these files: preview them again. Nothing has been changed.',
      };
    }
    const parts = withErrors.map((f) =>
      f.errorCount === 1 ? `the error in ${f.fileName}` : `the ${formatNumber(f.errorCount)} errors in ${f.fileName}`,
    );
    return {
      tone: 'blocked',
      text: `Cannot import: fix ${listNames(parts)} and preview again. Nothing has been changed.`,
    };
  }
  const added = files.reduce((sum, f) => sum + f.added, 0);
  const replaced = files.reduce((sum, f) => sum + f.replaced, 0);
  const warnings = files.reduce((sum, f) => sum + f.warningCount, 0);
  const warned = warnings > 0 ? ` ${plural(warnings, 'warning')} to read below.` : '';
  // Never "ready" for an import that would add nothing: say why instead (each card says what its file is).
  if (added === 0 && replaced === 0) {
    return {
      tone: 'nothing',
      text: `Nothing to import: ${files.length === 1 ? 'this file adds or replaces no figure' : `none of these ${files.length} files adds or replaces a figure`} in this plan. Nothing has been changed.${warned}`,
    };
  }
  const idle = files.filter((f) => !changesSomething(f)).map((f) => f.fileName);
  const skipped = idle.length ? ` Nothing from ${listNames(idle)}.` : '';
  const changes = `${plural(added, 'figure')} added, ${formatNumber(replaced)} replaced`;
  return {
    tone: 'ready',
    text: `Ready to import: ${plural(files.length - idle.length, 'file')}, ${changes}.${skipped}${warned}`,
  };
}

/** Errors first, then by row (problems with the whole file before rows), then by column; otherwise as given. */
export function sortIssues(issues: readonly ImportIssueView[]): ImportIssueView[] {
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => {
      if (a.issue.severity !== b.issue.severity) return a.issue.severity === 'error' ? -1 : 1;
      const ar = a.issue.row ?? -1;
      const br = b.issue.row ?? -1;
      if (ar !== br) return ar - br;
      const ac = a.issue.column ?? '';
      const bc = b.issue.column ?? '';
      if (ac !== bc) return ac < bc ? -1 : 1;
      return a.index - b.index;
    })
    .map((x) => x.issue);
}

/** The problem without a leading "Row 12: " when the Row column already says so. */
export function problemText(issue: ImportIssueView): string {
  if (issue.row === null) return issue.message;
  const prefix = `Row ${issue.row}: `;
  if (!issue.message.startsWith(prefix)) return issue.message;
  const rest = issue.message.slice(prefix.length);
  // "a second value…" becomes "A second value…"; a column name such as time_period is left as it is.
  return /^[a-z][a-z’']*\s/.test(rest) ? rest.charAt(0).toUpperCase() + rest.slice(1) : rest;
}

/** "No problems found.", "3 errors, 12 warnings" or "3 errors, 412 warnings; showing the first 200". */
export function describeIssueCounts(file: Pick<ImportFilePreview, 'errorCount' | 'warningCount' | 'issues'>): string {
  const total = file.errorCount + file.warningCount;
  if (total === 0) return 'No problems found.';
  const counts = `${plural(file.errorCount, 'error')}, ${plural(file.warningCount, 'warning')}`;
  return file.issues.length < total ? `${counts}; showing the first ${formatNumber(file.issues.length)}` : counts;
}

/** A measure's name in the plan's words, or its identifier when the plan does not know it. */
export function measureLabel(id: string): string {
  return isMeasureId(id) ? measures[id].label : id;
}

/** "2025", "2023 and 2024", "2019 to 2025 (7 periods)". */
export function describePeriods(periods: readonly string[]): string {
  if (periods.length === 0) return 'None';
  if (periods.length <= 3) return listNames(periods);
  return `${periods[0] ?? ''} to ${periods[periods.length - 1] ?? ''} (${periods.length} periods)`;
}

/** The first 12 hex digits of a SHA-256, enough to tell files apart at a glance. */
export function shortHash(sha256: string): string {
  return sha256.length > 12 ? `${sha256.slice(0, 12)}…` : sha256;
}

/** Names for the kinds of file the import log records (the log stores the kind's identifier). */
const kindNames: Readonly<Record<string, string>> = {
  'dfe-cla-number-rate': 'DfE: children looked after, number and rate',
  'dfe-cla-characteristics': 'DfE: children looked after by characteristics',
  'dfe-placement-netgain': 'DfE: LA of placement net gain',
  'dfe-missing': 'DfE: missing or away from placement',
  'dfe-new-placements': 'DfE: new placements',
  'unused-table': 'A published table the planner does not use',
  'ons-mye': 'ONS: mid-year population estimates',
  'ons-snpp': 'ONS: sub-national population projections',
  'ofsted-providers': 'Ofsted: providers and places',
  'ssda903-header': 'SSDA903: header',
  'ssda903-episodes': 'SSDA903: episodes',
  'ssda903-missing': 'SSDA903: missing episodes',
  'ssda903-uasc': 'SSDA903: UASC',
  'ssda903-other': 'SSDA903: table not used by the planner',
  'ssda903-xml': 'SSDA903: return in XML',
  geojson: 'Boundaries (GeoJSON)',
  topojson: 'Boundaries (TopoJSON)',
  hexjson: 'Hex layout (HexJSON)',
  unknown: 'Not recognised',
};

export function kindName(kind: string): string {
  return Object.prototype.hasOwnProperty.call(kindNames, kind) ? (kindNames[kind] ?? kind) : kind;
}

/** "Imported 2 files: 317 figures added, 40 replaced." after a commit. */
export function describeCommit(logged: readonly ImportLogEntry[]): string {
  if (logged.length === 0) return 'Nothing imported: no file added or replaced a figure. The plan was not changed.';
  const added = logged.reduce((sum, e) => sum + e.rowsAdded, 0);
  const replaced = logged.reduce((sum, e) => sum + e.rowsReplaced, 0);
  return `Imported ${plural(logged.length, 'file')}: ${plural(added, 'figure')} added, ${formatNumber(replaced)} replaced.`;
}

/** "dfe-cla.csv: 5 figures added, 3 replaced, 2 warnings" for one logged file. */
export function describeLogEntry(entry: ImportLogEntry): string {
  const warnings = entry.warnings > 0 ? `, ${plural(entry.warnings, 'warning')}` : '';
  return `${entry.fileName}${entry.sheetName ? ` (sheet ${entry.sheetName})` : ''}: ${plural(entry.rowsAdded, 'figure')} added, ${formatNumber(entry.rowsReplaced)} replaced${warnings}`;
}

/** Bytes per btoa call: a multiple of 3, so the pieces' base64 joins without padding in between. */
const base64ChunkBytes = 3 * 8192;

/**
 * Base64 of any number of bytes, a chunk at a time: neither an argument list nor an intermediate
 * binary string grows with the file, so a large file cannot overflow the stack.
 */
export function bytesToBase64(bytes: Uint8Array, chunkBytes = base64ChunkBytes): string {
  const size = Math.max(3, chunkBytes - (chunkBytes % 3));
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += size) {
    const chunk = bytes.subarray(start, Math.min(start + size, bytes.length));
    // One chunk's bytes as arguments at a time: a whole file's would overflow the stack.
    parts.push(btoa(String.fromCharCode.apply(null, chunk as unknown as number[])));
  }
  return parts.join('');
}

/** Whether a file of this size may be sent by contents, and if not what to do. */
export function contentSizeProblem(files: readonly { name: string; size: number }[]): string | null {
  const tooBig = files.find((f) => f.size > maxContentBytes);
  if (tooBig) return `${tooBig.name} is too large to send from this window: import it by path instead.`;
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > maxContentBytes) {
    return 'These files are too large to send from this window together: import them by path, or a few at a time.';
  }
  return null;
}

export interface PathListProblem {
  /** 1-based line in the text field. */
  line: number;
  message: string;
}

export interface ParsedPathList {
  paths: string[];
  problems: PathListProblem[];
}

/**
 * The "Import by path" field: one full path a line. Blank lines are ignored, surrounding quotes
 * (as "Copy as path" gives them) are removed, and a path given twice is taken once.
 */
export function parsePathList(text: string): ParsedPathList {
  const paths: string[] = [];
  const problems: PathListProblem[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    let value = raw.trim();
    if (value.length >= 2 && /^(["']).*\1$/.test(value)) value = value.slice(1, -1).trim();
    if (!value) return;
    const line = index + 1;
    const absolute = value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value) || value.startsWith('\\\\');
    if (!absolute) {
      problems.push({
        line,
        message: `Line ${line}: “${value}” is not a full path. Give the whole path, for example /home/you/Downloads/cla.csv or C:\\Users\\you\\Downloads\\cla.csv.`,
      });
      return;
    }
    const checked = planPathSchema.safeParse(value);
    if (!checked.success) {
      problems.push({ line, message: `Line ${line}: ${checked.error.issues[0]?.message ?? 'not a usable path.'}` });
      return;
    }
    if (!paths.includes(checked.data)) paths.push(checked.data);
  });
  if (problems.length === 0 && paths.length === 0) {
    problems.push({ line: 1, message: 'Enter the full path of at least one file.' });
  }
  if (paths.length > maxFilesPerImport) {
    problems.push({
      line: 1,
      message: `Import at most ${maxFilesPerImport} files at once; ${paths.length} are listed.`,
    });
  }
  return { paths, problems };
}

/** "Reading 3 files…" while files are read and checked. */
export function readingMessage(fileCount: number): string {
  return `Reading ${plural(fileCount, 'file')}…`;
}

/** What the host says a running preview is doing (the fields of `getImportProgress` used here). */
export interface ImportProgressReport {
  running: boolean;
  files: number;
  current: number;
  fileName: string;
  stage: 'reading' | 'parsing' | 'checking' | null;
}

export interface ImportProgressView {
  /** The sentence for the status line, e.g. "Reading file 2 of 3: 2021-episodes.csv…". */
  text: string;
  /** For a determinate progress bar: files done so far, plus half a file once it is being parsed. */
  value: number;
  max: number;
}

/**
 * The progress line and bar for a running preview, or null when the host is not reading one (yet),
 * so the caller keeps its own "Reading 3 files…" until the host reports.
 */
export function describeImportProgress(report: ImportProgressReport): ImportProgressView | null {
  if (!report.running || !report.stage || report.files < 1) return null;
  const max = report.files;
  if (report.stage === 'checking') return { text: `Checking ${plural(max, 'file')}…`, value: max, max };
  const current = Math.min(Math.max(Math.trunc(report.current), 0), max - 1);
  const value = current + (report.stage === 'parsing' ? 0.5 : 0);
  const which = max === 1 ? 'file' : `file ${formatNumber(current + 1)} of ${formatNumber(max)}`;
  const name = report.fileName ? `: ${report.fileName}` : '';
  return { text: `Reading ${which}${name}…`, value, max };
}
