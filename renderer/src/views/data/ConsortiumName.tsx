import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { callArgSchemas } from '#shared/api/contract.js';
import { api } from '../../api';
import { usePlan } from '../../app/PlanContext';

/** The consortium's name with an inline Rename control; renaming marks the plan as having unsaved changes. */
export function ConsortiumName() {
  const { summary, perform, editMembers } = usePlan();
  const name = summary.consortium.name;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(name);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const renameRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const inputId = useId();
  const errorId = useId();

  useEffect(() => {
    if (editing) {
      inputRef.current?.focus();
      inputRef.current?.select();
    } else if (returnFocus.current) {
      returnFocus.current = false;
      renameRef.current?.focus();
    }
  }, [editing]);

  function start() {
    setDraft(name);
    setProblem(null);
    setEditing(true);
  }

  function finish() {
    returnFocus.current = true;
    setEditing(false);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = callArgSchemas.renameConsortium.safeParse({ name: draft });
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? 'Enter a name for the consortium.');
      return;
    }
    if (parsed.data.name === name) {
      finish();
      return;
    }
    setSaving(true);
    const ok = await perform(() => api.renameConsortium({ name: parsed.data.name }));
    setSaving(false);
    if (ok) finish();
  }

  if (!editing) {
    return (
      <div className="consortium-line">
        <span className="consortium-label">Consortium</span>
        <span className="consortium-value" data-testid="consortium-name">
          {name}
        </span>
        <button ref={renameRef} type="button" className="button button-small" onClick={start}>
          Rename<span className="visually-hidden"> consortium</span>
        </button>
        <button type="button" className="button button-small" onClick={editMembers} data-testid="members-button">
          <span>
            Members<span className="visually-hidden"> of the consortium</span>…
          </span>
        </button>
      </div>
    );
  }

  return (
    <form className="consortium-line consortium-form" onSubmit={onSubmit} noValidate>
      <label htmlFor={inputId} className="consortium-label">
        Consortium name
      </label>
      <input
        ref={inputRef}
        id={inputId}
        type="text"
        className="text-input"
        value={draft}
        maxLength={200}
        onChange={(e) => {
          setDraft(e.target.value);
          setProblem(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            finish();
          }
        }}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? errorId : undefined}
        autoComplete="off"
      />
      <button type="submit" className="button button-primary button-small" disabled={saving}>
        Save name
      </button>
      <button type="button" className="button button-small" onClick={finish} disabled={saving}>
        Cancel
      </button>
      {problem && (
        <p id={errorId} className="field-error consortium-error">
          {problem}
        </p>
      )}
    </form>
  );
}
