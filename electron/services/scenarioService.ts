/**
 * Co-commissioning scenarios: stored in the plan, run against the projection (allocation of
 * children to beds, costs, outcomes) and compared with the baseline. A stored scenario naming an
 * authority that is no longer a member (the members changed, or it was written for another
 * consortium) never fails a run: the rest still run, and it comes back as needing repair, with the
 * member nearest each such authority suggested in its place.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { CallResults } from '#shared/api/contract.js';
import { PlannerError } from '#shared/api/errors.js';
import {
  BASELINE_SCENARIO_ID,
  baselineScenario,
  nonMemberLevers,
  runScenarioSetChecked,
  scenarioContextFromPlan,
  ScenarioError,
  toWireContext,
  type RepairContext,
  type Scenario,
  type ScenarioContext,
} from '#shared/scenario/index.js';
import type { PlanData } from '#shared/model/summarise.js';
import type { PlanDatabase } from '../store/database.js';
import { readPlanData } from '../store/planData.js';
import { deleteScenario, readScenarios, writeScenario } from '../store/scenarioData.js';
import type { PlanService } from './planService.js';
import { runProjection } from './projectionService.js';
import { referenceAuthorities } from './reference.js';

export interface RunScenariosOptions {
  ids: string[];
  simulations?: number;
  seed?: number;
  horizonYears?: number;
}

interface AuthorityPlace {
  code: string;
  name: string;
  lat: number | null;
  lon: number | null;
  isMember: boolean;
}

/** The plan's local authorities with their centroids, read without the figures (for the scenario list). */
function readAuthorityPlaces(db: PlanDatabase): AuthorityPlace[] {
  const rows = db
    .prepare(
      "SELECT code, name, centroid_lat AS lat, centroid_lon AS lon, is_member FROM area WHERE level = 'Local authority'",
    )
    .all() as { code: string; name: string; lat: number | null; lon: number | null; is_member: number }[];
  return rows.map((r) => ({ code: r.code, name: r.name, lat: r.lat, lon: r.lon, isMember: r.is_member === 1 }));
}

/** The plan's authorities as places, from its data. */
function placesFromData(data: Pick<PlanData, 'areas'>): AuthorityPlace[] {
  return data.areas
    .filter((a) => a.level === 'Local authority')
    .map((a) => ({ code: a.code, name: a.name, lat: a.centroidLat, lon: a.centroidLon, isMember: a.isMember }));
}

/**
 * The plan's members and every other authority it or the reference list knows (names, and
 * centroids where the plan has them), for finding and repairing levers that name non-members.
 */
function repairContext(places: readonly AuthorityPlace[]): RepairContext {
  const place = ({ code, name, lat, lon }: AuthorityPlace) => ({ code, name, lat, lon });
  const known = new Set(places.map((a) => a.code));
  return {
    members: places.filter((a) => a.isMember).map(place),
    others: [
      ...places.filter((a) => !a.isMember).map(place),
      ...referenceAuthorities
        .filter((a) => !known.has(a.onsCode))
        .map((a) => ({ code: a.onsCode, name: a.name, lat: null, lon: null })),
    ],
  };
}

export function listScenarios(plans: PlanService): CallResults['listScenarios'] {
  const { stored, repair } = plans.read((db) => ({
    stored: readScenarios(db),
    repair: repairContext(readAuthorityPlaces(db)),
  }));
  return [
    { ...baselineScenario(), updatedAt: null, editable: false, nonMembers: [] },
    ...stored.map((s) => ({ ...s, editable: true, nonMembers: nonMemberLevers(s, repair) })),
  ];
}

export function saveScenario(plans: PlanService, scenario: Scenario) {
  if (scenario.id === BASELINE_SCENARIO_ID)
    throw new PlannerError('INVALID_ARGUMENT', 'The baseline cannot be edited: duplicate it instead.');
  plans.mutate((db) => writeScenario(db, scenario, new Date().toISOString()));
  return plans.currentState();
}

