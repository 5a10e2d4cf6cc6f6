/**
 * Exporting the plan from the UI, as File › Export and the Report view do it: the report as a PDF,
 * the tables as an Excel workbook, or the same tables as CSV files. The host writes them with the
 * same table builder as `planner export`, so the figures are the same whichever way they are made.
 *
 * CSV files go in a folder, one file per table: each opens in Excel with a double-click, which a
 * file inside a zip archive does not (Windows opens it read-only from a temporary copy).
 */
import type { ExportFormat, OpenPlanState } from '#shared/api/contract.js';
import { api } from '../api';
import { fileSlug } from './fileNames';

export type { ExportFormat };

/** The name offered when saving: "greater-manchester-report.pdf", "…-tables.xlsx", "…-tables-csv" (a folder). */
export function exportFileName(
  plan: Pick<OpenPlanState, 'name' | 'untitled' | 'consortiumName'>,
  format: ExportFormat,
): string {
  const base = fileSlug(plan.untitled ? plan.consortiumName : plan.name, 80) || 'plan';
  return format === 'pdf' ? `${base}-report.pdf` : format === 'xlsx' ? `${base}-tables.xlsx` : `${base}-tables-csv`;
}

/** What each format is called in buttons, menus and dialogs. */
export const exportCopy: Record<
  ExportFormat,
  { menu: string; button: string; title: string; label: string; example: string; submit: string; busy: string }
> = {
  pdf: {
    menu: 'Report as PDF…',
    button: 'Save as PDF…',
    title: 'Save report as PDF',
    label: 'Full path of the PDF file',
    example: '/home/you/plans/consortium-report.pdf',
    submit: 'Save PDF',
    busy: 'Making the PDF…',
  },
  xlsx: {
    menu: 'Tables as Excel workbook (XLSX)…',
    button: 'Save tables as Excel workbook…',
    title: 'Save tables as an Excel workbook',
    label: 'Full path of the workbook (.xlsx)',
    example: '/home/you/plans/consortium-tables.xlsx',
    submit: 'Save workbook',
    busy: 'Making the workbook…',
  },
  csv: {
    menu: 'Tables as CSV files…',
    button: 'Save tables as CSV files…',
    title: 'Save tables as CSV files',
    label: 'Full path of the folder for the CSV files (one file per table; made if it does not exist)',
    example: '/home/you/plans/consortium-tables-csv',
    submit: 'Save CSV files',
    busy: 'Making the CSV files…',
  },
};

/**
 * Writes the export at `path` and says what was saved. `scenarios` (ids, at most four): the ones to
 * include; absent, the plan's first four.
 */
export async function writeExport(format: ExportFormat, path: string, scenarios?: readonly string[]): Promise<string> {
  const chosen = scenarios ? { scenarios: [...scenarios] } : {};
  if (format === 'pdf') {
    const written = await api.exportPdf({ path, ...chosen });
    return `Saved ${written.path} (${written.pages} ${written.pages === 1 ? 'page' : 'pages'}).`;
  }
  const { files } = await api.exportPlan({ format, path, ...chosen });
  if (format === 'xlsx') return `Saved ${files[0] ?? path}.`;
  return `Saved ${files.length} CSV ${files.length === 1 ? 'file' : 'files'} (one per table) in ${path}.`;
}
