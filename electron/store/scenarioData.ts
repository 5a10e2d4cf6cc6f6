/** Scenarios held in a plan. */
import { PlannerError } from '#shared/api/errors.js';
import { scenarioSchema, type Scenario } from '#shared/scenario/index.js';
import type { PlanDatabase } from './database.js';

export interface StoredScenario extends Scenario {
  updatedAt: string;
}

interface Row {
  id: string;
  name: string;
  notes: string;
  illustrative: number;
  levers_json: string;
  updated_at: string;
}

export function readScenarios(db: PlanDatabase): StoredScenario[] {
  const rows = db.prepare('SELECT * FROM scenario ORDER BY sort_order, name').all() as Row[];
  return rows.map((r) => {
    const parsed = scenarioSchema.safeParse({
      id: r.id,
      name: r.name,
      notes: r.notes,
      illustrative: r.illustrative === 1,
      levers: JSON.parse(r.levers_json) as unknown,
    });
    if (!parsed.success) {
      throw new PlannerError(
        'CORRUPT_PLAN',
        `The scenario “${r.name}” in this plan is not valid: ${parsed.error.issues[0]?.message ?? ''}`,
      );
    }
    return { ...parsed.data, updatedAt: r.updated_at };
  });
}

/** Creates or replaces a scenario (names are unique within a plan). */
export function writeScenario(db: PlanDatabase, scenario: Scenario, now: string): void {
  const clash = db.prepare('SELECT id FROM scenario WHERE name = ? AND id <> ?').get(scenario.name, scenario.id) as
    { id: string } | undefined;
  if (clash)
    throw new PlannerError(
      'INVALID_ARGUMENT',
      `There is already a scenario called “${scenario.name}”: choose another name.`,
    );
  const order = (db.prepare('SELECT COALESCE(MAX(sort_order), 0) + 1 AS n FROM scenario').get() as { n: number }).n;
  db.prepare(
    `INSERT INTO scenario (id, name, notes, illustrative, levers_json, sort_order, created_at, updated_at)
     VALUES (@id, @name, @notes, @illustrative, @levers, @order, @now, @now)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, notes = excluded.notes, illustrative = excluded.illustrative,
       levers_json = excluded.levers_json, updated_at = excluded.updated_at`,
  ).run({
    id: scenario.id,
    name: scenario.name,
    notes: scenario.notes,
    illustrative: scenario.illustrative ? 1 : 0,
    levers: JSON.stringify(scenario.levers),
    order,
    now,
  });
}

export function deleteScenario(db: PlanDatabase, id: string): boolean {
  return db.prepare('DELETE FROM scenario WHERE id = ?').run(id).changes > 0;
}
