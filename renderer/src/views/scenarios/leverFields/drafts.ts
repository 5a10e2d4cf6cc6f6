/**
 * Drafts: what a lever's form holds (text for inputs, booleans for tick boxes), made from a lever
 * and read back into the lever the schema will check. React keys for the forms come from the plan
 * session (app/planSession/planSessionStore.ts), unique while the app runs.
 */
import type { Lever, LeverType, Scenario } from '#shared/scenario/levers.js';
import { planSession } from '#renderer/app/planSession/planSessionStore.js';
import { shareToPercentText } from '#renderer/models/leverSummary.js';
import { leverTypeDescriptions } from './descriptions';

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

const nextKey = () => planSession.nextDraftKey();

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

/** True when two drafts would save the same scenario (ignores React keys). */
export function sameDraft(a: ScenarioDraft, b: ScenarioDraft): boolean {
  const strip = (d: ScenarioDraft) =>
    JSON.stringify({ ...d, levers: d.levers.map((l) => ({ type: l.type, id: l.id, values: l.values })) });
  return strip(a) === strip(b);
}
