/**
 * The report's gap map: each member's gap in the horizon year on the map, with the table beside it.
 */
import { useMemo } from 'react';
import { probabilityFootnote } from '#renderer/models/evidenceModel.js';
import { ReportMap } from '../ReportMap';
import { gapByAuthority, type ReportData, type ReportSection } from '../reportModel';
import { Problem, Section } from './Section';

export function MapSection({ section, data }: { section: ReportSection; data: ReportData }) {
  const result = data.projection?.projection ?? null;
  const gaps = useMemo(() => (result ? gapByAuthority(result) : null), [result]);
  if (!result || !gaps) {
    return (
      <Section section={section}>
        <Problem>
          There is no gap to map without a projection{data.projectionProblem ? `: ${data.projectionProblem}` : '.'}
        </Problem>
      </Section>
    );
  }
  return (
    <Section section={section} className="report-map-section">
      <p>
        Where the consortium will be short of places by 31 March {gaps.year}: each member authority’s projected gap
        (beds needed for its own children − the places they can count on), median.
      </p>
      {data.mapData ? (
        <ReportMap summary={data.summary} projection={result} data={data.mapData} />
      ) : (
        <p className="report-note">
          The map cannot be drawn: {data.mapProblem ?? 'no map data'}. The table gives the figures.
        </p>
      )}
      <table className="report-table report-gap-table" data-testid="report-gap-table">
        <caption>
          Gap by authority, 31 March {gaps.year}, largest shortfall first: median, with the 80% range. The consortium’s
          gap is smaller than the sum of its members’ because consortium children can use places anywhere in it.
        </caption>
        <thead>
          <tr>
            <th scope="col">Authority</th>
            <th scope="col" className="num">
              Children
            </th>
            <th scope="col" className="num">
              Beds needed
            </th>
            <th scope="col" className="num">
              Accessible places
            </th>
            <th scope="col">Gap</th>
            <th scope="col">80% range</th>
            <th scope="col" className="num">
              Chance of being short
            </th>
          </tr>
        </thead>
        <tbody>
          {gaps.rows.map((r) => (
            <tr key={r.code} className={r.kind === 'consortium' ? 'report-row-total' : undefined}>
              <th scope="row">{r.name}</th>
              <td className="num">{r.children}</td>
              <td className="num">
                {r.beds} <span className="report-range-inline">({r.bedsRange})</span>
              </td>
              <td className="num">{r.accessible}</td>
              <td className={`report-gap report-gap-${r.gapKind}`}>{r.gap}</td>
              <td className="report-range-cell">{r.gapRange}</td>
              <td className="num report-chance">{r.chance}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="report-note">{probabilityFootnote(result.assumptions)}</p>
    </Section>
  );
}
