import { useId, useState, type FormEvent } from 'react';
import { planPathSchema } from '../../../../shared/api/contract.js';
import { Modal } from '../../app/Modal';

export interface SavePdfDialogProps {
  initialPath: string;
  onSubmit(path: string): void;
  onCancel(): void;
}

/** Browser mode's stand-in for the native save dialog: the full path of the PDF, checked as the host checks it. */
export function SavePdfDialog({ initialPath, onSubmit, onCancel }: SavePdfDialogProps) {
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
      title="Save report as PDF"
      onCancel={onCancel}
      describedBy={introId}
      wide
      actions={
        <>
          <button type="submit" form={formId} className="button button-primary" data-testid="report-pdf-save">
            Save PDF
          </button>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        </>
      }
    >
      <p id={introId}>This browser window cannot show your computer’s file picker, so type where to save the PDF.</p>
      <form id={formId} onSubmit={onFormSubmit} noValidate>
        <div className="field">
          <label htmlFor={inputId}>Full path of the PDF file</label>
          <p id={hintId} className="field-hint">
            For example /home/you/plans/greater-manchester-report.pdf
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
            data-testid="report-pdf-path"
          />
        </div>
      </form>
    </Modal>
  );
}
