/**
 * Scenarios that name an authority outside the consortium, and how to repair them.
 *
 * A scenario's levers name member authorities by ONS code (where a block contract's beds are, who
 * holds it, where a home opens…). When the consortium's members change, or a scenario was written
 * for another consortium, a lever may name an authority that is no longer a member: the scenario
 * cannot be run until it is repaired. {@link scenarioProblems} finds those references apart from
 * any other problem, naming each authority and the member nearest to it (great-circle distance
 * between centroids); {@link repairScenario} then moves each affected lever to a member — by default
 * the nearest, or "all" / "consortium" where the field allows it — or removes the lever. Pure.
 */
import { plainIssue } from '../api/fieldNames.js';
import { haversineMiles } from '../allocate/distance.js';
import type { LeverType, Scenario } from './levers.js';
import { checkScenarioForContext, leverKey, type ScenarioCheckContext, type ScenarioIssue } from './parse.js';

/** An authority with its centroid in degrees, when the plan has one. */
export interface RepairPlace {
  code: string;
  name: string;
  lat?: number | null;
  lon?: number | null;
}

/** The member suggested for a non-member: the nearest by centroid, when both centroids are known. */
export interface SuggestedMember {
  code: string;
  name: string;
  /** Centroid distance from the non-member, miles; null when it could not be measured. */
  miles: number | null;
}

/** What finding and repairing non-member levers needs to know about the plan. */
export interface RepairContext {
  /** The consortium's members (a ScenarioContext's members qualify). */
  members: readonly RepairPlace[];
  /** Other authorities the plan knows, for the names and centroids of non-members. */
  others?: readonly RepairPlace[];
  /**
   * The member to suggest for a non-member code where it is already worked out (the renderer, which
   * has no centroids, takes the host's); otherwise the nearest member by centroid.
   */
  suggestions?: Readonly<Record<string, SuggestedMember>>;
}

/** Lever fields that name an authority. */
export type AuthorityField = 'la' | 'commissionedBy';

/** What a field accepts besides a member's code. */
export type AuthorityAlternative = 'all' | 'consortium';

/** Just what a lever needs for the checks here: a parsed lever, or a lever form's values, qualifies. */
export interface LeverReference {
  type: LeverType;
  id?: string | undefined;
  la?: string | undefined;
  commissionedBy?: string | undefined;
}

/** A lever field naming an authority that is not a member of the consortium. */
export interface NonMemberLever {
  leverIndex: number;
  /** The lever's id, or its position and type (see leverKey). */
  leverKey: string;
  leverType: LeverType;
  field: AuthorityField;
  /** Where, as in other scenario issues: "levers.0.la". */
  path: string;
  /** The non-member's ONS code. */
  code: string;
  /** Its name where the plan knows it, else the code. */
  name: string;
  /** What the field accepts besides a member ("all" members, or the "consortium" as a whole). */
  alternatives: AuthorityAlternative[];
  /** The member a one-click repair moves the lever to; null only when the consortium has no members. */
  suggested: SuggestedMember | null;
  /** In plain words: "Bury (E08000002) is not a member of this consortium." */
  message: string;
}

/** A scenario's problems against the plan, the non-member references apart from the rest. */
export interface ScenarioProblems {
  nonMembers: NonMemberLever[];
  /** Every other problem (years outside the projection horizon, for instance). */
  others: ScenarioIssue[];
}

const fieldRules: Record<LeverType, readonly { field: AuthorityField; alternatives: AuthorityAlternative[] }[]> = {
  blockContract: [
    { field: 'la', alternatives: [] },
    { field: 'commissionedBy', alternatives: ['consortium'] },
  ],
  newHome: [{ field: 'la', alternatives: [] }],
  closure: [{ field: 'la', alternatives: [] }],
  localFirstAgreement: [{ field: 'la', alternatives: ['all'] }],
  prevention: [{ field: 'la', alternatives: ['all'] }],
  stepDown: [{ field: 'la', alternatives: ['all'] }],
  distancePolicy: [{ field: 'la', alternatives: ['all'] }],
  priceInflation: [],
};

/** The fields of a lever type that name an authority, with what each accepts besides a member. */
export function authorityFields(
  type: LeverType,
): readonly { field: AuthorityField; alternatives: readonly AuthorityAlternative[] }[] {
  return fieldRules[type];
}

const byName = (a: RepairPlace, b: RepairPlace) => a.name.localeCompare(b.name, 'en-GB') || (a.code < b.code ? -1 : 1);

/**
 * The member nearest to `code` by centroid; when either centroid is unknown, the suggestion the
 * context carries, else the first member by name (with no distance).
 */
export function nearestMember(code: string, context: RepairContext): SuggestedMember | null {
  const given = context.suggestions?.[code];
  if (given && context.members.some((m) => m.code === given.code)) return given;
  const place = context.others?.find((p) => p.code === code);
  let best: SuggestedMember | null = null;
  if (place && typeof place.lat === 'number' && typeof place.lon === 'number') {
    for (const m of context.members) {
      if (typeof m.lat !== 'number' || typeof m.lon !== 'number') continue;
      const miles = haversineMiles(place.lat, place.lon, m.lat, m.lon);
      if (best === null || miles < (best.miles ?? Infinity) || (miles === best.miles && m.code < best.code)) {
        best = { code: m.code, name: m.name, miles };
      }
    }
  }
  if (best) return best;
  const first = [...context.members].sort(byName)[0];
  return first ? { code: first.code, name: first.name, miles: null } : null;
}

