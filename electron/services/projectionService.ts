/**
 * Bed-need projections from the open plan: reads its members' history, population (estimates and
 * any imported ONS projections) and supply, and runs shared/forecast.
 */
import type { CallArgs, CallResults } from '#shared/api/contract.js';
import { PlannerError } from '#shared/api/errors.js';
import {
  backtest,
  defaultSettings,
  project,
  projectionInputsFromPlan,
  type BacktestOptions,
  type BacktestResult,
  type NationalPanel,
  type ProjectionInputs,
  type SupplyChange,
} from '#shared/forecast/index.js';
import type { PlanDatabase } from '../store/database.js';
import { readAssumptions, readPlanDataWithPanel, readSupply, readSupplyChanges } from '../store/planData.js';
import type { PlanData } from '#shared/model/summarise.js';
import type { SupplyRow } from '#shared/model/supply.js';
import { attachSupplyProjection, type SupplyPool } from '#shared/supply/forecastSupply.js';
import { SUPPLY_MOVEMENT_KEY } from '#shared/supply/projectSupply/index.js';
import type { PlanService } from './planService.js';
import { forecastSupplyChanges as supplyChangesForForecast } from '#shared/supply/accessible.js';

/** Imported ONS projections by LA code and year. */
export function readPopulationProjections(db: PlanDatabase): Record<string, Record<string, number>> {
  const rows = db.prepare('SELECT area_code, year, population_0_to_17 AS value FROM population_projection').all() as {
    area_code: string;
    year: number;
    value: number;
  }[];
  const byArea: Record<string, Record<string, number>> = {};
  for (const r of rows) (byArea[r.area_code] ??= {})[String(r.year)] = r.value;
  return byArea;
}

/** The last national panel seen, so that an unchanged panel keeps its identity (and its cached backtest). */
let lastPanel: { key: string; panel: NationalPanel } | null = null;

function stablePanel(panel: NationalPanel): NationalPanel {
  if (lastPanel?.panel === panel) return panel; // the same panel made again from the same figures
  const key = JSON.stringify([
    panel.series,
    panel.years,
    panel.areas.map((a) => [a.code, a.group, [...a.values], [...a.population]]),
  ]);
  if (lastPanel?.key === key) return lastPanel.panel;
  lastPanel = { key, panel };
  return panel;
}

/** The last supply projection attached, by what it depends on (members' snapshot, pool, base year). */
let lastSupply: {
  key: string;
  projected: Map<string, AreaSupplyProjected>;
  extra: Pick<ProjectionInputs, 'assumptions' | 'warnings'>;
} | null = null;
type AreaSupplyProjected = NonNullable<ProjectionInputs['areas'][number]['supply']['projected']>;

/** attachSupplyProjection, reusing the previous result while its inputs are unchanged (it simulates every member). */
function attachSupplyProjectionCached(inputs: ProjectionInputs, pool: SupplyPool, netChange?: number): void {
  const key = JSON.stringify([
    netChange ?? null,
    inputs.baseYear,
    inputs.areas.map((a) => [a.code, a.supply.period, a.supply.basis, a.supply.registeredPlaces, a.supply.laRunPlaces]),
    pool.supply.length,
    pool.supply.reduce((s, r) => s + r.registeredPlaces, 0),
    pool.movements,
  ]);
  if (lastSupply?.key !== key) {
    const before = { assumptions: inputs.assumptions.length, warnings: inputs.warnings.length };
    attachSupplyProjection(inputs, pool, netChange !== undefined ? { netChangePerYear: netChange } : {});
    lastSupply = {
      key,
      projected: new Map(inputs.areas.flatMap((a) => (a.supply.projected ? [[a.code, a.supply.projected]] : []))),
      extra: {
        assumptions: inputs.assumptions.slice(before.assumptions),
        warnings: inputs.warnings.slice(before.warnings),
      },
    };
    return;
  }
  for (const a of inputs.areas) {
    const projected = lastSupply.projected.get(a.code);
    if (projected) a.supply.projected = projected;
  }
  inputs.assumptions.push(...lastSupply.extra.assumptions);
  inputs.warnings.push(...lastSupply.extra.warnings);
}

/** What projectionInputs reads from the plan besides its assumption values. */
interface PlanReads {
  data: Omit<PlanData, 'assumptions'>;
  populationProjections: Record<string, Record<string, number>>;
  supply: SupplyRow[];
  supplyChanges: ReturnType<typeof readSupplyChanges>;
}

/** The last plan reads, by the plan's data version (an assumption change leaves them valid). */
let lastReads: { version: ReturnType<PlanService['dataVersion']>; reads: PlanReads } | null = null;

/**
 * Everything projectionInputs reads from the plan: reused while the plan's data other than its
 * assumption values is unchanged (reading every authority's figures for the national panel is
 * most of the time an assumption change would otherwise take); the assumptions are read each time.
 */
