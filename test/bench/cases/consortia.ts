/**
 * Any consortium, on the real built-in national data: a new plan for a 10-authority consortium
 * (seeding, example scenarios), all of England (every upper-tier authority) projected with 1,000
 * joint simulations, and an England scenario recompute as the Scenarios view's worker does it
 * (the context fetched once; each lever edit runs the scenario on it).
 */
import path from 'node:path';
import { PlanService } from '#electron/services/planService.js';
import { builtInTemplate } from '#electron/services/template.js';
import { readPlanData } from '#electron/store/planData.js';
import { project, projectionInputsFromPlan } from '#shared/forecast/index.js';
import { consortiumPresets } from '#shared/model/consortia.js';
import { exampleScenarios, runScenario, scenarioContextFromPlan } from '#shared/scenario/index.js';
import type { BenchContext, BenchSuite } from '../types.js';

export function suite(context: BenchContext): BenchSuite {
  const presets = consortiumPresets(builtInTemplate.areas);
  const england = presets.find((p) => p.id === 'england');
  // ten authorities of the largest region, as a typical Regional Care Co-operative
  const region = presets.filter((p) => p.kind === 'region').sort((a, b) => b.members.length - a.members.length)[0];
  if (!england || !region || region.members.length < 10) {
    return { cases: [], skipReason: 'the built-in dataset holds no region of ten or more authorities' };
  }
  const ten = { name: `Ten ${region.name} authorities`, members: region.members.slice(0, 10) };
  const service = new PlanService({
    dataDir: path.join(context.tmpDir, 'consortia-data'),
    template: builtInTemplate,
    autosaveIntervalMs: 0,
  });
  service.newPlan({ name: england.name, members: england.members });
  const englandData = service.read((db) => readPlanData(db));
  const englandInputs = projectionInputsFromPlan(englandData);
  const englandProjection = project(englandInputs, { method: 'rate', simulations: 1000, seed: 1, keepSamples: true });
  const englandContext = scenarioContextFromPlan(englandData, englandProjection);
  const scenario = exampleScenarios(englandData)[0];
  if (!scenario) return { cases: [], skipReason: 'no example scenario could be made for England' };
  return {
    cases: [
      {
        name: `new plan: 10-authority consortium (${region.name}), with example scenarios`,
        runs: 10,
        target: 1000,
        run: () => service.newPlan(ten),
      },
      {
        name: `projection: all England (${england.members.length} authorities), 1,000 simulations`,
        runs: 5,
        target: 1000,
        run: () => project(englandInputs, { method: 'rate', simulations: 1000, seed: 1, keepSamples: true }),
      },
      {
        name: `scenario recompute: all England (${england.members.length} authorities), context ready`,
        runs: 20,
        target: 200,
        run: () => runScenario(englandContext, scenario),
      },
    ],
    teardown: () => service.dispose(),
  };
}
