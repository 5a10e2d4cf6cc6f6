import { useId, useMemo } from 'react';
import type { MeasureId } from '#shared/model/measures.js';
import type { PlanSummary } from '#shared/model/summary.js';
import { Sparkline } from '../../charts/Sparkline';
import { buildHistoryCards, consortiumKey, historyAreas, shortPeriod } from './historyModel';
import { formatPeriod, formatValue } from '../../format/measures';

export interface HistoryPanelProps {
  summary: PlanSummary;
  /** Measures in the table's column order. */
  order: readonly MeasureId[];
  areaKey: string;
  onAreaChange(key: string): void;
  /** The measure of the selected figure, highlighted among the charts. */
  currentMeasure?: MeasureId | null;
}

/**
 * Small multiples: one card per headline measure with the chosen area's history and, below it, the
 * consortium's. Each line has its own scale, so the shapes are compared; the values are written at
 * the ends.
 */
export function HistoryPanel({ summary, order, areaKey, onAreaChange, currentMeasure }: HistoryPanelProps) {
  const headingId = useId();
  const selectId = useId();
  const areas = useMemo(() => historyAreas(summary), [summary]);
  const chosen = areas.find((a) => a.key === areaKey) ?? areas[0];
  const key = chosen?.key ?? consortiumKey;
  const cards = useMemo(() => buildHistoryCards(summary, key, order), [summary, key, order]);
  const members = areas.filter((a) => a.kind === 'member');
  const comparators = areas.filter((a) => a.kind === 'comparator');

  return (
    <section className="history-panel" aria-labelledby={headingId}>
      <div className="panel-header">
        <h2 id={headingId}>History</h2>
        <div className="history-choice">
          <label htmlFor={selectId}>Show history for</label>
          <select id={selectId} className="select" value={key} onChange={(e) => onAreaChange(e.target.value)}>
            <option value={consortiumKey}>{summary.consortium.name} (consortium)</option>
            {members.length > 0 && (
              <optgroup label="Member authorities">
                {members.map((a) => (
                  <option key={a.key} value={a.key}>
                    {a.name}
                  </option>
                ))}
              </optgroup>
            )}
            {comparators.length > 0 && (
              <optgroup label="Comparators">
                {comparators.map((a) => (
                  <option key={a.key} value={a.key}>
                    {a.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </div>
      </div>
      {cards.length === 0 ? (
        <p className="muted">This plan holds no history for these measures yet.</p>
      ) : (
        <>
          <p className="muted history-intro">
            {chosen && chosen.kind !== 'consortium' ? (
              <>
                <span className="history-key history-key-area">{chosen.name}</span> above, the{' '}
                <span className="history-key history-key-consortium">consortium</span> below.{' '}
              </>
            ) : null}
            Each line has its own scale; first and last values are written at the ends. Hover a dot for its period.
          </p>
          <ul className="history-grid">
            {cards.map((card) => (
              <li
                key={card.measure}
                className={card.measure === currentMeasure ? 'history-card is-current' : 'history-card'}
              >
                <h3 className="history-title">{card.label}</h3>
                <p className="history-range">
                  {card.firstPeriod === card.lastPeriod
                    ? formatPeriod(card.measure, card.firstPeriod ?? '')
                    : `${shortPeriod(card.firstPeriod ?? '')} to ${shortPeriod(card.lastPeriod ?? '')}`}
                  <span className="visually-hidden">, {card.unit}</span>
                </p>
                {card.series.map((series) => (
                  <div key={series.key} className={`history-series history-series-${series.role}`}>
                    <span className="history-series-name" aria-hidden="true">
                      {series.role === 'consortium' && chosen?.kind !== 'consortium' ? 'Consortium' : series.name}
                    </span>
                    <Sparkline
                      points={series.points}
                      variant={
                        series.role === 'area' ? 'primary' : chosen?.kind === 'consortium' ? 'primary' : 'secondary'
                      }
                      measure={card.label}
                      area={series.name}
                      formatValue={(v) => formatValue(card.measure, v)}
                      formatPeriod={shortPeriod}
                      formatPeriodLong={(p) => formatPeriod(card.measure, p)}
                    />
                  </div>
                ))}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
