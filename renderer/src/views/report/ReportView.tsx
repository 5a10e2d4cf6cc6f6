import { useCallback, useId, useState } from 'react';
import { api, isPlannerError } from '../../api';
import { ExportPathDialog } from '../../app/dialogs/ExportPathDialog';
import { exportCopy, exportFileName, writeExport, type ExportFormat } from '../../app/exportFiles';
import { folderOf } from '../../app/fileNames';
import { usePlan } from '../../app/PlanContext';
import { toShownError } from '../../app/usePlanController';
import { startPrintModeIfAsked } from './printMode';
import { ReportDocument } from './ReportDocument';
import { MAX_REPORT_SCENARIOS } from './reportModel';
import { useReportData } from './useReportData';
import './report.css';

// Opened with ?print=report, the page is the report alone (the PDF export prints it so).
startPrintModeIfAsked();

interface PathRequest {
  format: ExportFormat;
  initialPath: string;
  resolve(path: string | null): void;
}

/**
 * The Report: the whole plan as a print-ready document (cover, summary, projection, gap map,
 * scenarios, assumptions, methodology, sources), saved as a PDF by the host; its tables, with the
 * same scenarios, saved as an Excel workbook or as CSV files.
 */
export function ReportView() {
  const { plan, summary } = usePlan();
  const [chosenIds, setChosenIds] = useState<string[] | null>(null);
  const [pathRequest, setPathRequest] = useState<PathRequest | null>(null);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const ids = { heading: useId(), scenarios: useId() };

  const loaded = useReportData(chosenIds, summary);

  const data = loaded && 'data' in loaded ? loaded.data : null;
  // The choice answers at once; the report follows when its scenarios have run.
  const selectedIds = chosenIds ?? data?.scenarios.map((s) => s.id) ?? [];

  const askPath = useCallback(
    (format: ExportFormat, initialPath: string) =>
      new Promise<string | null>((resolve) => {
        setPathRequest({
          format,
          initialPath,
          resolve: (path) => {
            setPathRequest(null);
            resolve(path);
          },
        });
      }),
    [],
  );

  const save = async (format: ExportFormat) => {
    setSaveError(null);
    setStatus(null);
    const suggestedName = exportFileName(plan, format);
    let path: string | null;
    try {
      path = (await api.chooseSavePath({ suggestedName })).path;
    } catch (error) {
      if (!isPlannerError(error, 'UNSUPPORTED')) {
        setSaveError(toShownError(error).message);
        return;
      }
      path = await askPath(format, plan.path ? `${folderOf(plan.path)}${suggestedName}` : '');
    }
    if (!path) return;
    setSaving(true);
    setStatus(exportCopy[format].busy);
    try {
      setStatus(await writeExport(format, path, selectedIds));
    } catch (error) {
      setStatus(null);
      setSaveError(toShownError(error).message);
    } finally {
      setSaving(false);
    }
  };

  const toggleScenario = (id: string, on: boolean) => {
    if (!data) return;
    const next = new Set(selectedIds);
    if (on) next.add(id);
    else next.delete(id);
    setChosenIds(data.availableScenarios.map((s) => s.id).filter((s) => next.has(s)));
  };

  return (
    <div className="report-view">
      <div className="report-toolbar">
        <div className="view-header">
          <h1 id={ids.heading}>Report</h1>
          <div className="report-actions" role="group" aria-label="Save the report or its tables">
            {(['pdf', 'xlsx', 'csv'] as const).map((format) => (
              <button
                key={format}
                type="button"
                className={format === 'pdf' ? 'button button-primary' : 'button'}
                onClick={() => void save(format)}
                disabled={saving || !data}
                data-testid={`report-save-${format}`}
              >
                {exportCopy[format].button}
              </button>
            ))}
          </div>
        </div>
        <p className="muted report-intro">
          The whole plan as an A4 document: cover, summary, projection, gap map, scenarios, assumptions, methodology and
          data sources. Save it as a PDF to share, or save its tables (data by authority, projection, backtest, the
          scenarios below and their comparison, assumptions, history, sources, missing data) as an Excel workbook or as
          CSV files, one per table, for your own analysis. The files are the same from the desktop app, the browser and
          the command line.
        </p>
        {data && data.availableScenarios.length > 0 && (
          <fieldset className="report-scenario-choice">
            <legend id={ids.scenarios}>Scenarios in the report (at most {MAX_REPORT_SCENARIOS})</legend>
            {data.availableScenarios.map((s) => {
              const checked = selectedIds.includes(s.id);
              return (
                <label key={s.id}>
                  <input
                    type="checkbox"
                    checked={checked}
                    disabled={!checked && selectedIds.length >= MAX_REPORT_SCENARIOS}
                    onChange={(e) => toggleScenario(s.id, e.target.checked)}
                  />
                  {s.name}
                </label>
              );
            })}
          </fieldset>
        )}
        <div aria-live="polite">
          {status && (
            <p className="report-status" role="status" data-testid="report-status">
              {status}
            </p>
          )}
        </div>
        {saveError && (
          <p className="field-error" role="alert" data-testid="report-save-error">
            {saveError}
          </p>
        )}
      </div>
      {!loaded && (
        <p className="muted" role="status">
          Preparing the report…
        </p>
      )}
      {loaded && 'error' in loaded && <p className="field-error">The report could not be made: {loaded.error}</p>}
      {data && (
        <div className="report-paper">
          <ReportDocument data={data} standalone={false} />
        </div>
      )}
      {pathRequest && (
        <ExportPathDialog
          format={pathRequest.format}
          initialPath={pathRequest.initialPath}
          onSubmit={(path) => pathRequest.resolve(path)}
          onCancel={() => pathRequest.resolve(null)}
        />
      )}
    </div>
  );
}
