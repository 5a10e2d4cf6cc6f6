/**
 * Where the consortium should open homes, for the plan as it stands: the projection with its kept
 * simulations (the plan's own number and seed unless the call gives others), the scenario context,
 * then the optimiser (../../shared/recommend). Bad options come back as INVALID_ARGUMENT with the
 * optimiser's own message.
 */
import { PlannerError } from '#shared/api/errors.js';
import { RecommendError, recommend, type Recommendation, type RecommendOptions } from '#shared/recommend/index.js';
import { scenarioContextFromPlan, ScenarioError } from '#shared/scenario/index.js';
import { readPlanData } from '../store/planData.js';
import type { PlanService } from './planService.js';
import { runProjection } from './projectionService.js';

export interface RecommendForPlanOptions extends Omit<RecommendOptions, 'simulations' | 'searchPaths'> {
  /** Simulations the projection keeps (default the plan's own). */
  simulations?: number;
  seed?: number;
}

export function recommendForPlan(plans: PlanService, options: RecommendForPlanOptions): Recommendation {
  const { simulations, seed, ...rest } = options;
  const { projection } = runProjection(plans, {
    method: 'rate',
    withBacktest: false,
    ...(simulations !== undefined ? { simulations } : {}),
    ...(seed !== undefined ? { seed } : {}),
    keepSamples: true,
  });
  const data = plans.read((db) => readPlanData(db, { summaryOnly: true }));
  try {
    return recommend(scenarioContextFromPlan(data, projection), rest);
  } catch (error) {
    if (error instanceof RecommendError || error instanceof ScenarioError) {
      throw new PlannerError('INVALID_ARGUMENT', error.message);
    }
    throw error;
  }
}
