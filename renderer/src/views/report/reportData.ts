/**
 * Loads everything the report shows through the API. A part that fails (no projection for a plan
 * without history, a scenario that cannot run) is recorded with its reason, so the report still
 * renders and says what is missing rather than failing.
 */
import { PlannerError } from '#shared/api/errors.js';
import { api } from '../../api';
import { toShownError } from '../../app/usePlanController';
import { BASELINE_ID, chosenScenarios, type ReportData } from './reportModel';

export interface ReportRequest {
  /** Scenario ids to show (besides the baseline); null for the plan's first four. */
  scenarioIds: readonly string[] | null;
}

const reason = (error: unknown) => toShownError(error).message;

function settled<T>(result: PromiseSettledResult<T>): { value: T | null; problem: string | null } {
  return result.status === 'fulfilled'
    ? { value: result.value, problem: null }
    : { value: null, problem: reason(result.reason) };
}

export async function loadReportData(request: ReportRequest): Promise<ReportData> {
  const [appInfo, plan] = await Promise.all([api.getAppInfo({}).catch(() => null), api.getPlanState({})]);
  if (!plan.open) throw new PlannerError('NO_PLAN_OPEN', 'No plan is open: open a plan to see its report.');
  const summary = await api.getPlanSummary({});
  const [projection, list, mapData, imports] = await Promise.allSettled([
    api.getProjection({ method: 'rate', withBacktest: true }),
    api.listScenarios({}),
    api.getMapData({}),
    api.listImports({}),
  ]);
  const projected = settled(projection);
  const listed = settled(list);
  const map = settled(mapData);
  const scenarios = chosenScenarios(listed.value ?? [], request.scenarioIds);
  let scenarioRun: ReportData['scenarioRun'] = null;
  let scenarioProblem: string | null = listed.problem;
  if (projected.value) {
    try {
      scenarioRun = await api.runScenarios({ ids: scenarios.map((s) => s.id) });
    } catch (error) {
      scenarioProblem = reason(error);
    }
  } else {
    scenarioProblem = projected.problem;
  }
  return {
    generatedAt: new Date().toISOString(),
    appInfo,
    plan,
    summary,
    projection: projected.value,
    projectionProblem: projected.problem,
    scenarios,
    availableScenarios: (listed.value ?? []).filter((s) => s.editable && s.id !== BASELINE_ID),
    scenarioRun,
    scenarioProblem,
    mapData: map.value,
    mapProblem: map.problem,
    imports: imports.status === 'fulfilled' ? imports.value : [],
  };
}
