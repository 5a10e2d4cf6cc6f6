import { useId } from 'react';
import type { AssumptionRow } from './registerModel';
import { scrollRegion } from '../../app/scrollRegion';

/** The plan's modelling assumptions with their rationale, source and who last changed them (read-only). */
export function AssumptionRegister({ rows }: { rows: readonly AssumptionRow[] }) {
  const headingId = useId();
  const illustrative = rows.filter((r) => r.illustrative).length;
  return (
    <details className="register">
      <summary>
        <h2 id={headingId} className="register-heading">
          Assumption register
        </h2>
        <span className="register-count">
          {rows.length === 0
            ? 'none recorded'
            : `${rows.length} ${rows.length === 1 ? 'assumption' : 'assumptions'}${illustrative ? `, ${illustrative} resting on illustrative sources` : ''}`}
        </span>
      </summary>
      {rows.length === 0 ? (
        <p className="muted">This plan records no modelling assumptions yet.</p>
      ) : (
        <div className="table-scroll table-scroll-compact" {...scrollRegion('Assumption register table')}>
          <table className="register-table" aria-labelledby={headingId}>
            <thead>
              <tr>
                <th scope="col">Assumption</th>
                <th scope="col" className="col-value">
                  Value
                </th>
                <th scope="col">Rationale</th>
                <th scope="col">Source</th>
                <th scope="col">Last changed</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key} data-testid="assumption-row">
                  <th scope="row">{row.label}</th>
                  <td className="col-value">{row.valueText}</td>
                  <td className="register-rationale">{row.rationale}</td>
                  <td className="register-source" title={row.source ? row.source.title : undefined}>
                    {row.source ? (
                      <>
                        {row.illustrative && <span className="tag tag-illustrative">illustrative</span>}
                        <span className="register-source-title">{row.source.title}</span>
                      </>
                    ) : row.unknownSourceId ? (
                      <>“{row.unknownSourceId}” (not described in this plan)</>
                    ) : (
                      <span className="muted">None recorded</span>
                    )}
                  </td>
                  <td className="register-changed">
                    {row.changedBy}
                    <br />
                    <span className="muted">{row.changedAt}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