export function duplicateScenario(plans: PlanService, id: string, name: string) {
  const source =
    id === BASELINE_SCENARIO_ID ? baselineScenario() : plans.read((db) => readScenarios(db)).find((s) => s.id === id);
  if (!source) throw new PlannerError('NOT_FOUND', 'That scenario is not in this plan.');
  const copy: Scenario = {
    ...source,
    id: `scenario-${randomBytes(5).toString('hex')}`,
    name,
    levers: structuredClone(source.levers),
  };
  plans.mutate((db) => writeScenario(db, copy, new Date().toISOString()));
  return { id: copy.id, state: plans.currentState() };
}

export function removeScenario(plans: PlanService, id: string) {
  if (id === BASELINE_SCENARIO_ID) throw new PlannerError('INVALID_ARGUMENT', 'The baseline cannot be deleted.');
  const deleted = plans.mutate((db) => deleteScenario(db, id));
  if (!deleted) throw new PlannerError('NOT_FOUND', 'That scenario is not in this plan.');
  return plans.currentState();
}

/** Builds the scenario context for the plan as it stands (a projection with kept simulations, then the context). */
export function buildContext(plans: PlanService, options: Omit<RunScenariosOptions, 'ids'>): ScenarioContext {
  return buildContextAndData(plans, options).context;
}

function buildContextAndData(
  plans: PlanService,
  options: Omit<RunScenariosOptions, 'ids'>,
): { context: ScenarioContext; data: PlanData } {
  const { projection } = runProjection(plans, {
    method: 'rate',
    withBacktest: false,
    // The plan's own simulations and seed unless the call asks for others: the same as the
    // projection's, so the baseline's figures are the projection's.
    ...(options.simulations !== undefined ? { simulations: options.simulations } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    keepSamples: true,
    ...(options.horizonYears !== undefined ? { horizonYears: options.horizonYears } : {}),
  });
  const data = plans.read((db) => readPlanData(db, { summaryOnly: true }));
  return { context: withScenarioErrors(() => scenarioContextFromPlan(data, projection)), data };
}

/** Scenario-model errors as the API's INVALID_ARGUMENT, with the scenario's issues when it has them. */
function withScenarioErrors<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof ScenarioError) {
      throw new PlannerError('INVALID_ARGUMENT', error.message, { issues: error.issues });
    }
    throw new PlannerError('INVALID_ARGUMENT', (error as Error).message);
  }
}

/**
 * Runs the baseline and the chosen scenarios on one projection, and compares them with the
 * baseline. A scenario that cannot be run is returned in `needsRepair` with its issues (and, for
 * levers naming non-members, the member suggested for each) while the others run.
 */
export function runScenarios(plans: PlanService, options: RunScenariosOptions): Required<CallResults['runScenarios']> {
  const stored = plans.read((db) => readScenarios(db));
  const chosen = options.ids
    .filter((id) => id !== BASELINE_SCENARIO_ID)
    .map((id) => {
      const found = stored.find((s) => s.id === id);
      if (!found) throw new PlannerError('NOT_FOUND', `There is no scenario “${id}” in this plan.`);
      return found;
    });
  const { context, data } = buildContextAndData(plans, options);
  const { others } = repairContext(placesFromData(data));
  return withScenarioErrors(() => runScenarioSetChecked(context, chosen, {}, { places: { others: others ?? [] } }));
}

/**
 * The scenario context for the renderer's worker, which then runs scenarios itself as levers are
 * edited. The key is a digest of the context, so an unchanged plan gives an unchanged key.
 */
export function scenarioContext(
  plans: PlanService,
  options: Omit<RunScenariosOptions, 'ids'>,
): CallResults['getScenarioContext'] {
  const context = toWireContext(buildContext(plans, options));
  const key = createHash('sha256').update(JSON.stringify(context)).digest('hex').slice(0, 32);
  return { key, context };
}
