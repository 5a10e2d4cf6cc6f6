/**
 * The report's assumption register: every assumption the figures rest on (the plan's register, then
 * those the projection and the scenario model add), with its value and source. Pure, unit-tested.
 */
import type { ProjectionResult } from '#shared/forecast/types.js';
import type { PlanSummary } from '#shared/model/summary.js';
import { formatAssumption } from '#renderer/format/assumptions.js';

export interface AssumptionLine {
  key: string;
  label: string;
  value: string;
  rationale: string;
  /** Numbered references to the data sources list, e.g. "[6] Sufficiency Planner (generated)". */
  source: string;
  illustrative: boolean;
  where: 'Plan register' | 'Projection' | 'Scenario model';
}

/**
 * The plan's assumption register, then the assumptions the projection and the scenario model add
 * (each key once), with their sources named.
 */
export function assumptionLines(
  summary: PlanSummary,
  projection: ProjectionResult | null,
  scenarioAssumptions: readonly {
    key: string;
    label: string;
    value: number;
    unit: string;
    rationale: string;
    source: string | null;
  }[],
): AssumptionLine[] {
  const sources = new Map(summary.sources.map((s, i) => [s.id, { source: s, number: i + 1 }]));
  const describe = (ids: string | null) => {
    const list = (ids ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    return {
      source: list
        .map((id) => {
          const found = sources.get(id);
          return found ? `[${found.number}] ${found.source.publisher}` : id;
        })
        .join('; '),
      illustrative: list.some((id) => sources.get(id)?.source.illustrative ?? false),
    };
  };
  const lines: AssumptionLine[] = [];
  const seen = new Set<string>();
  const add = (
    a: { key: string; label: string; value: number; unit: string; rationale: string; source: string | null },
    where: AssumptionLine['where'],
  ) => {
    if (seen.has(a.key)) return;
    seen.add(a.key);
    lines.push({
      key: a.key,
      label: a.label,
      value: formatAssumption(a.value, a.unit),
      rationale: a.rationale,
      ...describe(a.source),
      where,
    });
  };
  for (const a of summary.assumptions) add(a, 'Plan register');
  for (const a of projection?.assumptions ?? []) add(a, 'Projection');
  for (const a of scenarioAssumptions) add(a, 'Scenario model');
  return lines;
}
