/**
 * The report's projection: the consortium's fan chart and its key, the beds-versus-places table
 * (year 0 first), the base-year panel, the gap tornado and the notes on the chance of being short.
 */
import { useMemo } from 'react';
import { FanChart } from '#renderer/charts/fan/FanChart.js';
import { BaseYearPanel } from '#renderer/panels/BaseYearPanel.js';
import { openMarketShares } from '#renderer/models/baseYearModel.js';
import { sensitivityFromOutcome } from '#renderer/models/sensitivity.js';
import { GapTornado } from '#renderer/panels/GapTornado.js';
import { baseYearRow, buildYearRows } from '#renderer/models/projectionModel.js';
import { probabilityFootnote } from '#renderer/models/evidenceModel.js';
import type { ReportData, ReportSection } from '../reportModel';
import { Problem, Section } from './Section';
import { YearTable } from './YearTable';

function ProjectionKey() {
  return (
    <ul className="report-chart-key" aria-label="Key">
      <li>
        <svg viewBox="0 0 28 12" aria-hidden="true">
          <line x1="2" x2="26" y1="6" y2="6" className="report-key-history" />
          <circle cx="14" cy="6" r="3" className="report-key-history-dot" />
        </svg>
        Observed children
      </li>
      <li>
        <svg viewBox="0 0 28 12" aria-hidden="true">
          <rect x="2" y="1" width="24" height="10" className="report-key-band" />
          <line x1="2" x2="26" y1="6" y2="6" className="report-key-median" />
        </svg>
        Projected children: median and 80% range
      </li>
      <li>
        <svg viewBox="0 0 28 12" aria-hidden="true">
          <line x1="2" x2="26" y1="6" y2="6" className="report-key-beds" />
        </svg>
        Beds needed (median)
      </li>
      <li>
        <svg viewBox="0 0 28 12" aria-hidden="true">
          <line x1="2" x2="26" y1="6" y2="6" className="report-key-places" />
        </svg>
        Accessible places
      </li>
    </ul>
  );
}

export function ProjectionSection({ section, data }: { section: ReportSection; data: ReportData }) {
  const result = data.projection?.projection ?? null;
  const rows = useMemo(() => {
    if (!result) return [];
    // Year 0 first: the latest observed position by the same definitions.
    const base = baseYearRow(result.consortium);
    return [
      ...(base ? [{ ...base, year: `${base.year} (observed, year 0)` }] : []),
      ...buildYearRows(result.consortium),
    ];
  }, [result]);
  if (!result) {
    return (
      <Section section={section}>
        <Problem>No projection could be made for this plan: {data.projectionProblem ?? 'no reason was given.'}</Problem>
      </Section>
    );
  }
  const { consortium } = result;
  return (
    <Section section={section} className="report-projection">
      <p>
        Children from {data.summary.consortium.name} needing a place in a secure or children’s home on 31 March,
        observed to {result.baseYear} and projected to {result.years.at(-1)}, with the beds they need and the places
        they can count on. The shaded band is the 80% range: in eight simulations out of ten the number fell inside it.
      </p>
      <figure className="report-figure">
        <FanChart area={consortium} testId="report-fan-chart" />
        <figcaption>
          <ProjectionKey />
        </figcaption>
      </figure>
      <YearTable
        className="report-table report-beds-table"
        testId="report-beds-table"
        caption={
          <>
            Beds needed against places, {consortium.name}: median and 80% range. Gap = beds needed − accessible places.
          </>
        }
        columns={
          <>
            <th scope="col" className="num">
              Children
            </th>
            <th scope="col" className="num">
              Beds needed
            </th>
            <th scope="col" className="num">
              Mainstream / solo or complex
            </th>
            <th scope="col" className="num">
              Registered places
            </th>
            <th scope="col" className="num">
              Accessible places
            </th>
            <th scope="col">Gap</th>
            <th scope="col" className="num">
              Chance of being short
            </th>
          </>
        }
        rows={rows}
        cells={(r) => (
          <>
            <td className="num">
              {r.demandP50}
              <span className="report-range">{r.demandRange}</span>
            </td>
            <td className="num">
              {r.bedsP50}
              <span className="report-range">{r.bedsRange}</span>
            </td>
            <td className="num">
              {r.mainstreamP50} / {r.soloComplexP50}
            </td>
            <td className="num">{r.registeredPlaces}</td>
            <td className="num">{r.accessiblePlaces}</td>
            <td className={`report-gap report-gap-${r.gap.kind}`}>
              {r.gap.text}
              <span className="report-range">{r.gapRange}</span>
            </td>
            <td className="num">{r.probability}</td>
          </>
        )}
      />
      <BaseYearPanel
        area={consortium}
        targetOccupancy={result.assumptions.find((a) => a.key === 'targetOccupancy')?.value}
        variant="print"
        reconciliation={result.reconciliation?.at(-1)}
        shares={openMarketShares(result)}
        accessShares={result.accessShares}
      />
      <GapTornado
        result={result}
        variant="print"
        cost={data.scenarioRun ? sensitivityFromOutcome(data.scenarioRun.baseline) : null}
      />
      <p className="report-note" data-testid="report-probability-note">
        {probabilityFootnote(result.assumptions, 'consortium')}
      </p>
      {result.warnings.length > 0 && (
        <ul className="report-notes">
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </Section>
  );
}
