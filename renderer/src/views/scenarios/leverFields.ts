/**
 * What the lever editor shows for each lever type: a small description of every field (label, unit,
 * kind of input, help text), a sensible new lever of each type, and the conversion between a lever
 * and the strings its form holds. Validation uses the same zod schemas as the host
 * (shared/scenario/levers.ts), so the editor says exactly what saving would say. Pure, unit-tested.
 *
 * Shares are typed as percentages (20 for 0.2); money in pounds; years chosen from the projection's.
 */
import {
  closureSectors,
  leverSchema,
  needTypes,
  scenarioSchema,
  type Lever,
  type LeverType,
  type Scenario,
} from '../../../../shared/scenario/levers.js';
import { checkScenarioForContext, type ScenarioCheckContext } from '../../../../shared/scenario/parse.js';
import type { LeverReference, LeverRepair, NonMemberLever } from '../../../../shared/scenario/repair.js';
import { shareToPercentText } from '../../models/leverSummary';

export type FieldKind =
  /** A member LA (ONS code). */
  | 'la'
  /** A member LA, or "all". */
  | 'laOrAll'
  /** "consortium", or a member LA. */
  | 'consortiumOrLa'
  /** A whole number. */
  | 'int'
  /** A number that may have decimals. */
  | 'number'
  /** Pounds. */
  | 'money'
  /** A share, typed as a percentage. */
  | 'percent'
  /** A list of shares, typed as percentages separated by commas. */
  | 'percentList'
  /** A year ending 31 March, chosen from the projection's years. */
  | 'year'
  /** One of a fixed list. */
  | 'enum'
  | 'boolean'
  | 'text';

export interface FieldOption {
  value: string;
  label: string;
}

export interface LeverField {
  key: string;
  label: string;
  kind: FieldKind;
  /** Shown next to the input, e.g. "£ a week", "beds", "%". */
  unit?: string;
  /** Shown under the input: the schema's own description where it has one, else this. */
  help: string;
  /** May be left empty (the lever then uses its default or has none). */
  optional?: boolean;
  /** Longest text accepted (text fields; default 200). */
  maxLength?: number;
  options?: readonly FieldOption[];
}

export interface LeverTypeDescription {
  type: LeverType;
  /** "Block contract". */
  name: string;
  /** The schema's description of the lever. */
  summary: string;
  fields: readonly LeverField[];
}

/** The schema of each lever type, by its `type`. */
const schemaByType = new Map(leverSchema.options.map((schema) => [schema.shape.type.value, schema]));

/** Every lever type the schema knows, in the schema's order. */
export const leverTypes: readonly LeverType[] = leverSchema.options.map((schema) => schema.shape.type.value);

/** The description a field's schema carries (`.describe()`), if any. */
export function schemaDescription(type: LeverType, key: string): string | undefined {
  const shape = schemaByType.get(type)?.shape as Record<string, { description?: string }> | undefined;
  return shape?.[key]?.description;
}

/** The keys of a lever type's schema, except `type` and `id` (which the form does not show). */
export function schemaFieldKeys(type: LeverType): string[] {
  const schema = schemaByType.get(type);
  return schema ? Object.keys(schema.shape).filter((k) => k !== 'type' && k !== 'id') : [];
}

const needTypeLabels: Record<(typeof needTypes)[number], string> = {
  mainstream: 'Mainstream',
  soloComplex: 'Solo or complex needs',
  youngerChildren: 'Younger children',
  exploitationRisk: 'At risk of exploitation',
  mentalHealth: 'Mental health needs',
};

const labelField: LeverField = {
  key: 'label',
  label: 'Label',
  kind: 'text',
  optional: true,
  help: 'A short name for this lever in tables and the assumptions list (optional).',
};

const rampUpField = (help: string): LeverField => ({
  key: 'rampUp',
  label: 'Ramp-up',
  kind: 'percentList',
  unit: '% by year',
  optional: true,
  help,
});

const startYear: LeverField = {
  key: 'startYear',
  label: 'Start year',
  kind: 'year',
  unit: 'financial year',
  help: 'The first financial year (April to March) the lever applies.',
};

const evidenceField: LeverField = {
  key: 'evidence',
  label: 'Evidence',
  kind: 'text',
  optional: true,
  maxLength: 2_000,
  help: 'What the effect rests on: the evaluation, its size and setting, and why it applies here.',
};

const annualCost = (help: string): LeverField => ({
  key: 'annualCost',
  label: 'Annual cost',
  kind: 'money',
  unit: '£ a year',
  help,
});

