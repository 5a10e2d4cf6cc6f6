/**
 * The plan summary (what the Data view and `planner summary` show) of a plan database: shared by
 * the plan service and the command line's read-only open, which reads it without loading the plan
 * service.
 */
import { summarisePlan } from '#shared/model/summarise.js';
import type { PlanSummary } from '#shared/model/summary.js';
import type { PlanDatabase } from '../store/database.js';
import { readPlanData } from '../store/planData.js';

/** The summary of the plan in `db`, called `name` (its file name without the extension). */
export function summariseDatabase(db: PlanDatabase, name: string): PlanSummary {
  const summary = summarisePlan(readPlanData(db, { summaryOnly: true }), name);
  // Imported ONS projections live in their own table: a plan holding one for every member has no such gap.
  const members = summary.authorities.filter((a) => a.isMember).map((a) => a.code);
  const projected = new Set(
    (db.prepare('SELECT DISTINCT area_code FROM population_projection').all() as { area_code: string }[]).map(
      (r) => r.area_code,
    ),
  );
  if (members.length && members.every((code) => projected.has(code))) {
    summary.gaps = summary.gaps.filter((g) => g.measure !== 'populationProjection');
  }
  return summary;
}