/** The name of an authority the context knows, else its code. */
function placeName(code: string, context: RepairContext): string {
  return (
    context.members.find((m) => m.code === code)?.name ?? context.others?.find((p) => p.code === code)?.name ?? code
  );
}

/**
 * Every lever field naming an authority that is not a member ("all" and "consortium" are fine where
 * the field allows them), with the authority's name and the member suggested in its place.
 */
export function nonMemberLevers(
  scenario: { levers: readonly LeverReference[] },
  context: RepairContext,
): NonMemberLever[] {
  const members = new Set(context.members.map((m) => m.code));
  const out: NonMemberLever[] = [];
  scenario.levers.forEach((lever, i) => {
    for (const { field, alternatives } of fieldRules[lever.type]) {
      const code = lever[field];
      if (code === undefined || code === '' || members.has(code)) continue;
      if ((alternatives as readonly string[]).includes(code)) continue;
      const name = placeName(code, context);
      out.push({
        leverIndex: i,
        leverKey: leverKey(lever, i),
        leverType: lever.type,
        field,
        path: `levers.${i}.${field}`,
        code,
        name,
        alternatives: [...alternatives],
        suggested: nearestMember(code, context),
        message: `${name === code ? code : `${name} (${code})`} is not a member of this consortium.`,
      });
    }
  });
  return out;
}

/** A parsed scenario's problems against the plan: non-member references, and the rest. */
export function scenarioProblems(scenario: Scenario, context: ScenarioCheckContext & RepairContext): ScenarioProblems {
  const nonMembers = nonMemberLevers(scenario, context);
  const paths = new Set(nonMembers.map((p) => p.path));
  const others = checkScenarioForContext(scenario, context).filter((issue) => !paths.has(issue.path));
  return { nonMembers, others };
}

/**
 * What to do about a non-member reference: move it (`to` a member's code, or "all" / "consortium"
 * where the field allows; by default the suggested member), or remove the lever.
 */
export type LeverRepair = { action: 'move'; to?: string } | { action: 'remove' };

/**
 * One repair for every non-member reference, or repairs by path ("levers.0.la"); references not
 * named are left as they are.
 */
export type RepairChoice = LeverRepair | Readonly<Record<string, LeverRepair>>;

function isLeverRepair(choice: RepairChoice): choice is LeverRepair {
  return typeof (choice as { action?: unknown }).action === 'string';
}

/**
 * The scenario with its non-member references repaired as chosen (see {@link LeverRepair}); a
 * lever any of whose references is removed goes. Other problems are left alone. Throws when asked
 * to move a reference to something that is neither a member nor an alternative the field allows.
 */
export function repairScenario(scenario: Scenario, context: RepairContext, choice: RepairChoice): Scenario {
  const members = new Set(context.members.map((m) => m.code));
  const remove = new Set<number>();
  const changes = new Map<number, Partial<Record<AuthorityField, string>>>();
  for (const problem of nonMemberLevers(scenario, context)) {
    const repair = isLeverRepair(choice) ? choice : choice[problem.path];
    if (!repair) continue;
    if (repair.action === 'remove') {
      remove.add(problem.leverIndex);
      continue;
    }
    const to = repair.to ?? problem.suggested?.code;
    if (to === undefined) {
      throw new Error(`The consortium has no members to move ${problem.path} (${problem.name}) to.`);
    }
    if (!members.has(to) && !(problem.alternatives as readonly string[]).includes(to)) {
      const allowed = problem.alternatives.map((a) => ` or "${a}"`).join('');
      throw new Error(`${problem.path} can only be moved to a member of the consortium${allowed}, not ${to}.`);
    }
    const change = changes.get(problem.leverIndex) ?? {};
    change[problem.field] = to;
    changes.set(problem.leverIndex, change);
  }
  const levers = scenario.levers.flatMap((lever, i) => {
    if (remove.has(i)) return [];
    const change = changes.get(i);
    return [change ? ({ ...lever, ...change } as typeof lever) : lever];
  });
  return { ...scenario, levers };
}

/** A scenario that could not be run, and why; listed instead of its outcome. */
export interface ScenarioNeedingRepair {
  id: string;
  name: string;
  /** Every problem found (non-member references included), as in ScenarioError. */
  issues: ScenarioIssue[];
  /** The references to authorities outside the consortium, with a suggested member for each. */
  nonMembers: NonMemberLever[];
}

/** "A", "A and B", "A, B and C". */
function listText(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/**
 * One sentence on why a scenario was left out and what to do: "Scenario “X” names Bury, which is not
 * a member of this consortium: open it in Scenarios to repair it."
 */
export function needsRepairMessage(entry: Pick<ScenarioNeedingRepair, 'name' | 'issues' | 'nonMembers'>): string {
  const names = [...new Set(entry.nonMembers.map((p) => p.name))];
  if (names.length > 0) {
    const which = names.length === 1 ? 'which is not a member' : 'which are not members';
    return `Scenario “${entry.name}” names ${listText(names)}, ${which} of this consortium: open it in Scenarios to repair it.`;
  }
  const first = entry.issues[0];
  const detail = first ? plainIssue(first.path, first.message) : 'it is not valid.';
  const rest = entry.issues.length - 1;
  const more = rest > 0 ? ` ${rest === 1 ? 'There is one more problem.' : `There are ${rest} more problems.`}` : '';
  return `Scenario “${entry.name}” cannot be run: ${detail}${more} Open it in Scenarios to fix it.`;
}
