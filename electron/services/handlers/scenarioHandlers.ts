/** The API calls for co-commissioning scenarios (stored, run, compared, their sensitivity), bound to their services. */
import type { PlannerHandlers } from '#shared/api/contract.js';
import type { PlanService } from '../planService.js';
import {
  duplicateScenario,
  listScenarios,
  removeScenario,
  runScenarios,
  saveScenario,
  scenarioContext,
} from '../scenarioService.js';
import { runSensitivity } from '../sensitivityService.js';

export type ScenarioCalls =
  | 'listScenarios'
  | 'saveScenario'
  | 'duplicateScenario'
  | 'deleteScenario'
  | 'runScenarios'
  | 'runSensitivity'
  | 'getScenarioContext';

export function scenarioHandlers(plans: PlanService): Pick<PlannerHandlers, ScenarioCalls> {
  return {
    listScenarios: () => listScenarios(plans),
    saveScenario: ({ scenario }) => saveScenario(plans, scenario),
    duplicateScenario: ({ id, name }) => duplicateScenario(plans, id, name),
    deleteScenario: ({ id }) => removeScenario(plans, id),
    runScenarios: (args) => runScenarios(plans, args),
    runSensitivity: ({ id }) => runSensitivity(plans, id),
    getScenarioContext: (args) => scenarioContext(plans, args),
  };
}
