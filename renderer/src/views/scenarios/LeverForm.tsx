import { saysUnit } from '#shared/model/words.js';
import { useId } from 'react';
import { financialYear } from '#shared/scenario/years.js';
import { leverTypeDescriptions, type LeverDraft, type LeverField } from './leverFields';

export interface MemberOption {
  code: string;
  name: string;
}

export interface LeverFormProps {
  draft: LeverDraft;
  index: number;
  members: readonly MemberOption[];
  /** Names of authorities that are not members, by code, for a lever still naming one. */
  otherNames?: Readonly<Record<string, string>>;
  /** The projection's years (ending 31 March), offered for start and opening years. */
  years: readonly string[];
  /** Messages per field key. */
  errors: Record<string, string[]>;
  readOnly: boolean;
  onChange(values: LeverDraft['values']): void;
  onRemove(): void;
}

/**
 * One lever's form, generated from its field descriptions: member LAs and years as choices, numbers
 * with their units, shares as percentages, help from the schema, and the schema's messages next to
 * the field they are about.
 */
export function LeverForm({
  draft,
  index,
  members,
  otherNames = {},
  years,
  errors,
  readOnly,
  onChange,
  onRemove,
}: LeverFormProps) {
  const description = leverTypeDescriptions[draft.type];
  const baseId = useId();
  const customLabel = typeof draft.values.label === 'string' ? draft.values.label.trim() : '';
  const fieldErrors = Object.values(errors).reduce((n, list) => n + list.length, 0);
  const headingId = `${baseId}-heading`;

  const set = (key: string, value: string | boolean) => onChange({ ...draft.values, [key]: value });

  return (
    <section
      className={fieldErrors > 0 ? 'scn-lever has-errors' : 'scn-lever'}
      data-testid="lever-form"
      data-type={draft.type}
      aria-labelledby={headingId}
    >
      <header className="scn-lever-header">
        <h4 id={headingId} className="scn-lever-title">
          <span className="scn-lever-number">{index + 1}</span>
          {description.name}
          {customLabel && <span className="scn-lever-label">{customLabel}</span>}
        </h4>
        {!readOnly && (
          <button type="button" className="button button-small button-quiet scn-remove" onClick={onRemove}>
            Remove<span className="visually-hidden"> lever {index + 1}</span>
          </button>
        )}
      </header>
      <p className="scn-lever-summary">{description.summary}</p>
      <div className="scn-lever-fields">
        {description.fields.map((field) => (
          <FieldInput
            key={field.key}
            id={`${baseId}-${field.key}`}
            field={field}
            value={draft.values[field.key]}
            members={members}
            otherNames={otherNames}
            years={years}
            errors={errors[field.key] ?? []}
            readOnly={readOnly}
            onChange={(v) => set(field.key, v)}
          />
        ))}
      </div>
    </section>
  );
}

interface FieldInputProps {
  id: string;
  field: LeverField;
  value: string | boolean | undefined;
  members: readonly MemberOption[];
  otherNames: Readonly<Record<string, string>>;
  years: readonly string[];
  errors: readonly string[];
  readOnly: boolean;
  onChange(value: string | boolean): void;
}

function FieldInput({ id, field, value, members, otherNames, years, errors, readOnly, onChange }: FieldInputProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = errors.length > 0;
  const describedBy = invalid ? `${errorId} ${hintId}` : hintId;
  const common = {
    id,
    'aria-invalid': invalid ? true : undefined,
    'aria-describedby': describedBy,
    'data-field': field.key,
    disabled: readOnly,
  } as const;
  const text = typeof value === 'string' ? value : '';

  const hint = (
    <p id={hintId} className="field-hint scn-hint">
      {field.help}
      {field.optional && field.kind !== 'boolean' ? ' Optional.' : ''}
    </p>
  );
  const errorList = invalid && (
    <p id={errorId} className="field-error scn-field-error">
      {errors.join(' ')}
    </p>
  );

  if (field.kind === 'boolean') {
    return (
      <div className="scn-field scn-field-check">
        <label htmlFor={id} className="scn-check-label">
          <input type="checkbox" {...common} checked={value === true} onChange={(e) => onChange(e.target.checked)} />
          {field.label}
        </label>
        {errorList}
        {hint}
      </div>
    );
  }

  const label = (
    <label htmlFor={id}>
      {field.label}
      {field.unit && !saysUnit(field.label, field.unit) && <span className="scn-unit"> ({field.unit})</span>}
    </label>
  );

  let control;
  switch (field.kind) {
    case 'la':
    case 'laOrAll':
    case 'consortiumOrLa': {
      const known = members.some((m) => m.code === text) || text === 'all' || text === 'consortium';
      control = (
        <select {...common} className="select scn-select" value={text} onChange={(e) => onChange(e.target.value)}>
          {field.kind === 'laOrAll' && <option value="all">All members</option>}
          {field.kind === 'consortiumOrLa' && <option value="consortium">The consortium (any member)</option>}
          {members.map((m) => (
            <option key={m.code} value={m.code}>
              {m.name}
            </option>
          ))}
          {!known && <option value={text}>{otherNames[text] ?? (text || 'Choose…')} (not a member)</option>}
        </select>
      );
      break;
    }
    case 'year': {
      const options = years.includes(text) || text === '' ? years : [...years, text].sort();
      control = (
        <select {...common} className="select scn-select" value={text} onChange={(e) => onChange(e.target.value)}>
          {text === '' && <option value="">Choose…</option>}
          {options.map((y) => (
            <option key={y} value={y}>
              {financialYear(y)}
              {years.includes(y) ? '' : ' (outside the projection)'}
            </option>
          ))}
        </select>
      );
      break;
    }
    case 'enum':
      control = (
        <select {...common} className="select scn-select" value={text} onChange={(e) => onChange(e.target.value)}>
          {(field.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    default: {
      const numeric =
        field.kind === 'int' || field.kind === 'number' || field.kind === 'money' || field.kind === 'percent';
      const prefix = field.kind === 'money' ? '£' : null;
      const suffix = field.kind === 'percent' ? '%' : null;
      control = (
        <span className={`scn-input-wrap${prefix ? ' has-prefix' : ''}${suffix ? ' has-suffix' : ''}`}>
          {prefix && (
            <span className="scn-affix" aria-hidden="true">
              {prefix}
            </span>
          )}
          <input
            {...common}
            type="text"
            className={`text-input scn-input${numeric ? ' is-numeric' : ''}${field.kind === 'text' ? ' is-text' : ''}`}
            inputMode={numeric ? (field.kind === 'int' ? 'numeric' : 'decimal') : undefined}
            autoComplete="off"
            spellCheck={field.kind === 'text'}
            value={text}
            maxLength={field.kind === 'text' ? (field.maxLength ?? 200) : 40}
            onChange={(e) => onChange(e.target.value)}
          />
          {suffix && (
            <span className="scn-affix" aria-hidden="true">
              {suffix}
            </span>
          )}
        </span>
      );
    }
  }

  return (
    <div className={`scn-field scn-field-${field.kind}`}>
      {label}
      {control}
      {errorList}
      {hint}
    </div>
  );
}
