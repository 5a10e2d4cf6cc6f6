/**
 * The report's cover: its title, the consortium and its members, the date, the plan and its file,
 * the data vintages, what it was prepared with, and the contents.
 */
import { methodLabels } from '#renderer/models/projectionModel.js';
import { formatLongDate } from '#renderer/format/dates.js';
import { dataVintages, type ReportData, type ReportSection } from '../reportModel';
import { Tag } from './Section';
import { formatNumber } from '#renderer/format/numbers.js';

export function Cover({
  data,
  sections,
  standalone,
}: {
  data: ReportData;
  sections: ReportSection[];
  standalone: boolean;
}) {
  const { summary, plan, projection } = data;
  const Title = standalone ? 'h1' : 'h2';
  const years = projection?.projection.years ?? [];
  const members = summary.authorities.filter((a) => a.isMember).map((a) => a.name);
  const vintages = dataVintages(summary.sources);
  const illustrative = summary.sources.some((s) => s.illustrative);
  return (
    <section className="report-cover" aria-labelledby="report-cover-title" data-testid="report-cover">
      <p className="report-kicker">Children’s homes sufficiency report</p>
      <Title id="report-cover-title" className="report-cover-title">
        {summary.consortium.name}
      </Title>
      <p className="report-cover-subtitle">
        Places in children’s homes for the consortium’s children
        {years.length > 0 && <>: projection to 31 March {years.at(-1)}</>}
      </p>
      <dl className="report-facts">
        <dt>Consortium</dt>
        <dd>
          {summary.consortium.name}: {members.length} member {members.length === 1 ? 'authority' : 'authorities'} (
          {members.join(', ')})
        </dd>
        <dt>Date</dt>
        <dd data-testid="report-date">{formatLongDate(data.generatedAt)}</dd>
        <dt>Plan</dt>
        <dd>{plan.name}</dd>
        <dt>Plan file</dt>
        <dd className="report-path">{plan.path ?? 'Not saved yet'}</dd>
        <dt>Data vintages</dt>
        <dd>
          {vintages.length ? (
            <ul className="report-vintages">
              {vintages.map((v) => (
                <li key={v}>{v}</li>
              ))}
            </ul>
          ) : (
            'No published data in this plan.'
          )}
        </dd>
        <dt>Prepared with</dt>
        <dd>
          {data.appInfo ? `${data.appInfo.appName} ${data.appInfo.version}` : 'Sufficiency Planner'}
          {projection && (
            <>
              , {methodLabels[projection.projection.method].toLowerCase()} projection,{' '}
              {formatNumber(projection.projection.simulations)} simulations (seed {projection.projection.seed})
            </>
          )}
        </dd>
      </dl>
      {illustrative && (
        <p className="report-illustrative-note">
          <Tag>Illustrative</Tag> Some values in this plan are illustrative (generated, not published): they are marked
          in the data sources. Replace them with the consortium’s own figures before relying on costs or placement
          patterns.
        </p>
      )}
      <nav className="report-contents" aria-label="Contents">
        <h2 className="report-contents-title">Contents</h2>
        <ol>
          {sections.map((s) => (
            <li key={s.id}>{s.title}</li>
          ))}
        </ol>
      </nav>
    </section>
  );
}