const draftFields: Record<LeverType, Omit<LeverTypeDescription, 'summary' | 'type'>> = {
  blockContract: {
    name: 'Block contract',
    fields: [
      { key: 'la', label: 'Where the beds are', kind: 'la', help: 'The member LA hosting the contracted beds.' },
      {
        key: 'commissionedBy',
        label: 'Who may use them',
        kind: 'consortiumOrLa',
        help: 'The consortium (any member’s children) or one member LA.',
      },
      { key: 'beds', label: 'Beds', kind: 'int', unit: 'beds', help: 'Beds reserved under the contract, 1 to 200.' },
      { key: 'weeklyPrice', label: 'Weekly price', kind: 'money', unit: '£ a bed a week', help: 'Price per bed.' },
      startYear,
      { key: 'termYears', label: 'Term', kind: 'int', unit: 'years', help: 'Length of the contract in years.' },
      {
        key: 'guaranteedAccess',
        label: 'Guaranteed access',
        kind: 'percent',
        unit: '%',
        help: 'Share of the contracted beds the provider guarantees to hold for the commissioner’s children.',
      },
      {
        key: 'voidCostShare',
        label: 'Paid when empty',
        kind: 'percent',
        unit: '% of price',
        help: 'Share of the weekly price paid for a bed left empty (100 = full price, the usual block terms).',
      },
      {
        key: 'fromExistingPlaces',
        label: 'Existing open-market places',
        kind: 'boolean',
        help: 'Ticked: the beds are existing places in the host LA; unticked: new places.',
      },
      {
        key: 'indexed',
        label: 'Price rises with price growth',
        kind: 'boolean',
        help: 'Ticked: the price follows any price-growth lever; unticked: fixed for the term.',
      },
      rampUpField('Share of the beds in use in the first, second… year, e.g. "50" for half in the first year.'),
      labelField,
    ],
  },
  newHome: {
    name: 'New children’s home',
    fields: [
      { key: 'la', label: 'Where the home is', kind: 'la', help: 'The member LA where the home opens.' },
      {
        key: 'runBy',
        label: 'Run by',
        kind: 'enum',
        options: [
          { value: 'consortium', label: 'The consortium (any member’s children)' },
          { value: 'la', label: 'The host LA (its own children)' },
        ],
        help: 'Who runs the home, and so whose children it takes.',
      },
      { key: 'places', label: 'Places', kind: 'int', unit: 'places', help: 'Registered places, 1 to 50.' },
      {
        key: 'needType',
        label: 'Need type',
        kind: 'enum',
        options: needTypes.map((value) => ({ value, label: needTypeLabels[value] })),
        help: 'The children the home is for.',
      },
      { key: 'capitalCost', label: 'Capital cost', kind: 'money', unit: '£ one-off', help: 'Buying and fitting out.' },
      {
        key: 'runningCostPerYear',
        label: 'Running cost',
        kind: 'money',
        unit: '£ a year',
        help: 'Staffing and running, whatever the occupancy.',
      },
      {
        key: 'openingYear',
        label: 'Opening year',
        kind: 'year',
        unit: 'financial year',
        help: 'The first financial year the home takes children.',
      },
      {
        key: 'assetLifeYears',
        label: 'Asset life',
        kind: 'int',
        unit: 'years',
        help: 'Years over which the capital is written off; what is left at the horizon is credited in the NPV.',
      },
      rampUpField('Share of the places usable in the first, second… year, e.g. "50" for half in the first year.'),
      labelField,
    ],
  },
  localFirstAgreement: {
    name: 'Local-first access agreement',
    fields: [
      { key: 'la', label: 'Providers in', kind: 'laOrAll', help: 'The member LA whose providers sign up, or all.' },
      {
        key: 'share',
        label: 'Offered first',
        kind: 'percent',
        unit: '% of places',
        help: 'Share of open-market places in the LA(s) offered first to consortium children.',
      },
      startYear,
      annualCost('Contract management and any retainer.'),
      rampUpField('Share of the agreement in effect in the first, second… year.'),
      labelField,
    ],
  },
  closure: {
    name: 'Closure or deregistration',
    fields: [
      { key: 'la', label: 'Where', kind: 'la', help: 'The member LA where places close.' },
      {
        key: 'sector',
        label: 'Sector',
        kind: 'enum',
        options: closureSectors.map((value) => ({ value, label: value })),
        help: 'The sector of the homes that close.',
      },
      { key: 'places', label: 'Places closed', kind: 'int', unit: 'places', help: 'Places lost, 1 to 2,000.' },
      {
        key: 'year',
        label: 'Closure year',
        kind: 'year',
        unit: 'financial year',
        help: 'The first year the places are gone.',
      },
      labelField,
    ],
  },
  prevention: {
    name: 'Edge-of-care prevention',
    fields: [
      { key: 'la', label: 'Where', kind: 'laOrAll', help: 'The member LA running it, or all.' },
      {
        key: 'entriesReduction',
        label: 'Fewer entries',
        kind: 'percent',
        unit: '%',
        help: 'How much edge-of-care work reduces entries to children’s homes (10 = 10% fewer), up to 90%.',
      },
      startYear,
      annualCost('Fixed cost of the service (team, management), on top of the cost per child.'),
      {
        key: 'costPerChild',
        label: 'Cost per child worked with',
        kind: 'money',
        unit: '£ per child or family',
        optional: true,
        help: 'Leave empty for the model’s assumption (about £10,000, intensive edge-of-care support).',
      },
      {
        key: 'workedWithPerEntryPrevented',
        label: 'Worked with per entry prevented',
        kind: 'number',
        unit: 'children',
        optional: true,
        help: 'Children or families worked with for each entry prevented; leave empty for the model’s assumption (4).',
      },
      evidenceField,
      rampUpField('Share of the effect in the first, second… year.'),
      labelField,
    ],
  },
  stepDown: {
    name: 'Step-down to foster care',
    fields: [
      { key: 'la', label: 'Where', kind: 'laOrAll', help: 'The member LA, or all.' },
      {
        key: 'annualShare',
        label: 'Stepping down each year',
        kind: 'percent',
        unit: '% a year',
        help: 'Share of children in children’s homes stepping down to foster care each year, beyond today’s moves; up to 90%.',
      },
      startYear,
      {
        key: 'fosterWeeklyCost',
        label: 'Foster placement cost',
        kind: 'money',
        unit: '£ a week',
        optional: true,
        help: 'Leave empty for the plan’s agency fostering cost.',
      },
      annualCost('Programme cost.'),
      {
        key: 'costPerChild',
        label: 'Cost per move',
        kind: 'money',
        unit: '£ per child',
        optional: true,
        help: 'One-off cost of each move (matching, transition, support); leave empty for the model’s assumption (about £5,000).',
      },
      evidenceField,
      rampUpField('Share of the effect in the first, second… year.'),
      labelField,
    ],
  },
  priceInflation: {
    name: 'Price growth',
    fields: [
      {
        key: 'annualRate',
        label: 'Real growth',
        kind: 'percent',
        unit: '% a year',
        help: 'Growth in prices above general inflation, −20% to 30% a year.',
      },
      startYear,
      labelField,
    ],
  },
  distancePolicy: {
    name: 'Distance policy (20 miles)',
    fields: [
      { key: 'la', label: 'Where', kind: 'laOrAll', help: 'The member LA adopting it, or all.' },
      startYear,
      rampUpField('Share of children covered in the first, second… year; empty for placement turnover.'),
      labelField,
    ],
  },
};

