import { useId, useMemo, useState } from 'react';
import type { ImportFilePreview } from '#shared/api/contract.js';
import { listNames } from '#shared/forecast/inputs/index.js';
import { formatNumber } from '../../format/numbers';
import {
  describeIssueCounts,
  describePeriods,
  measureLabel,
  plural,
  problemText,
  shortHash,
  sortIssues,
} from './importModel';

/** What the analyst may choose for one file: the layer of a boundary file, an Ofsted snapshot's date. */
export interface FileChoice {
  layer?: string;
  asOf?: string;
}

/**
 * What importing one file would change, and every problem found in it (errors first). With
 * `onChoose`, a boundary file with several layers offers its layers and an Ofsted snapshot its date;
 * choosing previews the files again.
 */
export function FilePreviewCard({
  file,
  onChoose,
  disabled = false,
}: {
  file: ImportFilePreview;
  onChoose?: (choice: FileChoice) => void;
  disabled?: boolean;
}) {
  const headingId = useId();
  const layerId = useId();
  const dateId = useId();
  const [date, setDate] = useState(file.asOf?.date ?? '');
  const issuesHeadingId = useId();
  const issues = useMemo(() => sortIssues(file.issues), [file.issues]);
  const blocked = file.errorCount > 0;
  const issueCounts = describeIssueCounts(file);

  return (
    <article
      className={blocked ? 'import-file is-blocked' : 'import-file'}
      aria-labelledby={headingId}
      data-testid="import-file"
      data-kind={file.kind}
    >
      <header className="import-file-header">
        <h3 id={headingId} className="import-file-name">
          {file.fileName}
        </h3>
        {file.errorCount > 0 && <span className="tag tag-error">{plural(file.errorCount, 'error')}</span>}
        {file.warningCount > 0 && <span className="tag tag-warning">{plural(file.warningCount, 'warning')}</span>}
        {file.errorCount === 0 && file.warningCount === 0 && <span className="tag tag-ok">no problems</span>}
      </header>

      <p className="import-kind">
        <span className="import-kind-label">Recognised as </span>
        <strong data-testid="import-kind">{file.kindLabel}</strong>
        <span className="import-reason">{file.reason}</span>
      </p>

      {onChoose && file.layers && file.layers.length > 1 && (
        <p className="import-choice">
          <label htmlFor={layerId}>Layer read</label>{' '}
          <select
            id={layerId}
            value={file.layer ?? ''}
            disabled={disabled}
            onChange={(e) => onChoose({ layer: e.target.value })}
            data-testid="import-layer"
          >
            {file.layers.map((l) => (
              <option key={l.name} value={l.name}>
                {`${l.name}: ${formatNumber(l.features)} ${l.features === 1 ? 'feature' : 'features'}, ${formatNumber(l.authorities)} English upper-tier ${l.authorities === 1 ? 'authority' : 'authorities'}, ${formatNumber(l.members)} of the members`}
              </option>
            ))}
          </select>
        </p>
      )}
      {onChoose && file.asOf && (
        <form
          className="import-choice"
          onSubmit={(e) => {
            e.preventDefault();
            if (/^\d{4}-\d{2}-\d{2}$/.test(date)) onChoose({ asOf: date });
          }}
        >
          <label htmlFor={dateId}>Snapshot date</label>{' '}
          <input
            id={dateId}
            type="date"
            value={date}
            disabled={disabled}
            onChange={(e) => setDate(e.target.value)}
            data-testid="import-as-of"
          />{' '}
          <button
            type="submit"
            className="button button-small"
            disabled={disabled || !/^\d{4}-\d{2}-\d{2}$/.test(date) || date === file.asOf.date}
          >
            Read with this date
          </button>{' '}
          <span className="muted">
            {file.asOf.from === 'file'
              ? '(as the file says)'
              : file.asOf.from === 'user'
                ? '(as given)'
                : '(the file does not say: give the date the list is at)'}
          </span>
        </form>
      )}

      <ul className="import-stats" aria-label={`What importing ${file.fileName} would change`}>
        <li>
          <span className="import-stat-value" data-testid="import-added">
            {formatNumber(file.added)}
          </span>
          <span className="import-stat-label">{file.added === 1 ? 'figure' : 'figures'} added</span>
        </li>
        <li>
          <span className="import-stat-value" data-testid="import-replaced">
            {formatNumber(file.replaced)}
          </span>
          <span className="import-stat-label">{file.replaced === 1 ? 'figure' : 'figures'} replaced</span>
        </li>
        <li>
          <span className="import-stat-value">{formatNumber(file.rowsRead)}</span>
          <span className="import-stat-label">{file.rowsRead === 1 ? 'row' : 'rows'} read</span>
        </li>
        <li>
          <span className="import-stat-value">{formatNumber(file.areas)}</span>
          <span className="import-stat-label">{file.areas === 1 ? 'area' : 'areas'}</span>
        </li>
        {file.skippedOutsidePlan > 0 && (
          <li>
            <span className="import-stat-value">{formatNumber(file.skippedOutsidePlan)}</span>
            <span className="import-stat-label">
              {file.skippedOutsidePlan === 1 ? 'row' : 'rows'} for areas outside the plan, not taken
            </span>
          </li>
        )}
      </ul>

      <dl className="facts import-facts">
        <dt>Periods</dt>
        <dd>{describePeriods(file.periods)}</dd>
        <dt>Measures</dt>
        <dd>{file.measures.length ? listNames(file.measures.map(measureLabel)) : 'None'}</dd>
        {file.sheetName !== null && (
          <>
            <dt>Sheet</dt>
            <dd>{file.sheetName}</dd>
          </>
        )}
        {file.encoding !== null && (
          <>
            <dt>Encoding</dt>
            <dd>{file.encoding}</dd>
          </>
        )}
        {file.notTaken.length > 0 && (
          <>
            <dt>Not taken</dt>
            <dd>
              <ul className="import-not-taken">
                {file.notTaken.map((what, i) => (
                  <li key={i}>{what}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt>SHA-256</dt>
        <dd className="import-hash" title={file.sha256}>
          {shortHash(file.sha256)}
        </dd>
      </dl>

      <h4 id={issuesHeadingId} className="import-issues-heading">
        Problems <span className="import-issue-counts">{issueCounts}</span>
      </h4>
      {issues.length > 0 && (
        <div className="table-scroll import-issue-scroll" role="region" aria-labelledby={issuesHeadingId} tabIndex={0}>
          <table className="register-table import-issues" data-testid="import-issues">
            <caption className="visually-hidden">
              Problems in {file.fileName}: {issueCounts}. Errors block the import; warnings are imported and shown.
            </caption>
            <thead>
              <tr>
                <th scope="col">Severity</th>
                <th scope="col" className="col-number">
                  Row
                </th>
                <th scope="col">Column</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {issues.map((issue, i) => (
                <tr key={i} className={`issue-${issue.severity}`} data-severity={issue.severity}>
                  <td>
                    <span className={issue.severity === 'error' ? 'tag tag-error' : 'tag tag-warning'}>
                      {issue.severity === 'error' ? 'Error' : 'Warning'}
                    </span>
                  </td>
                  <td className="col-number" data-testid="issue-row">
                    {issue.row ?? <NotApplicable what="whole file" />}
                  </td>
                  <td className="issue-column" data-testid="issue-column">
                    {issue.column ?? <NotApplicable what="no single column" />}
                  </td>
                  <td className="issue-message">{problemText(issue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}

function NotApplicable({ what }: { what: string }) {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{what}</span>
    </>
  );
}
