/**
 * Preparing a parsed file for the preview: the source its figures will cite (./kinds.ts), what
 * committing it would add and replace in the plan, the measures it holds and what it leaves out,
 * and its issues (errors first); the planner's own data template described as such; boundaries
 * and hex layouts passed on to ./geometry.ts.
 */
import type { ImportFilePreview } from '#shared/api/contract.js';
import type { ImportResult } from '#shared/import/index.js';
import { README_SHEET, TEMPLATE_MARKER, type TemplateResult } from '#shared/import/template.js';
import type { Source } from '#shared/model/dataset.js';
import { countChanges, type ImportRows } from '../../store/importData.js';
import type { ParsedFile } from '../importParse.js';
import type { PlanService } from '../planService.js';
import { describeGeometry } from './geometry.js';
import { kindInfo, notYetTaken } from './kinds.js';
import { MAX_ISSUES_SHOWN, type PreparedFile } from './types.js';

/** A parsed file as the preview shows it, with what committing it would store. */
export function prepareFile(plans: PlanService, parsed: ParsedFile, asOf: string | undefined): PreparedFile {
  if (parsed.form === 'template') return describeTemplate(plans, parsed.fileName, parsed.sha256, parsed.template);
  const described = describe(plans, parsed.fileName, parsed.sha256, parsed.result);
  // An Ofsted snapshot's date, and whether the file or the user gave it (the preview offers a date field).
  const snapshot = parsed.result.kind === 'ofsted-providers' ? (parsed.result.summary.periods[0] ?? null) : undefined;
  const prepared: PreparedFile =
    snapshot === undefined
      ? described
      : {
          ...described,
          preview: {
            ...described.preview,
            asOf: { date: snapshot, from: snapshot === null ? null : asOf !== undefined ? 'user' : 'file' },
          },
        };
  if (parsed.form !== 'published') return prepared;
  if (parsed.ssda903 || parsed.ssda903Skipped) {
    return {
      ...prepared,
      ...(parsed.ssda903 ? { ssda903: parsed.ssda903 } : {}),
      ...(parsed.ssda903Skipped ? { ssda903Skipped: parsed.ssda903Skipped } : {}),
    };
  }
  if (parsed.boundaries || parsed.hexes)
    return describeGeometry(plans, prepared, parsed.boundaries?.features, parsed.hexes, parsed.boundaries);
  return prepared;
}

function describeTemplate(
  plans: PlanService,
  fileName: string,
  sha256: string,
  template: TemplateResult,
): PreparedFile {
  const years = [
    ...new Set([
      ...template.flows.map((f) => f.period),
      ...template.supplyChanges.map((c) => c.fromYear),
      ...template.unitCosts.map((c) => c.priceYear),
    ]),
  ].sort();
  const areas = new Set([...template.flows.map((f) => f.placingArea), ...template.supplyChanges.map((c) => c.area)]);
  const result: ImportResult & ImportRows = {
    kind: 'unknown',
    reason: `The workbook's '${README_SHEET}' sheet says: ${TEMPLATE_MARKER}.`,
    encoding: null,
    sheetName: null,
    observations: [],
    supply: [],
    homes: [],
    projections: [],
    flows: template.flows,
    unitCosts: template.unitCosts,
    supplyChanges: template.supplyChanges,
    issues: template.issues,
    summary: { rows: template.rows, areas: areas.size, periods: years, measures: [], unmodelled: [] },
  };
  const prepared = describe(plans, fileName, sha256, result);
  const source: Source = {
    ...prepared.source,
    title: 'Local data entered in the Sufficiency Planner data template',
    publisher: 'Your consortium',
    table: 'Placement flows; Unit costs; Supply changes',
    licence: 'Your consortium’s own data',
    url: '',
  };
  return {
    ...prepared,
    source,
    preview: {
      ...prepared.preview,
      kind: 'planner-template',
      kindLabel: 'Sufficiency Planner data template (flows, unit costs, supply changes)',
      notTaken: [],
    },
  };
}

function describe(
  plans: PlanService,
  fileName: string,
  sha256: string,
  result: ImportResult & ImportRows,
): PreparedFile {
  const info = kindInfo[result.kind];
  const periods = result.summary.periods;
  const source: Source = {
    id: `import-${sha256.slice(0, 16)}`,
    title: info.title,
    publisher: info.publisher,
    file: fileName,
    table: result.sheetName ?? info.label,
    period: periods.length
      ? periods.length === 1
        ? (periods[0] ?? '')
        : `${periods[0]} to ${periods[periods.length - 1]}`
      : '',
    licence: info.licence,
    url: info.url,
    illustrative: false,
  };
  const counts = plans.read((db) => countChanges(db, result));
  // Errors first, then in file order, so the first issues shown are the first to fix.
  const issues = [...result.issues].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      (a.row ?? 0) - (b.row ?? 0) ||
      (a.column ?? '').localeCompare(b.column ?? ''),
  );
  const preview: ImportFilePreview = {
    fileName,
    sha256,
    kind: result.kind,
    kindLabel: result.unusedTable ? `${result.unusedTable}: not used by the planner` : info.label,
    reason: result.reason,
    sheetName: result.sheetName,
    encoding: result.encoding,
    rowsRead: result.summary.rows,
    added: counts.added,
    replaced: counts.replaced,
    skippedOutsidePlan: counts.skippedOutsidePlan,
    areas: result.summary.areas,
    periods,
    measures: [
      ...result.summary.measures,
      ...(result.projections.length ? ['population0to17 (ONS projection)'] : []),
      ...(result.denominators?.length
        ? ['population0to17 (the file’s own rate denominators, only for years the plan holds no population for)']
        : []),
      ...(result.flows?.length ? ['placement flows'] : []),
      ...(result.unitCosts?.length ? ['unit costs'] : []),
      ...(result.supplyChanges?.length ? ['supply changes'] : []),
      ...(result.supplyMovements?.length ? ['children’s homes opened and closed'] : []),
    ],
    notTaken: [
      ...(notYetTaken[result.kind] ? [notYetTaken[result.kind] ?? ''] : []),
      ...result.summary.unmodelled.map(
        (u) => `${u.rows.toLocaleString('en-GB')} ${u.rows === 1 ? 'row' : 'rows'} of ${u.what}`,
      ),
    ],
    errorCount: issues.filter((i) => i.severity === 'error').length,
    warningCount: issues.filter((i) => i.severity === 'warning').length,
    issues: issues.slice(0, MAX_ISSUES_SHOWN),
  };
  return { fileName, sha256, result, source, preview };
}
