/**
 * What the lever editor shows for each lever type: its name, the schema's summary of it, and its
 * fields with help from the schema's own descriptions (zod `.describe()`), except where the form
 * takes another form of the value than the stored one (percentages, names, tick boxes).
 */
import { leverSchema, type LeverType } from '#shared/scenario/levers.js';
import { draftFields } from './catalogue';
import type { FieldKind, LeverField, LeverTypeDescription } from './fieldTypes';

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
