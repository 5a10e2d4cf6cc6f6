/**
 * The report as one React document: the cover, then each section in print order. Each section is
 * its own component in ./sections; the figures and words come from ./reportModel.
 */
import { useMemo, type ComponentType } from 'react';
import { reportSections, type ReportData, type ReportSection, type ReportSectionId } from './reportModel';
import { Cover } from './sections/Cover';
import { SummarySection } from './sections/SummarySection';
import { ProjectionSection } from './sections/ProjectionSection';
import { MapSection } from './sections/MapSection';
import { ScenariosSection } from './sections/ScenariosSection';
import { ComparisonSection } from './sections/ComparisonSection';
import { AssumptionsSection } from './sections/AssumptionsSection';
import { MethodologySection } from './sections/MethodologySection';
import { SourcesSection } from './sections/SourcesSection';
import { MissingSection } from './sections/MissingSection';

export interface ReportDocumentProps {
  data: ReportData;
  /** True when the report is the whole page (print mode): the cover title is then the page's h1. */
  standalone: boolean;
}

/**
 * The report as one document: cover, summary, projection, gap map, scenarios and their comparison,
 * assumptions, methodology, sources and what the plan is missing. Every chart is an inline SVG (a
 * vector in the PDF); the print stylesheet starts each section on a new A4 page.
 */
export function ReportDocument({ data, standalone }: ReportDocumentProps) {
  const sections = useMemo(() => reportSections(data), [data]);
  return (
    <article className="report-document" data-testid="report-document" aria-label="Report">
      <Cover data={data} sections={sections} standalone={standalone} />
      {sectionOrder.map(([id, Section]) => {
        const section = sections.find((s) => s.id === id);
        return section ? <Section key={id} section={section} data={data} /> : null;
      })}
    </article>
  );
}

/** The sections after the cover, in the order they are printed. */
const sectionOrder: readonly [ReportSectionId, ComponentType<{ section: ReportSection; data: ReportData }>][] = [
  ['summary', SummarySection],
  ['projection', ProjectionSection],
  ['map', MapSection],
  ['scenarios', ScenariosSection],
  ['comparison', ComparisonSection],
  ['assumptions', AssumptionsSection],
  ['methodology', MethodologySection],
  ['sources', SourcesSection],
  ['missing', MissingSection],
];
