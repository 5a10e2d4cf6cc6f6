import { useId } from 'react';
import { methodLabels } from '../../models/projectionModel';

export type MethodChoice = 'rate' | 'manual';

export interface ControlValues {
  method: MethodChoice;
  horizonYears: number;
  simulations: number;
  /** As typed; checked before use. */
  seedText: string;
}

export const simulationChoices: readonly { value: number; label: string }[] = [
  { value: 0, label: 'None (instant)' },
  { value: 500, label: '500' },
  { value: 1000, label: '1,000' },
  { value: 2000, label: '2,000' },
  { value: 5000, label: '5,000' },
  { value: 10000, label: '10,000' },
  { value: 20000, label: '20,000' },
];

/** The seed as a whole number from 0 to 2,147,483,647, or a message. */
export function parseSeed(text: string): { ok: true; seed: number } | { ok: false; message: string } {
  const t = text.trim();
  if (!/^\d{1,10}$/.test(t) || Number(t) > 2_147_483_647) {
    return { ok: false, message: 'The seed must be a whole number from 0 to 2,147,483,647.' };
  }
  return { ok: true, seed: Number(t) };
}

export interface ProjectionControlsProps {
  values: ControlValues;
  onChange(values: ControlValues): void;
  /** Text of the status line ("Updating…" while a run is on its way). */
  status: string;
  updating: boolean;
}

/** Method, horizon, simulations and seed. Each change reruns the projection after a short pause. */
export function ProjectionControls({ values, onChange, status, updating }: ProjectionControlsProps) {
  const id = useId();
  const seed = parseSeed(values.seedText);
  const seedErrorId = `${id}-seed-error`;
  return (
    <div className="proj-controls">
      <fieldset className="proj-method">
        <legend>Method</legend>
        <div className="proj-segmented">
          {(['rate', 'manual'] as const).map((m) => (
            <label key={m} className={values.method === m ? 'is-checked' : undefined}>
              <input
                type="radio"
                name={`${id}-method`}
                value={m}
                checked={values.method === m}
                onChange={() => onChange({ ...values, method: m })}
              />
              {methodLabels[m]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="proj-control">
        <label htmlFor={`${id}-horizon`}>Horizon</label>
        <select
          id={`${id}-horizon`}
          className="select"
          value={values.horizonYears}
          onChange={(e) => onChange({ ...values, horizonYears: Number(e.target.value) })}
        >
          {Array.from({ length: 10 }, (_, i) => i + 1).map((h) => (
            <option key={h} value={h}>
              {h} {h === 1 ? 'year' : 'years'}
            </option>
          ))}
        </select>
      </div>
      <div className="proj-control">
        <label htmlFor={`${id}-sims`}>Simulations</label>
        <select
          id={`${id}-sims`}
          className="select"
          value={values.simulations}
          onChange={(e) => onChange({ ...values, simulations: Number(e.target.value) })}
        >
          {simulationChoices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <div className="proj-control">
        <label htmlFor={`${id}-seed`}>Seed</label>
        <input
          id={`${id}-seed`}
          className="text-input proj-seed"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          value={values.seedText}
          disabled={values.simulations === 0}
          aria-invalid={!seed.ok}
          aria-describedby={!seed.ok ? seedErrorId : undefined}
          onChange={(e) => onChange({ ...values, seedText: e.target.value })}
        />
      </div>
      <p className={updating ? 'proj-status is-updating' : 'proj-status'} role="status" data-testid="projection-status">
        {status}
      </p>
      {!seed.ok && (
        <p id={seedErrorId} className="field-error proj-controls-error">
          {seed.message}
        </p>
      )}
    </div>
  );
}
