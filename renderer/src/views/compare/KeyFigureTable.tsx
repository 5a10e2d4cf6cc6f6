import type { ScenarioOutcome } from '#shared/scenario/types.js';
import type { KeyFigureRow } from './compareModel';
import { seriesStyle } from '../../charts/scenario/series';
import { scrollRegion } from '../../app/scrollRegion';

export interface KeyFigureTableProps {
  columns: readonly ScenarioOutcome[];
  rows: readonly KeyFigureRow[];
  caption: string;
}

/**
 * Key figures side by side: a row per figure, a column per scenario (the baseline first), each
 * scenario's value with its difference from the baseline underneath (coloured and worded as better
 * or worse where that is clear).
 */
export function KeyFigureTable({ columns, rows, caption }: KeyFigureTableProps) {
  return (
    <div className="scn-table-scroll" {...scrollRegion(caption)}>
      <table className="scn-table cmp-table" data-testid="compare-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="cmp-figure-col">
              Figure
            </th>
            {columns.map((o, i) => (
              <th key={o.scenario.id} scope="col" className="num cmp-scenario-col" data-id={o.scenario.id}>
                <svg className="cmp-swatch" viewBox="0 0 12 12" aria-hidden="true">
                  <rect width="12" height="12" rx="2" fill={seriesStyle(i).colour} />
                </svg>
                <span className="cmp-col-name">{o.scenario.name}</span>
                {o.scenario.illustrative && <span className="tag tag-illustrative">Illustrative</span>}
                {i === 0 && <span className="scn-th-hint">reference</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={r.part ? 'cmp-part-row' : undefined} data-figure={r.key}>
              <th scope="row" className="cmp-figure">
                <span className="cmp-figure-label">{r.label}</span>
                {r.hint && <span className="scn-th-hint">{r.hint}</span>}
              </th>
              {r.cells.map((c) => (
                <td key={c.scenarioId} className="num">
                  <span className="scn-value">{c.text}</span>
                  {c.diff && (
                    <span className={`scn-diff is-${c.diff.judgement}`}>
                      {c.diff.text}
                      <span className="visually-hidden">
                        {' '}
                        against the baseline
                        {c.diff.judgement === 'better' ? ' (better)' : c.diff.judgement === 'worse' ? ' (worse)' : ''}
                      </span>
                    </span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
