import { useId } from 'react';
import type { ImportLogEntry } from '#shared/api/contract.js';
import { formatTimestamp } from '../../format/dates';
import { formatNumber } from '../../format/numbers';
import { kindName, shortHash } from './importModel';
import { scrollRegion } from '../../app/scrollRegion';

export interface ImportHistoryProps {
  entries: readonly ImportLogEntry[] | null;
  loadError: string | null;
}

/** Every file imported into this plan, newest first, with its fingerprint and counts. */
export function ImportHistory({ entries, loadError }: ImportHistoryProps) {
  const headingId = useId();
  return (
    <section className="import-history" aria-labelledby={headingId} data-testid="import-history">
      <h2 id={headingId}>Import history</h2>
      {loadError ? (
        <p className="field-error">The import history could not be loaded: {loadError}</p>
      ) : entries === null ? (
        <p className="muted">Loading the import history…</p>
      ) : entries.length === 0 ? (
        <p className="muted">
          No files have been imported into this plan yet. Each import is recorded here with the file’s SHA-256, so you
          can tell exactly which download the figures came from.
        </p>
      ) : (
        <div className="table-scroll table-scroll-compact" {...scrollRegion('Import history table')}>
          <table className="register-table import-history-table" aria-labelledby={headingId}>
            <thead>
              <tr>
                <th scope="col">Imported</th>
                <th scope="col">File</th>
                <th scope="col">Kind</th>
                <th scope="col">SHA-256</th>
                <th scope="col" className="col-number">
                  Rows read
                </th>
                <th scope="col" className="col-number">
                  Added
                </th>
                <th scope="col" className="col-number">
                  Replaced
                </th>
                <th scope="col" className="col-number">
                  Warnings
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} data-testid="import-history-row">
                  <td className="import-when">{formatTimestamp(entry.importedAt)}</td>
                  <th scope="row" className="import-history-file">
                    {entry.fileName}
                    {entry.sheetName && <span className="import-sheet">sheet {entry.sheetName}</span>}
                  </th>
                  <td>{kindName(entry.kind)}</td>
                  <td className="import-hash" title={entry.sha256}>
                    {shortHash(entry.sha256)}
                  </td>
                  <td className="col-number">{formatNumber(entry.rowsRead)}</td>
                  <td className="col-number">{formatNumber(entry.rowsAdded)}</td>
                  <td className="col-number">{formatNumber(entry.rowsReplaced)}</td>
                  <td className="col-number">{formatNumber(entry.warnings)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
