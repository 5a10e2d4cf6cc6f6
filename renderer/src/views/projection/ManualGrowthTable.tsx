import { useId } from 'react';
import { parseGrowth } from '../../models/projectionModel';

export interface ManualGrowthTableProps {
  members: readonly { code: string; name: string }[];
  /** Growth as typed, in per cent a year, by LA code. */
  values: Readonly<Record<string, string>>;
  onChange(values: Record<string, string>): void;
  /** Fills every authority with the growth the latest rate-method projection implies; null when there is none. */
  onFillFromRate: (() => void) | null;
}

/** Annual growth in children for each member authority, for the manual method. */
export function ManualGrowthTable({ members, values, onChange, onFillFromRate }: ManualGrowthTableProps) {
  const headingId = useId();
  return (
    <section className="proj-manual" aria-labelledby={headingId}>
      <div className="proj-manual-header">
        <h2 id={headingId}>Manual growth, per cent a year</h2>
        <div className="proj-manual-actions">
          {onFillFromRate && (
            <button type="button" className="button button-small" onClick={onFillFromRate}>
              Fill from the rate-based projection
            </button>
          )}
          <button type="button" className="button button-small" onClick={() => onChange({})}>
            Set all to 0%
          </button>
        </div>
      </div>
      <p className="proj-panel-intro">
        Each authority’s last observed number of children grows by this much a year (leave blank for 0%). These figures
        are not saved in the plan.
      </p>
      <table className="proj-table proj-manual-table">
        <thead>
          <tr>
            <th scope="col">Authority</th>
            <th scope="col">Growth a year</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => {
            const text = values[m.code] ?? '';
            const parsed = parseGrowth(text, m.name);
            const errorId = `${headingId}-${m.code}-error`;
            return (
              <tr key={m.code} data-code={m.code}>
                <th scope="row">
                  <label htmlFor={`${headingId}-${m.code}`}>{m.name}</label>
                </th>
                <td>
                  <span className="proj-percent-field">
                    <input
                      id={`${headingId}-${m.code}`}
                      className="text-input proj-percent-input"
                      type="text"
                      inputMode="decimal"
                      autoComplete="off"
                      spellCheck={false}
                      placeholder="0"
                      value={text}
                      aria-invalid={!parsed.ok}
                      aria-describedby={!parsed.ok ? errorId : undefined}
                      onChange={(e) => onChange({ ...values, [m.code]: e.target.value })}
                    />
                    <span className="proj-percent-sign" aria-hidden="true">
                      %
                    </span>
                  </span>
                  {!parsed.ok && (
                    <p id={errorId} className="field-error">
                      {parsed.message}
                    </p>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
