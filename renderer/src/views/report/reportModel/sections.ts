/**
 * Which sections the report has, with their titles, and what the plan is missing for it (each item
 * with what that means for the report and which import fills it). Pure, unit-tested.
 */
import type { ReportData } from './data';

export type ReportSectionId =
  'summary' | 'projection' | 'map' | 'scenarios' | 'comparison' | 'assumptions' | 'methodology' | 'sources' | 'missing';

export interface ReportSection {
  id: ReportSectionId;
  title: string;
}

/**
 * The report's sections after the cover, in order. The comparison needs at least one scenario
 * besides the baseline; "What this plan is missing" appears when the plan lacks data or a part of
 * the report could not be made.
 */
export function reportSections(
  data: Pick<ReportData, 'summary' | 'scenarioRun' | 'projectionProblem' | 'scenarioProblem' | 'mapProblem'>,
): ReportSection[] {
  const sections: ReportSection[] = [
    { id: 'summary', title: 'Summary' },
    { id: 'projection', title: 'Projection' },
    { id: 'map', title: 'Gap map' },
    { id: 'scenarios', title: 'Scenarios' },
  ];
  if ((data.scenarioRun?.outcomes.length ?? 0) > 0) sections.push({ id: 'comparison', title: 'Scenario comparison' });
  sections.push(
    { id: 'assumptions', title: 'Assumptions register' },
    { id: 'methodology', title: 'Methodology' },
    { id: 'sources', title: 'Data sources and licences' },
  );
  if (missingItems(data).length > 0) sections.push({ id: 'missing', title: 'What this plan is missing' });
  return sections;
}

export interface MissingItem {
  what: string;
  fillWith: string;
}

/** What the plan lacks (its data gaps) and any part of the report that could not be made. */
export function missingItems(
  data: Pick<ReportData, 'summary' | 'projectionProblem' | 'scenarioProblem' | 'mapProblem'>,
): MissingItem[] {
  const items: MissingItem[] = data.summary.gaps.map((g) => ({ what: g.message, fillWith: g.fillWith }));
  const fix = 'Import the missing figures (see above), or choose members with published figures.';
  if (data.projectionProblem) items.push({ what: `No projection: ${data.projectionProblem}`, fillWith: fix });
  if (data.scenarioProblem && data.scenarioProblem !== data.projectionProblem) {
    items.push({ what: `Scenarios could not be run: ${data.scenarioProblem}`, fillWith: fix });
  }
  if (data.mapProblem) items.push({ what: `No map data: ${data.mapProblem}`, fillWith: fix });
  return items;
}
