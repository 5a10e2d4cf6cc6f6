/**
 * Sensitivity of a scenario's five-year (horizon) cost and horizon-year bed gap, for the Compare
 * view's tornado: the scenario is run on the host with the plan's simulations, and its tornadoes come
 * from the shared engine (shared/scenario/costUncertainty.ts, shared/forecast/tornado.ts) — each
 * input at the ends of its stated range, not a fixed ±20% — with the sentences saying what drives
 * each answer. The same rows the renderer reads from a run's outcome.
 */
import type { CallResults } from '#shared/api/contract.js';
import { PlannerError } from '#shared/api/errors.js';
import { BASELINE_SCENARIO_ID, baselineScenario, runScenario, type Scenario } from '#shared/scenario/index.js';
import { sensitivityRows } from '#shared/scenario/costUncertainty.js';
import { readScenarios } from '../store/scenarioData.js';
import type { PlanService } from './planService.js';
import { buildContext } from './scenarioService.js';

/** The result, as the API contract defines it. */
export type SensitivityResult = CallResults['runSensitivity'];

export function runSensitivity(plans: PlanService, id: string): SensitivityResult {
  const scenario: Scenario | undefined =
    id === BASELINE_SCENARIO_ID ? baselineScenario() : plans.read((db) => readScenarios(db)).find((s) => s.id === id);
  if (!scenario) throw new PlannerError('NOT_FOUND', 'That scenario is not in this plan.');
  try {
    const outcome = runScenario(buildContext(plans, {}), scenario, { flows: false });
    const s = outcome.sensitivity;
    return {
      scenario: scenario.name,
      year: s?.year ?? outcome.years[outcome.years.length - 1]?.year ?? '',
      base: { cost: outcome.totals.cost.total, npv: outcome.npv.total, gap: outcome.totals.finalYearGap },
      sentences: { cost: s?.costSentence ?? '', gap: s?.gapSentence ?? '' },
      note: s?.costNote ?? '',
      bars: sensitivityRows(outcome),
    };
  } catch (error) {
    if (error instanceof PlannerError) throw error;
    throw new PlannerError('INVALID_ARGUMENT', (error as Error).message);
  }
}
