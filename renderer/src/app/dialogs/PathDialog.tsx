import { useId, useState, type FormEvent } from 'react';
import { planPathSchema, type RecentPlan } from '../../../../shared/api/contract.js';
import { RecentPlans } from '../RecentPlans';
import { Modal } from '../Modal';

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

/** Browser mode's stand-in for the native open/save dialogs: a full path, checked as the host will check it. */
export function PathDialog({ purpose, initialPath, recent, onSubmit, onCancel }: PathDialogProps) {
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const introId = useId();
  const formId = useId();
  const [path, setPath] = useState(initialPath);
  const [problem, setProblem] = useState<string | null>(null);
  const { title, submit, intro } = copy[purpose];

  function onFormSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = planPathSchema.safeParse(path.trim());
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? 'Enter the full path of the file.');
      return;
    }
    onSubmit(parsed.data);
  }

  const describedBy = [hintId, problem ? errorId : null].filter(Boolean).join(' ');

  return (
    <Modal
      title={title}
      onCancel={onCancel}
      describedBy={introId}
      wide
      actions={
        <>
          <button type="submit" form={formId} className="button button-primary">
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
          <label htmlFor={inputId}>Full path of the plan file</label>
          <p id={hintId} className="field-hint">
            For example /home/you/plans/greater-manchester.ccplan
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
            aria-describedby={describedBy}
            aria-invalid={problem ? true : undefined}
            autoComplete="off"
            spellCheck={false}
            data-autofocus
          />
        </div>
      </form>
      {purpose === 'open' && recent.length > 0 && (
        <section className="modal-section" aria-labelledby={`${inputId}-recent`}>
          <h3 id={`${inputId}-recent`} className="modal-subtitle">
            Recent plans
          </h3>
          <RecentPlans recent={recent} disabled={false} onOpen={onSubmit} />
        </section>
      )}
    </Modal>
  );
}
