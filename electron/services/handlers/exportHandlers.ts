/**
 * The API calls that export the plan: its tables as a workbook or CSV files, and the PDF report.
 * The report page is drawn by the app's own views, which load their figures through `all`, the
 * whole handler map (through a temporary host or Electron's IPC).
 */
import type { PlannerHandlers } from '#shared/api/contract.js';
import { writeCsvFolder, writeWorkbook } from '../exportService.js';
import type { ImportService } from '../importService.js';
import { exportReportPdf } from '../pdfService.js';
import type { PlanService } from '../planService.js';

export function exportHandlers(
  plans: PlanService,
  imports: ImportService,
  all: () => PlannerHandlers,
): Pick<PlannerHandlers, 'exportPlan' | 'exportPdf'> {
  return {
    exportPlan: async ({ format, path, scenarios }) =>
      format === 'xlsx'
        ? { files: [await writeWorkbook(plans, imports, path, scenarios)] }
        : { files: writeCsvFolder(plans, imports, path, scenarios) },
    exportPdf: (args) => exportReportPdf(all(), args),
  };
}
