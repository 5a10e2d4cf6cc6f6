/**
 * The plan's modelled placement flows: computed by shared/allocate/planFlows.ts from the plan's own
 * national figures for its current members, and replaced whenever the members change. Flows the
 * user imported (the data template, SSDA903 returns) are never touched: a placing authority with
 * imported flows keeps them and gets no modelled rows.
 */
import { MODELLED_FLOWS_SOURCE_ID, modelledPlanFlows } from '#shared/allocate/planFlows.js';
import type { PlanDatabase } from './database.js';
import { readPlanData } from './planData.js';

export interface ModelledFlowsResult {
  /** Rows written (0 when the plan lacks the national figures the model needs). */
  rows: number;
  /** Members that kept imported flows instead. */
  keptImported: string[];
  membersWithoutFlows: string[];
}

/** Replaces the plan's modelled flows with those for its current members, in one transaction. */
export function refreshModelledFlows(
  db: PlanDatabase,
  importedAt: string = new Date().toISOString(),
): ModelledFlowsResult {
  const data = readPlanData(db);
  const members = data.areas.filter((a) => a.isMember && a.level === 'Local authority').map((a) => a.code);
  const imported = new Set(data.flows.filter((f) => f.source !== MODELLED_FLOWS_SOURCE_ID).map((f) => f.placingArea));
  const modelled = modelledPlanFlows(data, members);
  const run = db.transaction(() => {
    db.prepare('DELETE FROM placement_flow WHERE source_id = ?').run(MODELLED_FLOWS_SOURCE_ID);
    if (!modelled) return 0;
    const s = modelled.source;
    db.prepare(
      `INSERT INTO source (id, title, publisher, file, table_name, period, licence, url, illustrative, imported_at)
       VALUES (@id, @title, @publisher, @file, @table, @period, @licence, @url, 0, @importedAt)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, publisher = excluded.publisher, file = excluded.file,
         table_name = excluded.table_name, period = excluded.period, licence = excluded.licence, url = excluded.url,
         illustrative = 0, imported_at = excluded.imported_at`,
    ).run({ ...s, importedAt });
    const insert = db.prepare(
      `INSERT INTO placement_flow (placing_area_code, host_area_code, period, children, source_id)
       VALUES (@placingArea, @hostArea, @period, @children, @source)`,
    );
    let rows = 0;
    for (const f of modelled.flows) {
      if (imported.has(f.placingArea)) continue;
      insert.run(f);
      rows++;
    }
    return rows;
  });
  const rows = run.immediate();
  return {
    rows,
    keptImported: members.filter((m) => imported.has(m)),
    membersWithoutFlows: modelled?.membersWithoutFlows ?? members,
  };
}
