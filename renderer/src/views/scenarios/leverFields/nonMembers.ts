/**
 * Levers naming an authority outside the consortium: what a draft names, a draft with one such
 * field repaired (or the lever removed), and the words the list, the editor and the outcomes use.
 */
import type { LeverReference, LeverRepair, NonMemberLever } from '#shared/scenario/repair.js';
import type { ScenarioDraft } from './drafts';

/** What a draft's levers name (type, id and authorities), for finding the ones naming non-members. */
export function draftLeverReferences(draft: ScenarioDraft): LeverReference[] {
  return draft.levers.map((lever) => {
    const text = (key: string) => {
      const value = lever.values[key];
      return typeof value === 'string' ? value.trim() : undefined;
    };
    return { type: lever.type, id: lever.id, la: text('la'), commissionedBy: text('commissionedBy') };
  });
}

/**
 * The draft with one lever field naming a non-member repaired: moved to a member (`to`, by default
 * the suggested one) or "all" / "consortium" where the field allows, or the lever removed.
 */
export function repairDraft(
  draft: ScenarioDraft,
  problem: Pick<NonMemberLever, 'leverIndex' | 'field' | 'suggested'>,
  repair: LeverRepair,
): ScenarioDraft {
  if (repair.action === 'remove') return { ...draft, levers: draft.levers.filter((_, i) => i !== problem.leverIndex) };
  const to = repair.to ?? problem.suggested?.code;
  if (to === undefined) return draft;
  return {
    ...draft,
    levers: draft.levers.map((lever, i) =>
      i === problem.leverIndex ? { ...lever, values: { ...lever.values, [problem.field]: to } } : lever,
    ),
  };
}

/** The distinct names of the non-members in a list: "Bury", "Bury and Trafford", "A, B and C". */
function nonMemberNames(problems: readonly Pick<NonMemberLever, 'name'>[]): { text: string; count: number } {
  const names = [...new Set(problems.map((p) => p.name))];
  const text = names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
  return { text, count: names.length };
}

const notMember = (count: number) => (count === 1 ? 'which is not a member' : 'which are not members');

/** Over the editor: which non-members the scenario names and what to do. */
export function nonMemberSummary(problems: readonly Pick<NonMemberLever, 'name' | 'leverIndex'>[]): string {
  const { text, count } = nonMemberNames(problems);
  const levers = new Set(problems.map((p) => p.leverIndex)).size;
  const which = levers === 1 ? 'the lever marked below' : `the ${levers} levers marked below`;
  return `This scenario names ${text}, ${notMember(count)} of this consortium, so it cannot be run: move ${which} to a member or remove ${levers === 1 ? 'it' : 'them'}, then save.`;
}

/** In the outcomes panel, in place of outcomes. */
export function nonMemberNotRunText(problems: readonly Pick<NonMemberLever, 'name'>[]): string {
  const { text, count } = nonMemberNames(problems);
  return `Not run: the scenario names ${text}, ${notMember(count)} of this consortium. Repair the levers marked above and save to see its outcomes.`;
}

/** On the scenario's entry in the list. */
export function nonMemberListText(problems: readonly Pick<NonMemberLever, 'name'>[]): string {
  const { text, count } = nonMemberNames(problems);
  return `Names ${text}, ${notMember(count)} of this consortium: open it to repair it.`;
}
