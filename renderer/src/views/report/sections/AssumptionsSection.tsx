/**
 * The report's assumption register: every assumption behind its figures, its value and source.
 */
import { useMemo } from 'react';
import { assumptionLines, type ReportData, type ReportSection } from '../reportModel';
import { Section, Tag } from './Section';

export function AssumptionsSection({ section, data }: { section: ReportSection; data: ReportData }) {
  const lines = useMemo(
    () =>
      assumptionLines(data.summary, data.projection?.projection ?? null, data.scenarioRun?.baseline.assumptions ?? []),
    [data],
  );
  return (
    <Section section={section} className="report-assumptions">
      <p>
        Every assumption the figures rest on: the plan’s register (changed in the app and recorded with who changed it
        and when), then those the projection and the scenario model add. Illustrative sources are marked.
      </p>
      <table className="report-table report-assumption-table" data-testid="report-assumption-table">
        <caption>Assumptions register.</caption>
        <thead>
          <tr>
            <th scope="col">Assumption</th>
            <th scope="col">Value</th>
            <th scope="col">Why</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((a) => (
            <tr key={a.key}>
              <th scope="row">
                {a.label}
                <span className="report-th-hint">{a.where}</span>
              </th>
              <td>{a.value}</td>
              <td className="report-rationale">{a.rationale}</td>
              <td>
                {a.source || '—'} {a.illustrative && <Tag>Illustrative</Tag>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
