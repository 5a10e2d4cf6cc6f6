/**
 * The New plan dialog: choose where the consortium starts — one of England's nine regions, a
 * combined authority, all of England, or your own choice of councils — then adjust its members with
 * the shared authority chooser and name it. Create makes the plan from the built-in data through the
 * host's newPlan; a refusal is shown here and the dialog stays open.
 */
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import type { AuthorityChoice } from '#shared/api/contract.js';
import type { ConsortiumChoice, ConsortiumPreset } from '#shared/model/consortia.js';
import { api } from '../../api';
import { AuthorityChooser } from '../AuthorityChooser';
import { Modal } from '../Modal';
import { toShownError } from '../usePlanController';
import {
  chooseStart,
  describeStart,
  initialNewPlanState,
  maxNameLength,
  setChosen,
  setName,
  startSections,
  validateNewPlan,
  type NewPlanProblems,
  type NewPlanState,
} from './newPlanModel';

export interface NewPlanDialogProps {
  /** Makes the plan; rejects with the host's error, which the dialog shows. */
  onCreate(choice: ConsortiumChoice): Promise<void>;
  onCancel(): void;
}

export function NewPlanDialog({ onCreate, onCancel }: NewPlanDialogProps) {
  const introId = useId();
  const formId = useId();
  const nameId = useId();
  const nameHintId = useId();
  const nameErrorId = useId();
  const membersErrorId = useId();
  const createErrorId = useId();
  const startName = useId();
  const [presets, setPresets] = useState<ConsortiumPreset[] | null>(null);
  const [authorities, setAuthorities] = useState<AuthorityChoice[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [state, setState] = useState<NewPlanState>(initialNewPlanState);
  const [problems, setProblems] = useState<NewPlanProblems>({});
  const [createError, setCreateError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    let cancelled = false;
    Promise.all([api.listConsortiumPresets({}), api.listBuiltInAuthorities({})]).then(
      ([presetList, authorityList]) => {
        if (cancelled) return;
        setPresets(presetList);
        setAuthorities(authorityList);
      },
      (error: unknown) => {
        if (!cancelled) setLoadError(toShownError(error).message);
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);

  const sections = useMemo(() => startSections(presets ?? []), [presets]);
  const startNote = presets ? describeStart(state, presets) : null;

  function update(next: NewPlanState, clear: keyof NewPlanProblems | 'both') {
    setState(next);
    setCreateError(null);
    setProblems((p) => (clear === 'both' ? {} : { ...p, [clear]: undefined }));
  }

  async function create(event?: FormEvent<HTMLFormElement>) {
    event?.preventDefault();
    if (creating || !authorities) return;
    const checked = validateNewPlan(state, authorities);
    if (!checked.ok) {
      setProblems(checked.problems);
      if (checked.problems.name) document.getElementById(nameId)?.focus();
      return;
    }
    setProblems({});
    setCreateError(null);
    setCreating(true);
    try {
      await onCreate(checked.choice);
    } catch (error) {
      setCreateError(toShownError(error).message);
      setCreating(false);
    }
  }

  const ready = presets !== null && authorities !== null;

  return (
    <Modal
      title="New plan"
      onCancel={onCancel}
      describedBy={introId}
      extraWide
      fill
      actions={
        <>
          {createError && (
            <p id={createErrorId} className="field-error modal-actions-error" role="alert">
              The plan could not be made: {createError}
            </p>
          )}
          <button
            type="submit"
            form={formId}
            className="button button-primary"
            disabled={creating || !ready}
            aria-describedby={createError ? createErrorId : undefined}
            data-testid="new-plan-create"
          >
            {creating ? 'Creating…' : 'Create plan'}
          </button>
          <button type="button" className="button" onClick={onCancel} disabled={creating}>
            Cancel
          </button>
        </>
      }
    >
      <p id={introId}>
        Start from a region, a combined authority, all of England or your own choice of councils, then adjust the
        members and name the consortium. The plan opens with the built-in published figures for its members; nothing is
        written to disk until you save it.
      </p>
      {loadError && (
        <p className="field-error" role="alert">
          The starting points could not be loaded: {loadError}
        </p>
      )}
      <div className="new-plan-layout">
        <div className="new-plan-starts" role="region" aria-label="Starting points" tabIndex={0}>
          {!ready && !loadError && <p role="status">Loading the starting points…</p>}
          {ready &&
            sections.map((section) => (
              <fieldset key={section.id} className="start-section" data-section={section.id}>
                <legend>{section.title}</legend>
                <ul className="start-options">
                  {section.options.map((option) => (
                    <li key={option.id}>
                      <label className="start-option">
                        <input
                          type="radio"
                          name={startName}
                          value={option.id}
                          checked={state.startId === option.id}
                          onChange={() => update(chooseStart(state, presets ?? [], option.id), 'both')}
                          disabled={creating}
                          data-start={option.id}
                        />
                        <span className="start-option-text">
                          <span className="start-option-name">{option.name}</span>
                          <span className="start-option-detail">{option.detail}</span>
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
            ))}
        </div>
        <div className="new-plan-members">
          <form id={formId} onSubmit={(e) => void create(e)} noValidate>
            <div className="field">
              <label htmlFor={nameId}>Consortium name</label>
              <p id={nameHintId} className="field-hint">
                Shown on every view, the report and the exports. Up to {maxNameLength} characters.
              </p>
              {problems.name && (
                <p id={nameErrorId} className="field-error">
                  {problems.name}
                </p>
              )}
              <input
                id={nameId}
                type="text"
                className="text-input text-input-full"
                value={state.name}
                onChange={(e) => update(setName(state, e.target.value), 'name')}
                aria-describedby={[nameHintId, problems.name ? nameErrorId : null].filter(Boolean).join(' ')}
                aria-invalid={problems.name ? true : undefined}
                autoComplete="off"
                disabled={creating}
                data-testid="new-plan-name"
              />
            </div>
          </form>
          {startNote && <p className="new-plan-start-note">{startNote}</p>}
          <AuthorityChooser
            authorities={ready ? authorities : null}
            loadError={loadError}
            chosen={state.chosen}
            onChange={(next) => update(setChosen(state, next), 'members')}
            leading={state.startMembers}
            scrollKey={state.startId}
            disabled={creating}
            noDataLabel="no built-in figures"
            problem={problems.members ?? null}
            problemId={membersErrorId}
          />
        </div>
      </div>
    </Modal>
  );
}
