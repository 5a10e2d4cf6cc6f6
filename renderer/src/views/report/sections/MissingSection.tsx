/**
 * What the plan lacks, what that means for the report, and which import fills it.
 */
import { missingItems, type ReportData, type ReportSection } from '../reportModel';
import { Section } from './Section';

export function MissingSection({ section, data }: { section: ReportSection; data: ReportData }) {
  const items = missingItems(data);
  return (
    <Section section={section} className="report-missing">
      <p>What the plan lacks, what that means for this report, and which import fills it.</p>
      <table className="report-table" data-testid="report-missing-table">
        <caption>Missing data, and the import that fills it.</caption>
        <thead>
          <tr>
            <th scope="col">What is missing</th>
            <th scope="col">Filled by</th>
          </tr>
        </thead>
        <tbody>
          {items.map((m) => (
            <tr key={m.what}>
              <td>{m.what}</td>
              <td>{m.fillWith}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
