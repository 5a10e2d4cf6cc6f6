/**
 * Parsing and checking a scenario: the schemas of ./levers.ts applied to what a user, file or the CLI
 * supplies (defaults filled in, every problem as a path and a message in plain words), the checks
 * against the plan (every LA a member, every start year within the projection horizon), a lever's
 * stable name, and the error runScenario throws for an invalid scenario.
 */
import { scenarioSchema, type Lever, type Scenario } from './levers.js';

/** A problem with a scenario: where (a path such as "levers.0.beds") and what, in plain words. */
export interface ScenarioIssue {
  path: string;
  message: string;
}

/** What the contextual checks need to know about the plan (a ScenarioContext satisfies it). */
export interface ScenarioCheckContext {
  members: readonly { code: string; name: string }[];
  years: readonly string[];
}

const pathText = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/** A stable name for a lever in outputs and messages: its id, or its position and type. */
export function leverKey(lever: Pick<Lever, 'type'> & { id?: string | undefined }, index: number): string {
  return lever.id ?? `lever-${index + 1}-${lever.type}`;
}

/**
 * Checks a (parsed) scenario against the plan: every LA a member, every start year within the
 * projection horizon (so the lever has an effect to show).
 */
export function checkScenarioForContext(scenario: Scenario, context: ScenarioCheckContext): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const members = new Set(context.members.map((m) => m.code));
  const first = context.years[0];
  const last = context.years[context.years.length - 1];
  const memberList = context.members.map((m) => `${m.name} ${m.code}`).join(', ');
  const checkLa = (code: string, path: string, allowAll: boolean) => {
    if (allowAll && code === 'all') return;
    if (!members.has(code)) {
      issues.push({ path, message: `${code} is not a member of the consortium (members: ${memberList}).` });
    }
  };
  const checkYear = (y: string, path: string, what: string) => {
    if (first === undefined || last === undefined) return;
    if (y < first || y > last) {
      issues.push({
        path,
        message: `${what} ${y} is outside the projection horizon ${first}–${last} (years ending 31 March).`,
      });
    }
  };
  scenario.levers.forEach((lever, i) => {
    const at = (field: string) => `levers.${i}.${field}`;
    switch (lever.type) {
      case 'blockContract':
        checkLa(lever.la, at('la'), false);
        if (lever.commissionedBy !== 'consortium') checkLa(lever.commissionedBy, at('commissionedBy'), false);
        checkYear(lever.startYear, at('startYear'), 'The start year');
        break;
      case 'newHome':
        checkLa(lever.la, at('la'), false);
        checkYear(lever.openingYear, at('openingYear'), 'The opening year');
        break;
      case 'localFirstAgreement':
      case 'prevention':
      case 'stepDown':
      case 'distancePolicy':
        checkLa(lever.la, at('la'), true);
        checkYear(lever.startYear, at('startYear'), 'The start year');
        break;
      case 'closure':
        checkLa(lever.la, at('la'), false);
        checkYear(lever.year, at('year'), 'The closure year');
        break;
      case 'priceInflation':
        checkYear(lever.startYear, at('startYear'), 'The start year');
        break;
    }
  });
  return issues;
}

export type ParsedScenario = { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] };

/**
 * Parses a scenario as supplied (JSON from a file, the CLI or the UI), filling defaults; with a
 * context, also checks it against the plan. Never throws: problems come back as issues.
 */
export function parseScenario(input: unknown, context?: ScenarioCheckContext): ParsedScenario {
  const result = scenarioSchema.safeParse(input);
  if (!result.success) {
    return {
      ok: false,
      issues: result.error.issues.map((issue) => ({ path: pathText(issue.path), message: issue.message })),
    };
  }
  const issues = context ? checkScenarioForContext(result.data, context) : [];
  return issues.length ? { ok: false, issues } : { ok: true, scenario: result.data };
}

/** Thrown by runScenario for an invalid scenario; `issues` lists every problem found. */
export class ScenarioError extends Error {
  readonly issues: ScenarioIssue[];

  constructor(scenarioName: string, issues: ScenarioIssue[]) {
    super(
      `Scenario "${scenarioName}" cannot be run:\n${issues.map((i) => `- ${i.path ? `${i.path}: ` : ''}${i.message}`).join('\n')}`,
    );
    this.name = 'ScenarioError';
    this.issues = issues;
  }
}
