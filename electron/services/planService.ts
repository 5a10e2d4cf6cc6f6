/**
 * The open plan: a working SQLite copy that the app edits, saved atomically to the user's
 * `*.ccplan` file on Save. The file on disk changes only when the user saves.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuthorityChoice, MapData, OpenPlanState, PlanState } from '../../shared/api/contract.js';
import { readMapData } from '../store/mapData.js';
import { writeTemplateWorkbook } from './templateWorkbook.js';
import { seedBuiltInScenarios } from './scenarioService.js';
import { PlannerError } from '../../shared/api/errors.js';
import type { BuiltInDataset } from '../../shared/model/dataset.js';
import { defaultSettings, planAssumptionKeys } from '../../shared/forecast/index.js';
import { settingsAssumptions, trendDampingAssumption } from '../../shared/forecast/settings.js';
import { summarisePlan } from '../../shared/model/summarise.js';
import type { PlanSummary } from '../../shared/model/summary.js';
import {
  configureWorkingDatabase,
  migrate,
  openDatabase,
  schemaVersion,
  type PlanDatabase,
} from '../store/database.js';
import {
  getMeta,
  observationCounts,
  readSupplyChanges,
  readPlanData,
  seedFromDataset,
  setMembership,
  setMeta,
} from '../store/planData.js';
import {
  PLAN_EXTENSION,
  newWorkingPath,
  openPlanCopy,
  removeStaleSaveFiles,
  savePlanAtomically,
} from '../store/planFile.js';
import { RecentPlans } from './recentPlans.js';

export const UNTITLED_PLAN_NAME = 'Untitled plan';

/** Ranges for the assumptions the forecast reads, so a typo cannot produce nonsense. */
const assumptionRanges: Record<string, { label: string; min: number; max: number }> = {
  [planAssumptionKeys.targetOccupancy]: { label: 'Target occupancy', min: 0.5, max: 1 },
  [planAssumptionKeys.openMarketAccessShare]: { label: 'The open-market access share', min: 0, max: 1 },
  [planAssumptionKeys.consortiumOpenMarketAccessShare]: {
    label: 'The consortium open-market access share',
    min: 0,
    max: 1,
  },
  [planAssumptionKeys.trendDamping]: { label: 'Trend damping', min: 0.01, max: 1 },
  [planAssumptionKeys.soloComplexShare]: { label: 'The solo/complex share', min: 0, max: 1 },
  discountRate: { label: 'The discount rate', min: 0, max: 0.2 },
};

/** The forecast's own assumptions (label, unit, rationale), for adding one the plan lacks. */
function forecastAssumptionTemplates() {
  const list = [...settingsAssumptions(defaultSettings), trendDampingAssumption(defaultSettings)];
  const solo = list.find((a) => a.key === 'needTypeShare.soloComplex');
  return [...list, ...(solo ? [{ ...solo, key: planAssumptionKeys.soloComplexShare }] : [])];
}

function currentUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown user';
  }
}

interface OpenPlan {
  db: PlanDatabase;
  workingPath: string;
  filePath: string | null;
  dirty: boolean;
}

export interface PlanServiceOptions {
  /** Folder for working copies and the recent-plans list. */
  dataDir: string;
  template: BuiltInDataset;
}

/** Adds the plan extension when the user left it off. */
export function withPlanExtension(filePath: string): string {
  return filePath.toLowerCase().endsWith(PLAN_EXTENSION) ? filePath : `${filePath}${PLAN_EXTENSION}`;
}

export class PlanService {
  private current: OpenPlan | null = null;
  readonly recent: RecentPlans;
  private readonly workDir: string;

  constructor(private readonly options: PlanServiceOptions) {
    this.recent = new RecentPlans(path.join(options.dataDir, 'recent-plans.json'));
    this.workDir = path.join(options.dataDir, 'working');
  }

  state(): PlanState {
    const plan = this.current;
    if (!plan) return { open: false };
    return this.openState(plan);
  }

  private openState(plan: OpenPlan): OpenPlanState {
    return {
      open: true,
      name: plan.filePath ? path.basename(plan.filePath, PLAN_EXTENSION) : UNTITLED_PLAN_NAME,
      path: plan.filePath,
      untitled: plan.filePath === null,
      dirty: plan.dirty,
      consortiumName: getMeta(plan.db, 'consortium_name') ?? 'Consortium',
      schemaVersion: schemaVersion(plan.db),
    };
  }

