import { useId, useState, type FormEvent } from 'react';
import { Modal } from '../../app/Modal';

/** Checks a scenario name as the host will: 1–120 characters after trimming, unique in the plan. */
export function checkScenarioName(name: string, otherNames: readonly string[]): string | null {
  const trimmed = name.trim();
  if (!trimmed) return 'A scenario needs a name.';
  if (trimmed.length > 120) return 'Keep the name under 120 characters.';
  if (otherNames.includes(trimmed)) return `There is already a scenario called “${trimmed}”: choose another name.`;
  return null;
}

export interface NameDialogProps {
  title: string;
  label: string;
  initial: string;
  confirm: string;
  /** Names already used by other scenarios. */
  otherNames: readonly string[];
  intro?: string;
  /** Makes the change; resolves to an error message to show, or null when done. */
  onSubmit(name: string): Promise<string | null>;
  onCancel(): void;
}

/** Asks for a scenario's name (new, duplicate, rename), checking it before it is sent. */
export function NameDialog({ title, label, initial, confirm, otherNames, intro, onSubmit, onCancel }: NameDialogProps) {
  const [name, setName] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const inputId = useId();
  const errorId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const issue = checkScenarioName(name, otherNames);
    if (issue) {
      setProblem(issue);
      return;
    }
    setSaving(true);
    const error = await onSubmit(name.trim());
    setSaving(false);
    if (error) setProblem(error);
  }

  return (
    <Modal
      title={title}
      onCancel={onCancel}
      actions={
        <>
          <button type="button" className="button" onClick={onCancel} disabled={saving}>
            Cancel
          </button>
          <button type="submit" form={`${inputId}-form`} className="button button-primary" disabled={saving}>
            {confirm}
          </button>
        </>
      }
    >
      <form id={`${inputId}-form`} onSubmit={submit} noValidate>
        {intro && <p>{intro}</p>}
        <div className="field">
          <label htmlFor={inputId}>{label}</label>
          <input
            id={inputId}
            className="text-input scn-name-input"
            type="text"
            value={name}
            maxLength={200}
            autoComplete="off"
            data-autofocus
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? errorId : undefined}
            onChange={(e) => {
              setName(e.target.value);
              setProblem(null);
            }}
            onFocus={(e) => e.target.select()}
          />
          {problem && (
            <p id={errorId} className="field-error">
              {problem}
            </p>
          )}
        </div>
      </form>
    </Modal>
  );
}

export interface ConfirmDeleteDialogProps {
  name: string;
  onConfirm(): Promise<string | null>;
  onCancel(): void;
}

/** Asks before a scenario is deleted; Cancel is the default. */
export function ConfirmDeleteDialog({ name, onConfirm, onCancel }: ConfirmDeleteDialogProps) {
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const descriptionId = useId();
  return (
    <Modal
      title="Delete this scenario?"
      onCancel={onCancel}
      describedBy={descriptionId}
      actions={
        <>
          <button type="button" className="button button-primary" onClick={onCancel} data-autofocus disabled={saving}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-danger"
            disabled={saving}
            onClick={async () => {
              setSaving(true);
              const error = await onConfirm();
              setSaving(false);
              if (error) setProblem(error);
            }}
          >
            Delete scenario
          </button>
        </>
      }
    >
      <p id={descriptionId}>
        “{name}” and its levers and notes will be removed from the plan. Until you save the plan, closing it without
        saving brings the scenario back.
      </p>
      {problem && <p className="field-error">{problem}</p>}
    </Modal>
  );
}
