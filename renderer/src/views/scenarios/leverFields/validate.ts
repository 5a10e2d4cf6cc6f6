/**
 * Checks a scenario's draft with the same zod schema the host uses (shared/scenario/levers.ts), so
 * the editor says exactly what saving would say, then against the plan (members, projection years).
 * This is the one schema check of a lever edit: the scenario it returns goes to the workers as it is.
 */
import { scenarioSchema, type Scenario } from '#shared/scenario/levers.js';
import { checkScenarioForContext, type ScenarioCheckContext } from '#shared/scenario/parse.js';
import { leverTypeDescriptions } from './descriptions';
import { draftToLeverInput, type ScenarioDraft } from './drafts';

/**
 * A zod message adapted to a form that takes percentages: "… must be a share from 0 to 0.9 (e.g. 0.2
 * for 20%) …" becomes "… must be from 0% to 90%.", and advice to write 3% as 0.03 is dropped.
 */
export function percentMessage(message: string): string {
  const share = /^(.*?) must be a (?:share|number) from 0 to ([\d.]+)\b.*$/.exec(message);
  if (share?.[1] && share[2]) return `${share[1]} must be from 0% to ${Number(share[2]) * 100}%.`;
  return message
    .replace(/: write 3% as 0\.03\.?$/, '.')
    .replace(/a number such as 0\.03 for 3%/, 'a percentage such as 3')
    .replace(/(−|-)0\.2 \((−|-)20% a year\)/, '−20% a year')
    .replace(/0\.3 \(30% a year\)/, '30% a year');
}

export interface DraftProblems {
  /** Messages for a field, keyed "leverIndex.fieldKey". */
  fields: Record<string, string[]>;
  /** Messages not tied to a field shown in a form (notes, a whole lever, the scenario). */
  general: string[];
}

export interface ValidatedDraft {
  /** The scenario to save, when it is valid. */
  scenario: Scenario | null;
  problems: DraftProblems;
}

/** The scenario a draft describes, with the base scenario's id and name. */
export function draftToScenarioInput(base: Pick<Scenario, 'id' | 'name'>, draft: ScenarioDraft): unknown {
  return {
    id: base.id,
    name: base.name,
    notes: draft.notes,
    illustrative: draft.illustrative,
    levers: draft.levers.map(draftToLeverInput),
  };
}

/**
 * Checks a draft with the same schema the host uses, then (when it parses and a context is given)
 * against the plan: members and years within the projection. Messages are the schema's, adapted
 * for percentage inputs.
 */
export function validateDraft(
  base: Pick<Scenario, 'id' | 'name'>,
  draft: ScenarioDraft,
  context?: ScenarioCheckContext,
): ValidatedDraft {
  const problems: DraftProblems = { fields: {}, general: [] };
  const add = (path: readonly PropertyKey[] | string[], message: string) => {
    const [first, index, field] = path.map(String);
    const lever = first === 'levers' && index !== undefined ? draft.levers[Number(index)] : undefined;
    const described =
      lever && field ? leverTypeDescriptions[lever.type].fields.find((f) => f.key === field) : undefined;
    if (lever && described) {
      const key = `${index}.${field}`;
      const text = described.kind === 'percent' || described.kind === 'percentList' ? percentMessage(message) : message;
      const list = (problems.fields[key] ??= []);
      if (!list.includes(text)) list.push(text);
    } else {
      const where = lever ? `${leverTypeDescriptions[lever.type].name} (lever ${Number(index) + 1}): ` : '';
      problems.general.push(`${where}${message}`);
    }
  };
  const parsed = scenarioSchema.safeParse(draftToScenarioInput(base, draft));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) add(issue.path, issue.message);
    return { scenario: null, problems };
  }
  if (context && context.years.length > 0) {
    for (const issue of checkScenarioForContext(parsed.data, context)) add(issue.path.split('.'), issue.message);
  }
  const valid = problems.general.length === 0 && Object.keys(problems.fields).length === 0;
  return { scenario: valid ? parsed.data : null, problems };
}
