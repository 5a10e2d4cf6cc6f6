/**
 * The worked example scenarios a new plan starts with: Greater Manchester's own two when the members
 * are exactly the ten GM councils, else examples made for the plan's own members. The plan service
 * seeds them when it makes a plan; this module reads and writes the plan's store only, so the plan
 * service does not load the scenario service (nor it the plan service: no import circle).
 */
import { isExactlyGreaterManchester } from '#shared/model/consortia.js';
import { builtInScenarios } from '#shared/scenario/builtin.js';
import { exampleScenarios } from '#shared/scenario/examples.js';
import type { PlanDatabase } from '../store/database.js';
import { readPlanData } from '../store/planData.js';
import { writeScenario } from '../store/scenarioData.js';

export function seedExampleScenarios(db: PlanDatabase, now: string): void {
  const data = readPlanData(db, { summaryOnly: true });
  const members = data.areas.filter((a) => a.isMember).map((a) => a.code);
  const examples = isExactlyGreaterManchester(members) ? builtInScenarios() : exampleScenarios(data);
  for (const scenario of examples) writeScenario(db, scenario, now);
}
