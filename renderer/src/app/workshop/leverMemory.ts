/**
 * Workshop mode: remembering the levers chosen for each plan, in this computer's storage (never in
 * the plan file), keyed by the plan's path, the oldest plans forgotten first. Pure; unit-tested.
 */

/** localStorage key holding `{ [plan path]: chosen keys }`. */
export const leverStorageKey = 'planner.workshop.levers';
/** Stands in for the path of a plan that has never been saved. */
export const untitledPlanKey = '(untitled)';
/** Older entries are forgotten beyond this many plans. */
export const maxRememberedPlans = 20;

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function readAll(storage: StorageLike | null): Record<string, string[]> {
  if (!storage) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage.getItem(leverStorageKey) ?? '{}');
  } catch {
    return {};
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  const out: Record<string, string[]> = {};
  for (const [plan, keys] of Object.entries(parsed as Record<string, unknown>)) {
    if (Array.isArray(keys)) out[plan] = cleanKeys(keys);
  }
  return out;
}

function cleanKeys(keys: readonly unknown[]): string[] {
  return [...new Set(keys.filter((k): k is string => typeof k === 'string' && k.length > 0 && k.length <= 64))];
}

/** The levers chosen for a plan (by its path; null for an unsaved plan); none when nothing is stored. */
export function loadChosenLevers(storage: StorageLike | null, planPath: string | null): string[] {
  return readAll(storage)[planPath ?? untitledPlanKey] ?? [];
}

/**
 * Stores the levers chosen for a plan, most recent plan last, forgetting the oldest beyond
 * {@link maxRememberedPlans}. Storage that refuses (full, or switched off) is ignored: the choice
 * then lasts until the app is closed.
 */
export function saveChosenLevers(storage: StorageLike | null, planPath: string | null, keys: readonly string[]): void {
  if (!storage) return;
  const all = readAll(storage);
  const planKey = planPath ?? untitledPlanKey;
  delete all[planKey];
  all[planKey] = cleanKeys(keys);
  const entries = Object.entries(all).slice(-maxRememberedPlans);
  try {
    storage.setItem(leverStorageKey, JSON.stringify(Object.fromEntries(entries)));
  } catch {
    // storage full or disabled
  }
}