  private requireOpen(): OpenPlan {
    if (!this.current) throw new PlannerError('NO_PLAN_OPEN', 'No plan is open. Create a new plan or open one.');
    return this.current;
  }

  private replaceCurrent(next: OpenPlan | null): void {
    const previous = this.current;
    this.current = next;
    if (previous) this.discardWorkingCopy(previous);
  }

  private discardWorkingCopy(plan: OpenPlan): void {
    plan.db.close();
    for (const p of [plan.workingPath, `${plan.workingPath}-wal`, `${plan.workingPath}-shm`]) {
      fs.rmSync(p, { force: true });
    }
  }

  /** A new untitled plan from the built-in template. */
  newPlan(): OpenPlanState {
    const workingPath = newWorkingPath(this.workDir);
    const db = openDatabase(workingPath);
    try {
      configureWorkingDatabase(db);
      migrate(db);
      seedFromDataset(db, this.options.template, new Date().toISOString());
      // The built-in illustrative scenarios come with the Greater Manchester template only.
      if (this.options.template.id === 'gm-builtin')
        db.transaction(() => seedBuiltInScenarios(db, new Date().toISOString()))();
    } catch (error) {
      db.close();
      fs.rmSync(workingPath, { force: true });
      throw error;
    }
    const plan: OpenPlan = { db, workingPath, filePath: null, dirty: false };
    this.replaceCurrent(plan);
    return this.openState(plan);
  }

  /** Opens a plan file; on failure the current plan stays open and nothing changes on disk. */
  openPlan(filePath: string): OpenPlanState {
    const resolved = path.resolve(filePath);
    removeStaleSaveFiles(resolved);
    const workingPath = newWorkingPath(this.workDir);
    const db = openPlanCopy(resolved, workingPath);
    const plan: OpenPlan = { db, workingPath, filePath: resolved, dirty: false };
    this.replaceCurrent(plan);
    this.recent.touch(resolved);
    return this.openState(plan);
  }

  save(): OpenPlanState {
    const plan = this.requireOpen();
    if (!plan.filePath) {
      throw new PlannerError('NEEDS_PATH', 'This plan has not been saved yet: choose where to save it.');
    }
    savePlanAtomically(plan.db, plan.filePath);
    plan.dirty = false;
    this.recent.touch(plan.filePath);
    return this.openState(plan);
  }

  saveAs(filePath: string): OpenPlanState {
    const plan = this.requireOpen();
    const target = withPlanExtension(path.resolve(filePath));
    savePlanAtomically(plan.db, target);
    plan.filePath = target;
    plan.dirty = false;
    this.recent.touch(target);
    return this.openState(plan);
  }

  close(): PlanState {
    this.replaceCurrent(null);
    return { open: false };
  }

  summary(): PlanSummary {
    const plan = this.requireOpen();
    return summarisePlan(readPlanData(plan.db, { summaryOnly: true }), this.openState(plan).name);
  }

  renameConsortium(name: string): OpenPlanState {
    const plan = this.requireOpen();
    plan.db.transaction(() => setMeta(plan.db, 'consortium_name', name))();
    plan.dirty = true;
    return this.openState(plan);
  }

  /** Every local authority in the plan, members first, with how many figures the plan holds for each. */
  listAuthorities(): AuthorityChoice[] {
    const plan = this.requireOpen();
    const counts = observationCounts(plan.db);
    return readPlanData(plan.db)
      .areas.filter((a) => a.level === 'Local authority')
      .map((a) => ({
        onsCode: a.code,
        dfeCode: a.dfeCode,
        name: a.name,
        regionName: a.regionName,
        isMember: a.isMember,
        observationCount: counts.get(a.code) ?? 0,
      }))
      .sort((a, b) => Number(b.isMember) - Number(a.isMember) || a.name.localeCompare(b.name, 'en-GB'));
  }

  /** Changes the consortium's members; totals follow because summaries are computed from members. */
  setMembership(codes: readonly string[]): OpenPlanState {
    const plan = this.requireOpen();
    const unknown = setMembership(plan.db, codes);
    if (unknown.length) {
      throw new PlannerError('INVALID_ARGUMENT', `Not a local authority in this plan: ${unknown.join(', ')}.`, {
        unknown,
      });
    }
    plan.dirty = true;
    return this.openState(plan);
  }

