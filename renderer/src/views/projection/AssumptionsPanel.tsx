import { useEffect, useId, useMemo, useState } from 'react';
import type { ForecastAssumption } from '#shared/forecast/types.js';
import {
  buildAssumptionRows,
  parsePercent,
  type AssumptionRowModel,
  type EditableSpec,
} from '../../models/projectionModel';

/** How long an assumption's input must stay still before the change is saved in the plan. */
export const assumptionDebounceMs = 350;

export interface AssumptionsPanelProps {
  assumptions: readonly ForecastAssumption[];
  /** Saves a changed value in the plan; resolves to an error message, or null when it was saved. */
  onCommit(planKey: string, share: number): Promise<string | null>;
  /** The last host error for each plan key, shown under its input. */
  errors: Readonly<Record<string, string | null>>;
  /** Names the method, for the panel's introduction. */
  methodName: string;
}

/**
 * Every assumption the projection rests on, with its value, rationale and source. Those the plan
 * stores can be changed here (as percentages); the change is saved in the plan and the projection
 * is run again.
 */
export function AssumptionsPanel({ assumptions, onCommit, errors, methodName }: AssumptionsPanelProps) {
  const headingId = useId();
  const rows = useMemo(() => buildAssumptionRows(assumptions), [assumptions]);
  const editable = rows.filter((r) => r.editable);
  const readOnly = rows.filter((r) => !r.editable);
  return (
    <section className="proj-assumptions" aria-labelledby={headingId}>
      <h2 id={headingId}>Assumptions</h2>
      <p className="proj-panel-intro">
        The {methodName} projection rests on these. Change a value and the charts and tables follow; the new value is
        kept in the plan (save the plan to keep it).
      </p>
      <ul className="proj-assumption-list">
        {editable.map((row) => (
          <li
            key={row.key}
            className="proj-assumption is-editable"
            data-testid="projection-assumption"
            data-key={row.key}
          >
            {row.editable && (
              <AssumptionInput
                row={row}
                spec={row.editable}
                onCommit={onCommit}
                hostError={errors[row.editable.planKey] ?? null}
              />
            )}
            <p className="proj-rationale">{row.rationale}</p>
            {row.source && <p className="proj-source">Source: {row.source}</p>}
          </li>
        ))}
      </ul>
      {readOnly.length > 0 && (
        <>
          <h3 className="proj-subheading">Also assumed</h3>
          <ul className="proj-assumption-list">
            {readOnly.map((row) => (
              <li key={row.key} className="proj-assumption" data-testid="projection-assumption" data-key={row.key}>
                <p className="proj-assumption-head">
                  <span className="proj-assumption-label">{row.label}</span>
                  <span className="proj-assumption-value">{row.valueText}</span>
                </p>
                {row.note && <p className="proj-assumption-note">{row.note}</p>}
                <p className="proj-rationale">{row.rationale}</p>
                {row.source && <p className="proj-source">Source: {row.source}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

interface Draft {
  text: string;
  /** The saved value (as a percentage) the draft was typed against; a newer saved value replaces it. */
  base: number;
}

function AssumptionInput({
  row,
  spec,
  onCommit,
  hostError,
}: {
  row: AssumptionRowModel;
  spec: EditableSpec & { percent: number };
  onCommit(planKey: string, share: number): Promise<string | null>;
  hostError: string | null;
}) {
  const id = useId();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [invalidText, setInvalidText] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const active = draft !== null && draft.base === spec.percent ? draft : null;
  const text = active?.text ?? String(spec.percent);
  const parsed = parsePercent(text, spec);
  const showInvalid = !parsed.ok && invalidText === text;
  const message = showInvalid && !parsed.ok ? parsed.message : hostError;
  const messageId = `${id}-message`;
  const rangeId = `${id}-range`;

  const activeText = active?.text ?? null;
  const { planKey, percent: saved, min, max, name } = spec;
  useEffect(() => {
    if (activeText === null) return;
    const timer = window.setTimeout(() => {
      const p = parsePercent(activeText, { min, max, name });
      if (!p.ok) {
        setInvalidText(activeText);
        return;
      }
      if (p.percent === saved) return;
      setSaving(true);
      void onCommit(planKey, p.share).finally(() => setSaving(false));
    }, assumptionDebounceMs);
    return () => window.clearTimeout(timer);
  }, [activeText, saved, planKey, min, max, name, onCommit]);

  const change = (value: string) => setDraft({ text: value, base: spec.percent });

  return (
    <div className="proj-assumption-edit">
      <label htmlFor={`${id}-number`} className="proj-assumption-label">
        {row.label}
      </label>
      <div className="proj-assumption-inputs">
        <input
          type="range"
          className="proj-slider"
          min={spec.min}
          max={spec.max}
          step={spec.step}
          value={parsed.ok ? parsed.percent : spec.percent}
          aria-label={`${row.label} (slider, per cent)`}
          aria-valuetext={`${parsed.ok ? parsed.percent : spec.percent}%`}
          onChange={(e) => change(e.target.value)}
        />
        <span className="proj-percent-field">
          <input
            id={`${id}-number`}
            className="text-input proj-percent-input"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            value={text}
            data-testid="assumption-input"
            data-key={planKey}
            aria-invalid={showInvalid}
            aria-describedby={message ? `${rangeId} ${messageId}` : rangeId}
            onChange={(e) => change(e.target.value)}
          />
          <span className="proj-percent-sign" aria-hidden="true">
            %
          </span>
        </span>
      </div>
      <p id={rangeId} className="proj-assumption-range">
        Per cent, from {spec.min}% to {spec.max}%{saving ? ' · saving…' : ''}
      </p>
      {message && (
        <p id={messageId} className="field-error proj-assumption-error" role="alert">
          {message}
        </p>
      )}
    </div>
  );
}
