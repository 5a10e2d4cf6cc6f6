/** Scenarios as the command line names them: by name (or id), refused with the names there are. */
import { PlannerError } from '#shared/api/errors.js';

/** The id of the stored scenario with this name (or id); refused, naming the scenarios there are, when none has it. */
export function scenarioIdByName(stored: readonly { id: string; name: string }[], name: string): string {
  const found = stored.find((s) => s.name === name || s.id === name);
  if (!found)
    throw new PlannerError(
      'NOT_FOUND',
      `There is no scenario called “${name}”. Scenarios: ${stored.map((s) => s.name).join('; ')}.`,
    );
  return found.id;
}
