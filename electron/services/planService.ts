/**
 * The open plan: a working SQLite copy that the app edits, saved atomically to the user's
 * `*.ccplan` file on Save. The file on disk changes only when the user saves. Its parts are in
 * ./plan/: the file, working copy, lock and recovery (planFiles.ts), the assumption register's rules
 * (assumptionRules.ts), the membership list (authorityChoices.ts) and the shapes (types.ts); this
 * class adds what is in the plan: members, assumptions, horizon, map, summary and data template.
 */
import type { AuthorityChoice, MapData, OpenPlanState } from '#shared/api/contract.js';
import { readMapData } from '../store/mapData.js';
import { refreshModelledFlows } from '../store/flowData.js';
import { PlannerError } from '#shared/api/errors.js';
import type { PlanSummary } from '#shared/model/summary.js';
import type { PlanDatabase } from '../store/database.js';
import {
  MAX_PLAN_HORIZON_YEARS,
  observationCounts,
  readHorizonYears,
  writeHorizonYears,
  readSupplyChanges,
  readPlanData,
  setMembership,
  setMeta,
} from '../store/planData.js';
import { currentUser } from '../store/planLock.js';
import { summariseDatabase } from './planSummary.js';
import { forecastAssumptionTemplates, assumptionRanges, totalChanges } from './plan/assumptionRules.js';
import { authorityChoices } from './plan/authorityChoices.js';
import { PlanFiles } from './plan/planFiles.js';
import { planName } from './plan/types.js';

export {
  DEFAULT_AUTOSAVE_INTERVAL_MS,
  withPlanExtension,
  type LockMode,
  type PlanServiceOptions,
} from './plan/types.js';
export { UNTITLED_PLAN_NAME } from '../store/planHeader.js';

/** The open plan (./plan/planFiles.ts) and what is in it: members, assumptions, horizon, map, summary. */
export class PlanService extends PlanFiles {
  /** Every upper-tier authority in the built-in data with how many figures it holds for each. */
  builtInAuthorities(): AuthorityChoice[] {
    const counts = new Map<string, number>();
    for (const o of this.template.observations) counts.set(o.area, (counts.get(o.area) ?? 0) + 1);
    return authorityChoices(this.template.areas, counts, () => false).sort((a, b) =>
      a.name.localeCompare(b.name, 'en-GB'),
    );
  }

  summary(): PlanSummary {
    const plan = this.requireOpen();
    return summariseDatabase(plan.db, planName(plan));
  }

  renameConsortium(name: string): OpenPlanState {
    const plan = this.requireOpen();
    plan.db.transaction(() => setMeta(plan.db, 'consortium_name', name))();
    this.markDirty(plan);
    return this.openState(plan);
  }

  /** Every local authority in the plan, members first, with how many figures the plan holds for each. */
  listAuthorities(): AuthorityChoice[] {
    const plan = this.requireOpen();
    const counts = observationCounts(plan.db);
    return authorityChoices(readPlanData(plan.db).areas, counts, (a) => a.isMember).sort(
      (a, b) => Number(b.isMember) - Number(a.isMember) || a.name.localeCompare(b.name, 'en-GB'),
    );
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
    // flows to OUTSIDE and between members depend on who the members are: model them again
    refreshModelledFlows(plan.db);
    this.markDirty(plan);
    return this.openState(plan);
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
    const { db } = this.requireOpen();
    const before = totalChanges(db);
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
    this.assumptionChanges.set(db, (this.assumptionChanges.get(db) ?? 0) + totalChanges(db) - before);
    return this.openState(this.requireOpen());
  }

  /**
   * Rows written to the open plan's assumption register by setAssumption, by database: what
   * {@link dataVersion} leaves out.
   */
  private readonly assumptionChanges = new WeakMap<PlanDatabase, number>();

  /**
   * A version of the open plan's data other than its assumption values: it changes with every row
   * written through the plan's database (by any path) except setAssumption's, and with the plan
   * open. Caches of what is read from the plan key on it (the projection's inputs, which an
   * assumption change re-reads only the assumptions of).
   */
  dataVersion(): { db: PlanDatabase; changes: number } {
    const { db } = this.requireOpen();
    return { db, changes: totalChanges(db) - (this.assumptionChanges.get(db) ?? 0) };
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
    const memberCodes = this.read((db) =>
      readPlanData(db, { summaryOnly: true })
        .areas.filter((a) => a.isMember)
        .map((a) => a.code),
    );
    try {
      // the workbook writer loads only when a template is written
      const { writeTemplateWorkbook } = await import('./templateWorkbook.js');
      await writeTemplateWorkbook(target, contents, memberCodes);
    } catch (error) {
      throw new PlannerError('IO_ERROR', `Could not write ${target}: ${(error as Error).message}`);
    }
    return { path: target };
  }

  /** The map's geometry, areas, imported boundaries or hexes, and flows. */
  mapData(): MapData {
    return this.read((db) => readMapData(db));
  }

  /** The plan's projection horizon in years (1–10, default 5), which every view and export follows. */
  horizonYears(): number {
    return this.read((db) => readHorizonYears(db));
  }

  /** Sets the plan's projection horizon (saved with the plan); the plan becomes unsaved when it changes. */
  setHorizon(years: number): OpenPlanState {
    if (!Number.isInteger(years) || years < 1 || years > MAX_PLAN_HORIZON_YEARS) {
      throw new PlannerError(
        'INVALID_ARGUMENT',
        `The horizon must be a whole number of years from 1 to ${MAX_PLAN_HORIZON_YEARS}; got ${years}.`,
      );
    }
    if (this.horizonYears() !== years) this.mutate((db) => writeHorizonYears(db, years));
    return this.openState(this.requireOpen());
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
}
