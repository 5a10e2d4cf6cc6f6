/**
 * A scenario's tornadoes — its horizon cost and its horizon-year bed gap with each input at the low
 * and high end of its stated range — with the sentences saying which input drives each answer and
 * what the tornado leaves out. The figures come from the one shared engine
 * (shared/scenario/costUncertainty.ts, via ../models/sensitivity.ts); this component only draws
 * them, so the Scenarios view (beside its headline) and the Compare view show the same bars.
 */
import type { ReactNode } from 'react';
import { TornadoChart } from '../charts/scenario/TornadoChart';
import type { Sensitivity } from '../models/sensitivity';
import { formatMoneyDiff, formatMoneyTick } from '../format/money';
import { formatCountDiffOnAxis } from '../format/numbers';

const ends = { low: 'at the low end of its range', high: 'at the high end of its range' };

export function SensitivityCharts({
  sensitivity,
  scenarioName,
  costTitle,
  testIdPrefix,
  footer,
}: {
  sensitivity: Sensitivity;
  scenarioName: string;
  /** The cost chart's heading, e.g. "Five-year cost, 2025-26 to 2029-30". */
  costTitle: string;
  /** "compare" or "scenario": the charts' test ids are `${prefix}-chart-tornado-cost|gap`. */
  testIdPrefix: string;
  /** Said after the tornado's own note (for example where the figures were worked out). */
  footer?: ReactNode;
}) {
  return (
    <>
      <p className="scn-caption" data-testid={`${testIdPrefix}-sensitivity-drivers`}>
        {sensitivity.sentences.cost} {sensitivity.sentences.gap}
      </p>
      <ul className="sc-legend" aria-label="Key to the sensitivity charts">
        <li>
          <svg viewBox="0 0 16 14" className="sc-legend-swatch sc-legend-swatch-box" aria-hidden="true">
            <rect x="1" y="1" width="14" height="12" className="sc-tornado-low" />
          </svg>
          Input at the low end of its range
        </li>
        <li>
          <svg viewBox="0 0 16 14" className="sc-legend-swatch sc-legend-swatch-box" aria-hidden="true">
            <rect x="1" y="1" width="14" height="12" className="sc-tornado-high" />
          </svg>
          Input at the high end of its range
        </li>
      </ul>
      <div className="cmp-charts">
        {(['cost', 'gap'] as const).map((metric) => (
          <div className="cmp-card" key={metric}>
            <h3>{metric === 'cost' ? costTitle : `Bed gap in ${sensitivity.finalYear}`}</h3>
            <TornadoChart
              rows={sensitivity.rows}
              base={sensitivity.base}
              metric={metric}
              title={
                metric === 'cost'
                  ? `Sensitivity of the cost of ${scenarioName}`
                  : `Sensitivity of the ${sensitivity.finalYear} bed gap of ${scenarioName}`
              }
              format={metric === 'cost' ? formatMoneyDiff : formatCountDiffOnAxis}
              tickFormat={metric === 'cost' ? formatMoneyTick : formatCountDiffOnAxis}
              step="range"
              ends={ends}
              testId={`${testIdPrefix}-chart-tornado-${metric}`}
            />
          </div>
        ))}
      </div>
      <p className="scn-caption" data-testid={`${testIdPrefix}-sensitivity-basis`}>
        {sensitivity.note}
        {footer ? <> {footer}</> : null}
      </p>
    </>
  );
}
