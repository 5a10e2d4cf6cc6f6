/**
 * The types that describe a lever's form: the kind of each field (which input it gets), a field's
 * label, unit and help, and a lever type's name, summary and fields. See ./catalogue.ts for the
 * fields of each lever type and ./descriptions.ts for the descriptions with the schema's help.
 */
import type { LeverType } from '#shared/scenario/levers.js';

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
