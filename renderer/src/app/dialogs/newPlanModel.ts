/**
 * Pure state of the New plan dialog: where the consortium starts from (one of the host's presets —
 * a region, a combined authority, all of England — or the user's own choice), the member authorities
 * that start gives and any changes made to them, and the consortium's name, which follows the chosen
 * start until the user types their own. No React and no DOM, so it is unit-tested directly.
 */
import type { ConsortiumPreset } from '#shared/model/consortia.js';
import type { AuthorityChoice } from '#shared/api/contract.js';
import { callArgSchemas } from '#shared/api/contract.js';
import { withCode, withCodes, withoutCodes } from '../../views/data/membersModel';

/** The start that gives no members: the user chooses every authority. */
export const customStartId = 'custom';

/** Longest consortium name the host accepts. */
export const maxNameLength = 120;

export interface StartOption {
  id: string;
  name: string;
  /** "12 authorities", or the preset's own description where its name alone does not say. */
  detail: string;
  /** How many authorities the start gives (0 for the user's own choice). */
  memberCount: number;
}

export interface StartSection {
  id: 'regions' | 'combinedAuthorities' | 'england' | 'custom';
  title: string;
  options: StartOption[];
}

export interface NewPlanState {
  /** A preset's id, or {@link customStartId}. */
  startId: string;
  /** The members the start gave (its regions are listed first in the chooser). */
  startMembers: ReadonlySet<string>;
  chosen: ReadonlySet<string>;
  name: string;
  /** The name the start filled in; the name follows the start while it is this or empty. */
  autoName: string;
}

export type NewPlanProblems = { name?: string; members?: string };

export type NewPlanCheck =
  { ok: true; choice: { name: string; members: string[] } } | { ok: false; problems: NewPlanProblems };

function authorities(count: number): string {
  return `${count} ${count === 1 ? 'authority' : 'authorities'}`;
}

/**
 * The dialog's list of starts in sections: the regions (in the host's order, which is ONS code
 * order), combined authorities, all of England, then the user's own choice. Empty sections are left
 * out, so a dataset holding fewer areas simply offers fewer presets.
 */
export function startSections(presets: readonly ConsortiumPreset[]): StartSection[] {
  const option = (p: ConsortiumPreset, detail: string): StartOption => ({
    id: p.id,
    name: p.name,
    detail,
    memberCount: p.members.length,
  });
  const sections: StartSection[] = [
    {
      id: 'regions',
      title: 'Regions',
      options: presets.filter((p) => p.kind === 'region').map((p) => option(p, authorities(p.members.length))),
    },
    {
      id: 'combinedAuthorities',
      title: 'Combined authorities',
      options: presets
        .filter((p) => p.kind === 'combined-authority')
        .map((p) => option(p, `${authorities(p.members.length)} · ${p.description}`)),
    },
    {
      id: 'england',
      title: 'All of England',
      options: presets.filter((p) => p.kind === 'england').map((p) => option(p, p.description)),
    },
  ];
  return [
    ...sections.filter((s) => s.options.length > 0),
    {
      id: 'custom',
      title: 'Your own choice',
      options: [
        {
          id: customStartId,
          name: 'Choose authorities…',
          detail: 'Start with none and choose any English upper-tier authorities.',
          memberCount: 0,
        },
      ],
    },
  ];
}

/** The dialog as it opens: the user's own choice, with nothing chosen and no name yet. */
export function initialNewPlanState(): NewPlanState {
  return { startId: customStartId, startMembers: new Set(), chosen: new Set(), name: '', autoName: '' };
}

/**
 * Starts again from a preset (or from nothing, for the user's own choice): the members become the
 * preset's, and the name becomes its name unless the user has typed one of their own.
 */
export function chooseStart(state: NewPlanState, presets: readonly ConsortiumPreset[], id: string): NewPlanState {
  const preset = presets.find((p) => p.id === id);
  const members = new Set(preset?.members ?? []);
  const autoName = preset?.name ?? '';
  const nameFollows = state.name.trim() === '' || state.name === state.autoName;
  return {
    startId: preset ? preset.id : customStartId,
    startMembers: members,
    chosen: members,
    name: nameFollows ? autoName : state.name,
    autoName,
  };
}

export function setName(state: NewPlanState, name: string): NewPlanState {
  return { ...state, name };
}

export function setChosen(state: NewPlanState, chosen: ReadonlySet<string>): NewPlanState {
  return chosen === state.chosen ? state : { ...state, chosen };
}

export function toggleMember(state: NewPlanState, code: string, on: boolean): NewPlanState {
  return setChosen(state, withCode(state.chosen, code, on));
}

/** Chooses every one of the codes (a region's "Choose all", or the ones a search shows). */
export function chooseAll(state: NewPlanState, codes: Iterable<string>): NewPlanState {
  return setChosen(state, withCodes(state.chosen, codes));
}

/** Takes every one of the codes out (a region's "Clear"). */
export function clearSome(state: NewPlanState, codes: Iterable<string>): NewPlanState {
  return setChosen(state, withoutCodes(state.chosen, codes));
}

export function clearAll(state: NewPlanState): NewPlanState {
  return setChosen(state, new Set());
}

/**
 * What the members are, in words: "The 12 authorities of North East.", "North East with 2 added and
 * 1 taken out.", or for the user's own choice nothing beyond the count the chooser shows.
 */
export function describeStart(state: NewPlanState, presets: readonly ConsortiumPreset[]): string | null {
  const preset = presets.find((p) => p.id === state.startId);
  if (!preset) return null;
  const added = [...state.chosen].filter((c) => !state.startMembers.has(c)).length;
  const removed = [...state.startMembers].filter((c) => !state.chosen.has(c)).length;
  if (added === 0 && removed === 0) return `Starting from ${preset.name}: all ${authorities(preset.members.length)}.`;
  const changes = [added ? `${added} added` : '', removed ? `${removed} taken out` : ''].filter(Boolean).join(' and ');
  return `Starting from ${preset.name}, with ${changes}.`;
}

/**
 * Checks the choice as the host will: a name (at most 120 characters) and at least one member, each
 * an English upper-tier authority once. Returns the choice ready for newPlan, members sorted.
 */
export function validateNewPlan(state: NewPlanState, known?: readonly AuthorityChoice[]): NewPlanCheck {
  const problems: NewPlanProblems = {};
  const name = state.name.trim();
  if (!name) problems.name = 'Give the consortium a name.';
  else if (name.length > maxNameLength)
    problems.name = `The name must be ${maxNameLength} characters or fewer (it has ${name.length}).`;
  const members = [...state.chosen].sort();
  if (members.length === 0) problems.members = 'Choose at least one member authority.';
  else if (known) {
    const codes = new Set(known.map((a) => a.onsCode));
    const unknown = members.filter((c) => !codes.has(c));
    if (unknown.length) problems.members = `Not an authority in the built-in data: ${unknown.join(', ')}.`;
  }
  if (!problems.name && !problems.members) {
    const parsed = callArgSchemas.newPlan.safeParse({ consortium: { name, members } });
    if (!parsed.success) problems.members = parsed.error.issues[0]?.message ?? 'These members cannot be used.';
  }
  if (problems.name || problems.members) return { ok: false, problems };
  return { ok: true, choice: { name, members } };
}
