/**
 * The assumptions behind a scenario run's figures, as a folding table (each with its value, unit and
 * source); one component for the Scenarios and Compare views.
 */
import { useId } from 'react';
import type { ScenarioAssumption } from '#shared/scenario/types.js';
import { formatAssumptionValue } from '../format/assumptions';
import { scrollRegion } from '../app/scrollRegion';

export interface AssumptionsTableProps {
  assumptions: readonly ScenarioAssumption[];
  /** Heading text; "Assumptions behind these figures" by default. */
  title?: string;
  /** Opened at first. */
  open?: boolean;
}

/**
 * Every assumption behind a scenario's figures (the levers' first, then the plan's and the model's):
 * label, value (with its plausible range where it is a judgement), unit, why, and where it comes from.
 */
export function AssumptionsTable({ assumptions, title, open = false }: AssumptionsTableProps) {
  const captionId = useId();
  const levers = assumptions.filter((a) => a.key.startsWith('lever.'));
  const others = assumptions.filter((a) => !a.key.startsWith('lever.'));
  const groups = [
    { name: 'The scenario’s levers', rows: levers },
    { name: 'Prices, the plan and the model', rows: others },
  ].filter((g) => g.rows.length > 0);
  return (
    <details className="scn-assumptions" open={open}>
      <summary>
        <span id={captionId} className="scn-assumptions-title">
          {title ?? 'Assumptions behind these figures'}
        </span>{' '}
        <span className="muted">({assumptions.length})</span>
      </summary>
      <div className="scn-table-scroll" {...scrollRegion(title ?? 'Assumptions behind these figures')}>
        <table className="scn-table scn-assumptions-table" aria-labelledby={captionId}>
          <thead>
            <tr>
              <th scope="col">Assumption</th>
              <th scope="col" className="num">
                Value
              </th>
              <th scope="col">Unit</th>
              <th scope="col">Why, and where it comes from</th>
            </tr>
          </thead>
          {groups.map((g) => (
            <tbody key={g.name}>
              <tr className="scn-group-row">
                <th scope="colgroup" colSpan={4}>
                  {g.name}
                </th>
              </tr>
              {g.rows.map((a) => (
                <tr key={a.key} data-key={a.key}>
                  <th scope="row" className="scn-assumption-label">
                    {a.label}
                  </th>
                  <td className="num scn-nowrap">
                    {formatAssumptionValue(a.value, a.unit)}
                    {a.low !== undefined && a.high !== undefined && a.low !== a.high && (
                      <span className="scn-range muted" data-testid="assumption-range">
                        {' '}
                        (range {formatAssumptionValue(a.low, a.unit)}–{formatAssumptionValue(a.high, a.unit)})
                      </span>
                    )}
                  </td>
                  <td className="scn-assumption-unit">{a.unit}</td>
                  <td className="scn-assumption-why">
                    {a.rationale}
                    {a.source && <span className="scn-source"> Source: {a.source}.</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </details>
  );
}
