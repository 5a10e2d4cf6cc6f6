/**
 * The report's sources: where every figure comes from, with its licence and the imports made.
 */
import { formatTimestamp } from '#renderer/format/dates.js';
import type { ReportData, ReportSection } from '../reportModel';
import { Section, Tag } from './Section';
import { formatNumber } from '#renderer/format/numbers.js';

export function SourcesSection({ section, data }: { section: ReportSection; data: ReportData }) {
  const { sources } = data.summary;
  return (
    <Section section={section} className="report-sources">
      <p>
        Where every figure comes from, with its licence. Sources marked illustrative are generated for illustration, not
        published data.
      </p>
      <ol className="report-source-list" data-testid="report-source-list">
        {sources.map((s) => (
          <li key={s.id} className="report-source">
            <p className="report-source-title">
              {s.title} {s.illustrative && <Tag>Illustrative</Tag>}
            </p>
            <p className="report-source-meta">
              {s.publisher}. Period: {s.period}. File: {s.file}
              {s.table ? ` (${s.table})` : ''}. Licence: {s.licence}.
              {s.url && (
                <>
                  {' '}
                  <span className="report-url">{s.url}</span>
                </>
              )}
            </p>
          </li>
        ))}
      </ol>
      {data.imports.length > 0 && (
        <table className="report-table report-imports-table">
          <caption>Files imported into this plan.</caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Kind</th>
              <th scope="col">Imported</th>
              <th scope="col" className="num">
                Figures added / replaced
              </th>
            </tr>
          </thead>
          <tbody>
            {data.imports.map((i) => (
              <tr key={i.id}>
                <th scope="row">{i.fileName}</th>
                <td>{i.kind}</td>
                <td>{formatTimestamp(i.importedAt)}</td>
                <td className="num">
                  {formatNumber(i.rowsAdded)} / {formatNumber(i.rowsReplaced)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
