/**
 * The Greater Manchester plan the first builds shipped (ten GM members, illustrative flows and unit
 * costs, 2025 figures), frozen as a fixture: a fixed, realistic plan for domain tests and benchmarks.
 */
import builtin from '../fixtures/gm-plan-illustrative-2025.json';
import type { BuiltInDataset } from '#shared/model/dataset.js';
import type { PlanData } from '#shared/model/summarise.js';

export function builtInPlanData(): PlanData {
  const dataset = builtin as unknown as BuiltInDataset;
  return {
    consortiumName: dataset.consortiumName,
    areas: dataset.areas,
    observations: dataset.observations,
    sources: dataset.sources,
    supply: dataset.supply,
    flows: dataset.flows,
    unitCosts: dataset.unitCosts,
    assumptions: dataset.assumptions,
  };
}