/**
 * Fields whose schema description speaks of the stored form rather than the input: shares as 0–1
 * (e.g. "[0.5]") where the form takes percentages, LAs as ONS codes where the form offers names,
 * true/false where the form has a tick box.
 */
export const ownHelpKinds: readonly FieldKind[] = [
  'percent',
  'percentList',
  'la',
  'laOrAll',
  'consortiumOrLa',
  'boolean',
];

/** A field's help: the schema's own description, except for {@link ownHelpKinds}. */
function fieldHelp(type: LeverType, field: LeverField): string {
  if (ownHelpKinds.includes(field.kind)) return field.help;
  return schemaDescription(type, field.key) ?? field.help;
}

/** The description of every lever type, with help from the schema's own descriptions. */
export const leverTypeDescriptions = Object.fromEntries(
  leverTypes.map((type): [LeverType, LeverTypeDescription] => {
    const own = draftFields[type];
    return [
      type,
      {
        type,
        name: own.name,
        summary: schemaByType.get(type)?.description ?? own.name,
        fields: own.fields.map((f) => ({ ...f, help: fieldHelp(type, f) })),
      },
    ];
  }),
) as Record<LeverType, LeverTypeDescription>;

// ---------- Drafts: what a lever's form holds ----------

/** A lever as its form holds it: text for inputs, booleans for checkboxes. */
export interface LeverDraft {
  /** React key, stable while editing. */
  key: string;
  type: LeverType;
  /** Kept from the lever so figures stay traceable; not edited. */
  id?: string;
  values: Record<string, string | boolean>;
}

export interface ScenarioDraft {
  notes: string;
  illustrative: boolean;
  levers: LeverDraft[];
}

let draftCounter = 0;
const nextKey = () => `lever-draft-${++draftCounter}`;