function planReads(plans: PlanService, db: PlanDatabase): PlanReads & { data: PlanData } {
  const version = plans.dataVersion();
  if (lastReads?.version.db !== version.db || lastReads.version.changes !== version.changes) {
    // Members' figures, plus every authority's for the national panel the default method is chosen on.
    const { assumptions: _assumptions, ...data } = readPlanDataWithPanel(db);
    lastReads = {
      version,
      reads: {
        data,
        populationProjections: readPopulationProjections(db),
        supply: readSupply(db),
        supplyChanges: readSupplyChanges(db),
      },
    };
  }
  const { reads } = lastReads;
  return { ...reads, data: { ...reads.data, assumptions: readAssumptions(db) } };
}

export function projectionInputs(plans: PlanService): ProjectionInputs {
  return plans.read((db) => {
    try {
      const reads = planReads(plans, db);
      const { data } = reads;
      const inputs = projectionInputsFromPlan(data, { populationProjections: reads.populationProjections });
      if (inputs.national) inputs.national = stablePanel(inputs.national);
      // Baseline supply moves by the plan's children's homes openings and closures (Ofsted joiners and leavers).
      const netChange = data.assumptions.find((a) => a.key === SUPPLY_MOVEMENT_KEY)?.value;
      attachSupplyProjectionCached(
        inputs,
        { supply: reads.supply, movements: data.supplyMovements ?? [], areas: data.areas },
        netChange,
      );
      return inputs;
    } catch (error) {
      throw new PlannerError('INVALID_ARGUMENT', (error as Error).message);
    }
  });
}

/**
 * The plan's local supply changes as the forecast takes them, by the supply-access rule
 * (shared/supply/accessible.ts).
 */
export function forecastSupplyChanges(plans: PlanService, openMarketAccessShare: number): SupplyChange[] {
  return supplyChangesForForecast(
    plans.read((db) => planReads(plans, db).supplyChanges),
    openMarketAccessShare,
  );
}

/**
 * Settings that act on beds, places and the gap only: the backtest compares forecasts of children
 * (demand) with what happened, so they do not change it.
 */
const BEDS_ONLY_SETTINGS = new Set<string>([
  'targetOccupancy',
  'needTypeShares',
  'openMarketAccessShare',
  'consortiumOpenMarketAccessShare',
  'contractedPlaces',
  'supplyChanges',
  'keepSamples',
]);

/** The last backtest worked out, by everything it depends on (see {@link backtestKey}). */
let lastBacktest: { key: string; national: NationalPanel | undefined; result: BacktestResult } | null = null;

/**
 * What the backtest depends on: the inputs and options less supply, placements, the assumption
 * and warning notes and the beds-only settings (which it reads only for the beds figures it drops).
 * Anything else, including anything added to the inputs later, is in the key. The national panel
 * is compared by identity (stablePanel keeps an unchanged panel's identity).
 */
function backtestKey(inputs: ProjectionInputs, options: BacktestOptions): string {
  const omit = (o: object) => Object.fromEntries(Object.entries(o).filter(([k]) => !BEDS_ONLY_SETTINGS.has(k)));
  const { areas, planSettings, assumptions: _a, warnings: _w, placements: _p, national: _n, ...rest } = inputs;
  return JSON.stringify([rest, areas.map(({ supply: _s, ...area }) => area), omit(planSettings), omit(options)]);
}

/**
 * backtest(), reusing the last result while nothing it depends on has changed: an assumption such as
 * the target occupancy moves the projection's beds, not the backtest of its demand.
 */
export function backtestCached(inputs: ProjectionInputs, options: BacktestOptions): BacktestResult {
  const key = backtestKey(inputs, options);
  if (lastBacktest?.key === key && lastBacktest.national === inputs.national) return lastBacktest.result;
  const result = backtest(inputs, options);
  lastBacktest = { key, national: inputs.national, result };
  return result;
}

export function runProjection(
  plans: PlanService,
  args: CallArgs<'getProjection'> & { method: 'rate' | 'manual'; withBacktest: boolean; keepSamples?: boolean },
): CallResults['getProjection'] {
  const inputs = projectionInputs(plans);
  const access = inputs.planSettings.openMarketAccessShare ?? defaultSettings.openMarketAccessShare;
  const supplyChanges = forecastSupplyChanges(plans, access);
  const options = {
    ...(supplyChanges.length ? { supplyChanges } : {}),
    method: args.method,
    // The plan's own horizon unless the call asks for another.
    horizonYears: args.horizonYears ?? plans.horizonYears(),
    ...(args.simulations !== undefined ? { simulations: args.simulations } : {}),
    ...(args.seed !== undefined ? { seed: args.seed } : {}),
    ...(args.manualGrowth ? { manualGrowth: args.manualGrowth } : {}),
    ...(args.keepSamples ? { keepSamples: true } : {}),
  };
  try {
    return {
      projection: project(inputs, options),
      backtest: args.withBacktest
        ? backtestCached(inputs, { ...options, simulations: Math.min(options.simulations ?? 500, 500) })
        : null,
    };
  } catch (error) {
    throw new PlannerError('INVALID_ARGUMENT', (error as Error).message);
  }
}
