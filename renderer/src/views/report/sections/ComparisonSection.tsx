/**
 * The report's comparison of the chosen scenarios: their gaps over time on one chart and the key
 * figures side by side.
 */
import { saysUnit } from '#shared/model/words.js';
import { useMemo } from 'react';
import { GapChart } from '#renderer/charts/GapChart.js';
import { gapSeries, scenarioFigureRows, type ReportData, type ReportSection } from '../reportModel';
import { Section } from './Section';

export function ComparisonSection({ section, data }: { section: ReportSection; data: ReportData }) {
  const run = data.scenarioRun;
  const series = useMemo(
    () => (run ? [run.baseline, ...run.outcomes].map((o) => ({ name: o.scenario.name, points: gapSeries(o) })) : []),
    [run],
  );
  if (!run) return null;
  const rows = scenarioFigureRows(run.baseline, run.outcomes);
  const all = [run.baseline, ...run.outcomes];
  return (
    <Section section={section} className="report-comparison">
      <p>
        The consortium’s gap each year under each scenario (median; below zero means spare places), and the key figures
        side by side. Differences from the baseline are in brackets.
      </p>
      <figure className="report-figure">
        <GapChart series={series} label={`Gap in beds by year under ${all.map((o) => o.scenario.name).join(', ')}.`} />
      </figure>
      <table className="report-table report-comparison-table" data-testid="report-comparison-table">
        <caption>Scenarios compared with the baseline, over the projected years.</caption>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            {all.map((o) => (
              <th key={o.scenario.id} scope="col" className="num">
                {o.scenario.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">
                {r.label}
                {!saysUnit(r.label, r.unit) && <span className="report-unit"> ({r.unit})</span>}
              </th>
              <td className="num">{r.baseline}</td>
              {r.scenarios.map((s, i) => (
                <td key={i} className="num">
                  {s.value}
                  <span className="report-range">({s.difference})</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