/** The form values of a lever. */
export function leverToDraft(lever: Lever): LeverDraft {
  const description = leverTypeDescriptions[lever.type];
  const source = lever as unknown as Record<string, unknown>;
  const values: Record<string, string | boolean> = {};
  for (const field of description.fields) {
    const value = source[field.key];
    if (field.kind === 'boolean') values[field.key] = value === true;
    else if (value === undefined || value === null) values[field.key] = '';
    else if (field.kind === 'percent' && typeof value === 'number') values[field.key] = shareToPercentText(value);
    else if (field.kind === 'percentList' && Array.isArray(value))
      values[field.key] = value.map((v) => shareToPercentText(Number(v))).join(', ');
    else values[field.key] = String(value);
  }
  return { key: nextKey(), type: lever.type, ...(lever.id !== undefined ? { id: lever.id } : {}), values };
}

export function scenarioToDraft(scenario: Scenario): ScenarioDraft {
  return { notes: scenario.notes, illustrative: scenario.illustrative, levers: scenario.levers.map(leverToDraft) };
}

/** What the editor needs to make a sensible new lever. */
export interface NewLeverContext {
  members: readonly { code: string; name: string }[];
  years: readonly string[];
  /** The plan's reference block price, £ a week, when known. */
  blockPrice?: number;
}

/** A new lever of a type, with values a user can start from (modest, and valid for the plan). */
export function newLever(type: LeverType, context: NewLeverContext): Lever {
  const la = context.members[0]?.code ?? 'E08000001';
  const first = context.years[0] ?? '2026';
  const second = context.years[1] ?? first;
  switch (type) {
    case 'blockContract':
      return {
        type,
        la,
        commissionedBy: 'consortium',
        beds: 4,
        weeklyPrice: Math.round(context.blockPrice ?? 6000),
        startYear: first,
        termYears: 5,
        guaranteedAccess: 1,
        voidCostShare: 1,
        fromExistingPlaces: true,
        indexed: false,
      };
    case 'newHome':
      return {
        type,
        la,
        runBy: 'consortium',
        places: 4,
        needType: 'mainstream',
        capitalCost: 1_000_000,
        runningCostPerYear: 950_000,
        openingYear: second,
        assetLifeYears: 25,
        rampUp: [0.5],
      };
    case 'localFirstAgreement':
      return { type, la: 'all', share: 0.2, startYear: first, annualCost: 0 };
    case 'closure':
      return { type, la, sector: 'Private', places: 4, year: first };
    case 'prevention':
      return { type, la: 'all', entriesReduction: 0.1, startYear: first, annualCost: 0 };
    case 'stepDown':
      return { type, la: 'all', annualShare: 0.05, startYear: first, annualCost: 0 };
    case 'priceInflation':
      return { type, annualRate: 0.02, startYear: first };
    case 'distancePolicy':
      return { type, la: 'all', startYear: first };
  }
}

/** Reads a typed number: allows "£", "%", commas, spaces and a typographic minus; NaN when not a number. */
export function parseNumberText(text: string): number {
  const cleaned = text.replace(/[£%,\s]/g, '').replace(/\u2212/g, '-');
  if (cleaned === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return Number.NaN;
  return Number(cleaned);
}

/** A percentage typed as text → a share, rounded to remove floating-point noise (7 → 0.07). */
function percentToShare(text: string): number {
  const value = parseNumberText(text);
  return Number.isFinite(value) ? Number((value / 100).toFixed(8)) : Number.NaN;
}

/**
 * The lever a form describes, as the schema will check it: empty optional fields are left out,
 * empty or unreadable numbers are passed as NaN or undefined so the schema's messages say what
 * is wrong.
 */
export function draftToLeverInput(draft: LeverDraft): Record<string, unknown> {
  const out: Record<string, unknown> = { type: draft.type };
  if (draft.id !== undefined) out.id = draft.id;
  for (const field of leverTypeDescriptions[draft.type].fields) {
    const raw = draft.values[field.key];
    if (field.kind === 'boolean') {
      out[field.key] = raw === true;
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') {
      // A required number left empty is an error (not silently the schema's default).
      const numeric =
        field.kind === 'int' || field.kind === 'number' || field.kind === 'money' || field.kind === 'percent';
      if (!field.optional && numeric) out[field.key] = Number.NaN;
      continue;
    }
    switch (field.kind) {
      case 'int':
      case 'number':
      case 'money':
        out[field.key] = parseNumberText(text);
        break;
      case 'percent':
        out[field.key] = percentToShare(text);
        break;
      case 'percentList':
        out[field.key] = text
          .split(/[,;\s]+/)
          .filter((part) => part !== '')
          .map(percentToShare);
        break;
      default:
        out[field.key] = text;
    }
  }
  return out;
}

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

/** True when two drafts would save the same scenario (ignores React keys). */
export function sameDraft(a: ScenarioDraft, b: ScenarioDraft): boolean {
  const strip = (d: ScenarioDraft) =>
    JSON.stringify({ ...d, levers: d.levers.map((l) => ({ type: l.type, id: l.id, values: l.values })) });
  return strip(a) === strip(b);
}
