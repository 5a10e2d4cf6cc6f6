/**
 * What the report is made from (everything it shows, loaded once) and which scenarios it shows: the
 * plan's own by default, at most four besides the baseline. Pure, unit-tested.
 */
import type { AppInfo, CallResults, ImportLogEntry, MapData, OpenPlanState } from '#shared/api/contract.js';
import type { PlanSummary } from '#shared/model/summary.js';

export type ScenarioListItem = CallResults['listScenarios'][number];

/** Everything the report shows, loaded once; each part that could not be had says why. */
export interface ReportData {
  /** When the report was made (ISO timestamp). */
  generatedAt: string;
  appInfo: AppInfo | null;
  plan: OpenPlanState;
  summary: PlanSummary;
  projection: CallResults['getProjection'] | null;
  projectionProblem: string | null;
  /** The scenarios shown (never the baseline), in the order asked for. */
  scenarios: ScenarioListItem[];
  /** Every scenario stored in the plan besides the baseline. */
  availableScenarios: ScenarioListItem[];
  scenarioRun: CallResults['runScenarios'] | null;
  scenarioProblem: string | null;
  mapData: MapData | null;
  mapProblem: string | null;
  imports: ImportLogEntry[];
}

export const MAX_REPORT_SCENARIOS = 4;
export const BASELINE_ID = 'baseline';

// ---------- Scenarios chosen ----------

/** The scenarios a report shows by default: the plan's own (not the baseline), at most four. */
export function defaultScenarioIds(list: readonly Pick<ScenarioListItem, 'id' | 'editable'>[]): string[] {
  return list
    .filter((s) => s.editable && s.id !== BASELINE_ID)
    .map((s) => s.id)
    .slice(0, MAX_REPORT_SCENARIOS);
}

/** The asked-for ids that exist in the plan, in order, without the baseline or repeats, at most four. */
export function chosenScenarios(list: readonly ScenarioListItem[], ids: readonly string[] | null): ScenarioListItem[] {
  const wanted = ids ?? defaultScenarioIds(list);
  const seen = new Set<string>();
  const out: ScenarioListItem[] = [];
  for (const id of wanted) {
    if (id === BASELINE_ID || seen.has(id)) continue;
    const found = list.find((s) => s.id === id);
    if (!found) continue;
    seen.add(id);
    out.push(found);
  }
  return out.slice(0, MAX_REPORT_SCENARIOS);
}
