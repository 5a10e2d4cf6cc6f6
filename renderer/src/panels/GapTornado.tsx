/**
 * What moves the headline: a tornado of the consortium's horizon gap with the forecast and the supply
 * projection at their P10 and P90 and each assumption at the low and high of its range (the others at
 * the plan's values), and — when the baseline scenario's run is at hand — a tornado of its horizon
 * cost from the same shared engine (shared/scenario/costUncertainty.ts), each with the sentence
 * saying which input drives it and each range's basis beneath. Beside the headline in the Projection
 * view and the report.
 */
import { useMemo } from 'react';
import { gapDriverSentence } from '#shared/forecast/assumptionUncertainty.js';
import type { ProjectionResult } from '#shared/forecast/types.js';
import { TornadoChart } from '../charts/scenario/TornadoChart';
import type { Sensitivity } from '../models/sensitivity';
import { formatMoneyDiff, formatMoneyTick } from '../format/money';
import { formatCountDiff } from '../format/numbers';
import { gapTornadoModel } from '../models/baseYearModel';
import './scenarios.css';

export interface GapTornadoProps {
  result: Pick<ProjectionResult, 'tornado' | 'consortium'>;
  variant: 'screen' | 'print';
  /** The baseline scenario's tornado (cost beside the gap), when its run is at hand. */
  cost?: Sensitivity | null;
}

const tick = (v: number) => formatCountDiff(v);
const ends = { low: 'at the low end of its range', high: 'at the high end of its range' };

export function GapTornado({ result, variant, cost }: GapTornadoProps) {
  const model = useMemo(() => gapTornadoModel(result), [result]);
  if (!model) return null;
  const screen = variant === 'screen';
  const sentence = gapDriverSentence(result.tornado ?? [], model.year, model.gap);
  const costRows = cost ? cost.rows.filter((r) => !r.notEstimated?.includes('cost')) : [];
  return (
    <section className={screen ? 'proj-section proj-gap-tornado' : 'report-gap-tornado'} data-testid="gap-tornado">
      {screen ? <h2>What moves the {model.year} gap</h2> : <h3>What moves the {model.year} gap</h3>}
      <p className={screen ? 'proj-caption' : undefined} data-testid="gap-tornado-driver">
        {sentence}
        {cost && ` ${cost.sentences.cost}`}
      </p>
      <TornadoChart
        rows={model.rows}
        base={{ cost: 0, gap: model.gap }}
        metric="gap"
        title={`Change in the ${model.year} bed gap with each input at the ends of its range`}
        format={formatCountDiff}
        tickFormat={tick}
        step="range"
        ends={ends}
        axisTitle="Change from the headline gap (beds)"
        testId="gap-tornado-chart"
      />
      {cost && costRows.length > 0 && (
        <>
          {screen ? <h3>What moves the baseline’s cost</h3> : <h4>What moves the baseline’s cost</h4>}
          <TornadoChart
            rows={costRows}
            base={cost.base}
            metric="cost"
            title="Change in the baseline’s horizon cost with each input at the ends of its range"
            format={formatMoneyDiff}
            tickFormat={formatMoneyTick}
            step="range"
            ends={ends}
            axisTitle="Change from the baseline’s cost"
            testId="cost-tornado-chart"
          />
          <p className={screen ? 'proj-caption' : undefined}>{cost.note}</p>
        </>
      )}
      <ul className={screen ? 'proj-caption proj-tornado-notes' : 'report-tornado-notes'}>
        {model.notes.map((n) => (
          <li key={n.label}>
            <strong>{n.label}</strong> ({n.range}): {n.basis}
          </li>
        ))}
      </ul>
      <p className={screen ? 'proj-caption' : undefined}>
        In each row the upper bar is the input at its low end and the lower bar at its high end. The gap’s 80% range in
        the table draws every one of these at once, each simulation its own values, so it includes the assumptions and
        the supply projection as well as the forecast; the scenarios’ cost ranges draw the cost assumptions the same
        way.
      </p>
    </section>
  );
}
