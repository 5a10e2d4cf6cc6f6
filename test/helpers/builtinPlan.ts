/** The built-in Greater Manchester dataset (resources/dataset) as the plan data the domain takes. */
import builtin from '../../resources/dataset/builtin-gm.json';
import type { BuiltInDataset } from '../../shared/model/dataset.js';
import type { PlanData } from '../../shared/model/summarise.js';

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