  /** Runs a read against the open plan. */
  read<T>(fn: (db: PlanDatabase) => T): T {
    return fn(this.requireOpen().db);
  }

  /** Runs a change in one immediate transaction (all or nothing) and marks the plan unsaved. */
  mutate<T>(fn: (db: PlanDatabase) => T): T {
    const plan = this.requireOpen();
    const result = plan.db.transaction(fn).immediate(plan.db);
    plan.dirty = true;
    return result;
  }

  currentState(): OpenPlanState {
    return this.openState(this.requireOpen());
  }

  /**
   * Changes one assumption in the plan's register (keeping its label, unit and rationale) and
   * records who changed it and when. Assumptions the forecast reads but the plan lacks are added
   * with the forecast's own label and rationale.
   */
  setAssumption(key: string, value: number): OpenPlanState {
    const range = assumptionRanges[key];
    if (range && (value < range.min || value > range.max)) {
      throw new PlannerError(
        'INVALID_ARGUMENT',
        `${range.label} must be from ${range.min} to ${range.max}; got ${value}.`,
      );
    }
    const changedBy = currentUser();
    const changedAt = new Date().toISOString();
    this.mutate((db) => {
      const updated = db
        .prepare('UPDATE assumption SET value = ?, changed_by = ?, changed_at = ? WHERE key = ?')
        .run(value, changedBy, changedAt, key);
      if (updated.changes > 0) return;
      const known = forecastAssumptionTemplates().find((a) => a.key === key);
      if (!known) throw new PlannerError('INVALID_ARGUMENT', `There is no assumption called "${key}" in this plan.`);
      db.prepare(
        `INSERT INTO assumption (key, label, value, unit, rationale, source_id, changed_by, changed_at)
         VALUES (?, ?, ?, ?, ?, NULL, ?, ?)`,
      ).run(key, known.label, value, known.unit, known.rationale, changedBy, changedAt);
    });
    return this.openState(this.requireOpen());
  }

  /** Writes the data template, filled with the plan's flows, unit costs and supply changes when asked. */
  async writeDataTemplate(filePath: string, prefill: boolean): Promise<{ path: string }> {
    const target = filePath.toLowerCase().endsWith('.xlsx') ? filePath : `${filePath}.xlsx`;
    const contents = prefill
      ? this.read((db) => {
          const data = readPlanData(db, { summaryOnly: true });
          const members = new Set(data.areas.filter((a) => a.isMember).map((a) => a.code));
          const flows = data.flows.filter((f) => members.has(f.placingArea));
          const used = new Set([...flows.map((f) => f.source), ...data.unitCosts.map((c) => c.source)]);
          return {
            flows,
            unitCosts: data.unitCosts,
            supplyChanges: readSupplyChanges(db),
            illustrativeSources: data.sources.filter((s) => s.illustrative && used.has(s.id)).map((s) => s.title),
          };
        })
      : null;
    try {
      await writeTemplateWorkbook(target, contents);
    } catch (error) {
      throw new PlannerError('IO_ERROR', `Could not write ${target}: ${(error as Error).message}`);
    }
    return { path: target };
  }

  /** The map's geometry, areas, imported boundaries or hexes, and flows. */
  mapData(): MapData {
    return this.read((db) => readMapData(db));
  }

  setMapGeometry(geometry: 'hex' | 'boundaries'): OpenPlanState {
    if (geometry === 'boundaries' && this.mapData().boundaries === null) {
      throw new PlannerError(
        'INVALID_ARGUMENT',
        'This plan has no boundaries for every member authority: import ONS boundaries (GeoJSON or TopoJSON) first.',
      );
    }
    this.mutate((db) => setMeta(db, 'map_geometry', geometry));
    return this.openState(this.requireOpen());
  }

  /** Opens the most recent plan if it still opens, else a new untitled plan from the template. */
  openInitialPlan(explicitPath?: string): OpenPlanState {
    if (explicitPath) return this.openPlan(explicitPath);
    const last = this.recent.mostRecent();
    if (last && fs.existsSync(last)) {
      try {
        return this.openPlan(last);
      } catch {
        // the last plan no longer opens (moved, damaged, newer): start from the template instead
      }
    }
    return this.newPlan();
  }

  dispose(): void {
    this.replaceCurrent(null);
  }
}
