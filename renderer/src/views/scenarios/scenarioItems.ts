/**
 * What the Scenarios view makes from the plan's scenario list: a new scenario's id, the hints for
 * repairing levers that name non-members, and a listed scenario as saved.
 */
import type { Scenario } from '#shared/scenario/levers.js';
import type { RepairContext, RepairPlace, SuggestedMember } from '#shared/scenario/repair.js';
import type { ScenarioListItem } from '../../app/useScenarios';

/** A new scenario id such as "scenario-3f9a1c7b2e". */
export function newScenarioId(): string {
  const bytes = new Uint8Array(5);
  crypto.getRandomValues(bytes);
  return `scenario-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * What the list says about scenarios naming non-members, for the editor (which has no centroids):
 * their names, and the member the host suggests for each.
 */
export function repairHints(
  list: readonly ScenarioListItem[] | null,
  members: readonly { code: string; name: string }[],
): RepairContext {
  const others = new Map<string, RepairPlace>();
  const suggestions: Record<string, SuggestedMember> = {};
  for (const s of list ?? []) {
    for (const p of s.nonMembers ?? []) {
      others.set(p.code, { code: p.code, name: p.name });
      if (p.suggested) suggestions[p.code] = p.suggested;
    }
  }
  return { members, others: [...others.values()], suggestions };
}

/** The scenario as saved, without the list's extra fields. */
export function storedScenario(item: ScenarioListItem): Scenario {
  return { id: item.id, name: item.name, notes: item.notes, illustrative: item.illustrative, levers: item.levers };
}
