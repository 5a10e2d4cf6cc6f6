/**
 * What moves the headline gap: a tornado of the consortium's horizon gap with the forecast at its
 * P10 and P90 and each assumption at the low and high of its range (the others at the plan's
 * values), and each range's basis beneath. Beside the headline in the Projection view and the report.
 */
import { useMemo } from 'react';
import type { ProjectionResult } from '../../../../shared/forecast/types.js';
import { TornadoChart } from '../../charts/ScenarioCharts';
import { formatCountDiff } from '../scenarios/scenarioFormat';
import { gapTornadoModel } from './baseYearModel';
import '../scenarios/scenarios.css';

export interface GapTornadoProps {
  result: Pick<ProjectionResult, 'tornado' | 'consortium'>;
  variant: 'screen' | 'print';
}

const tick = (v: number) => formatCountDiff(v);

export function GapTornado({ result, variant }: GapTornadoProps) {
  const model = useMemo(() => gapTornadoModel(result), [result]);
  if (!model) return null;
  const screen = variant === 'screen';
  return (
    <section className={screen ? 'proj-section proj-gap-tornado' : 'report-gap-tornado'} data-testid="gap-tornado">
      {screen ? <h2>What moves the {model.year} gap</h2> : <h3>What moves the {model.year} gap</h3>}
      <TornadoChart
        rows={model.rows}
        base={{ cost: 0, gap: model.gap }}
        metric="gap"
        title={`Change in the ${model.year} bed gap with each input at the ends of its range`}
        format={formatCountDiff}
        tickFormat={tick}
        step="range"
        ends={{ low: 'at the low end of its range', high: 'at the high end of its range' }}
        axisTitle="Change from the headline gap (beds)"
        testId="gap-tornado-chart"
      />
      <ul className={screen ? 'proj-caption proj-tornado-notes' : 'report-tornado-notes'}>
        {model.notes.map((n) => (
          <li key={n.label}>
            <strong>{n.label}</strong> ({n.range}): {n.basis}
          </li>
        ))}
      </ul>
      <p className={screen ? 'proj-caption' : undefined}>
        In each row the upper bar is the input at its low end and the lower bar at its high end. The gap’s 80% range in
        the table draws every one of these at once, each simulation its own values, so it includes the assumptions as
        well as the forecast.
      </p>
    </section>
  );
}
