/**
 * The Import view's form to import by path: full paths of the files, one per line, read where they
 * are (for very large files, and for the browser window, which cannot see where a dropped file is),
 * with each problem in the list shown under the field.
 */
import { useId, type FormEvent, type RefObject } from 'react';
import type { PathListProblem } from './importModel';

export function PathImportForm({
  id,
  open,
  working,
  text,
  problems,
  onTextChange,
  onSubmit,
  fieldRef,
}: {
  id: string;
  open: boolean;
  working: boolean;
  text: string;
  problems: readonly PathListProblem[];
  onTextChange(text: string): void;
  onSubmit(event: FormEvent<HTMLFormElement>): void;
  fieldRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const pathsFieldId = useId();
  const pathsHintId = useId();
  const pathsErrorId = useId();
  const pathsDescribedBy = [pathsHintId, problems.length ? pathsErrorId : null].filter(Boolean).join(' ');
  return (
    <form id={id} className="path-import" hidden={!open} onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor={pathsFieldId}>Full paths of the files, one per line</label>
        <p id={pathsHintId} className="field-hint">
          For example /home/you/Downloads/cla_number_and_rate_per_10k_children.csv. The file is read where it is, so
          this suits very large files and this browser window, which cannot see where a dropped file is.
        </p>
        {problems.length > 0 && (
          <ul id={pathsErrorId} className="field-error path-problems">
            {problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        )}
        <textarea
          ref={fieldRef}
          id={pathsFieldId}
          className="text-input text-input-wide path-list"
          rows={3}
          wrap="off"
          value={text}
          onChange={(e) => onTextChange(e.target.value)}
          aria-describedby={pathsDescribedBy}
          aria-invalid={problems.length ? true : undefined}
          autoComplete="off"
          spellCheck={false}
          data-testid="import-paths"
        />
      </div>
      <button type="submit" className="button button-primary" disabled={working}>
        Preview
      </button>
    </form>
  );
}
