import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { planPathSchema, type RecentPlan } from '#shared/api/contract.js';
import { RecentPlans } from '../RecentPlans';
import { Modal } from '../Modal';

export interface PathEntryDialogProps {
  title: string;
  /** The submit button's text. */
  submit: string;
  intro: string;
  /** The field's label, e.g. "Full path of the plan file". */
  label: string;
  /** An example path shown under the label. */
  example: string;
  initialPath: string;
  onSubmit(path: string): void;
  onCancel(): void;
  submitTestId?: string;
  inputTestId?: string;
  /** Shown under the form (recent plans, say). */
  children?: ReactNode;
}

/**
 * Browser mode's stand-in for a native file dialog: a full path typed in one field, checked as the
 * host will check it, with the problem shown next to the field.
 */
export function PathEntryDialog({
  title,
  submit,
  intro,
  label,
  example,
  initialPath,
  onSubmit,
  onCancel,
  submitTestId,
  inputTestId,
  children,
}: PathEntryDialogProps) {
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const introId = useId();
  const formId = useId();
  const [path, setPath] = useState(initialPath);
  const [problem, setProblem] = useState<string | null>(null);

  function onFormSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = planPathSchema.safeParse(path.trim());
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? 'Enter the full path of the file.');
      return;
    }
    onSubmit(parsed.data);
  }

  return (
    <Modal
      title={title}
      onCancel={onCancel}
      describedBy={introId}
      wide
      actions={
        <>
          <button type="submit" form={formId} className="button button-primary" data-testid={submitTestId}>
            {submit}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        </>
      }
    >
      <p id={introId}>{intro}</p>
      <form id={formId} onSubmit={onFormSubmit} noValidate>
        <div className="field">
          <label htmlFor={inputId}>{label}</label>
          <p id={hintId} className="field-hint">
            For example {example}
          </p>
          {problem && (
            <p id={errorId} className="field-error">
              {problem}
            </p>
          )}
          <input
            id={inputId}
            type="text"
            className="text-input text-input-wide"
            value={path}
            onChange={(e) => {
              setPath(e.target.value);
              setProblem(null);
            }}
            aria-describedby={[hintId, problem ? errorId : null].filter(Boolean).join(' ')}
            aria-invalid={problem ? true : undefined}
            autoComplete="off"
            spellCheck={false}
            data-autofocus
            data-testid={inputTestId}
          />
        </div>
      </form>
      {children}
    </Modal>
  );
}

export type PathPurpose = 'open' | 'saveAs';

export interface PathDialogProps {
  purpose: PathPurpose;
  initialPath: string;
  /** Offered as shortcuts when opening. */
  recent: RecentPlan[];
  onSubmit(path: string): void;
  onCancel(): void;
}

const copy: Record<PathPurpose, { title: string; submit: string; intro: string }> = {
  open: {
    title: 'Open a plan',
    submit: 'Open',
    intro: 'This browser window cannot show your computer’s file picker, so type where the plan file is.',
  },
  saveAs: {
    title: 'Save plan as',
    submit: 'Save',
    intro: 'This browser window cannot show your computer’s file picker, so type where to save the plan.',
  },
};

/** Browser mode's stand-in for the native open/save dialogs of a plan, with recent plans when opening. */
export function PathDialog({ purpose, initialPath, recent, onSubmit, onCancel }: PathDialogProps) {
  const recentId = useId();
  return (
    <PathEntryDialog
      {...copy[purpose]}
      label="Full path of the plan file"
      example="/home/you/plans/our-consortium.ccplan"
      initialPath={initialPath}
      onSubmit={onSubmit}
      onCancel={onCancel}
    >
      {purpose === 'open' && recent.length > 0 && (
        <section className="modal-section" aria-labelledby={recentId}>
          <h3 id={recentId} className="modal-subtitle">
            Recent plans
          </h3>
          <RecentPlans recent={recent} disabled={false} onOpen={onSubmit} />
        </section>
      )}
    </PathEntryDialog>
  );
}
