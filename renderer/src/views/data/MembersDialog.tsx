/**
 * The Members dialog: changes an open plan's member authorities with the shared authority chooser
 * (every English upper-tier authority the plan knows, grouped by region, searchable, a region or
 * everything chosen or cleared at once). Saving changes the plan (it then has unsaved changes) and
 * every consortium total follows.
 */
import { useEffect, useId, useState } from 'react';
import type { AuthorityChoice } from '#shared/api/contract.js';
import { api } from '../../api';
import { AuthorityChooser } from '../../app/AuthorityChooser';
import { Modal } from '../../app/Modal';
import type { PlanContextValue } from '../../app/PlanContext';
import { toShownError } from '../../app/usePlanController';
import { membershipChanged, validateMembership } from './membersModel';

export interface MembersDialogProps {
  consortiumName: string;
  perform: PlanContextValue['perform'];
  onClose(): void;
}

export function MembersDialog({ consortiumName, perform, onClose }: MembersDialogProps) {
  const introId = useId();
  const errorId = useId();
  const [authorities, setAuthorities] = useState<AuthorityChoice[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let cancelled = false;
    api.listAuthorities({}).then(
      (list) => {
        if (cancelled) return;
        setAuthorities(list);
        setChosen(new Set(list.filter((a) => a.isMember).map((a) => a.onsCode)));
      },
      (error: unknown) => {
        if (!cancelled) setLoadError(toShownError(error).message);
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);

  async function save() {
    if (!authorities) return;
    const checked = validateMembership(chosen);
    if (!checked.ok) {
      setProblem(checked.message);
      return;
    }
    if (!membershipChanged(authorities, chosen)) {
      onClose();
      return;
    }
    setSaving(true);
    let failure: unknown = null;
    const ran = await perform(async () => {
      try {
        await api.setMembership({ codes: checked.codes });
      } catch (error) {
        failure = error;
      }
    });
    setSaving(false);
    if (!ran) setProblem('Another action is still running. Try again in a moment.');
    else if (failure !== null) setProblem(toShownError(failure).message);
    else onClose();
  }

  return (
    <Modal
      title={`Members of ${consortiumName}`}
      onCancel={onClose}
      describedBy={introId}
      wide
      fill
      actions={
        <>
          <button
            type="button"
            className="button button-primary"
            onClick={() => void save()}
            disabled={saving || !authorities}
            aria-describedby={problem ? errorId : undefined}
          >
            {saving ? 'Saving…' : 'Save members'}
          </button>
          <button type="button" className="button" onClick={onClose} disabled={saving}>
            Cancel
          </button>
        </>
      }
    >
      <p id={introId}>
        Choose the local authorities in the consortium. Every consortium total is recalculated from the members. An
        authority with no figures in this plan adds nothing until its data is imported.
      </p>
      <AuthorityChooser
        authorities={authorities}
        loadError={loadError}
        chosen={chosen}
        onChange={(next) => {
          setProblem(null);
          setChosen(next);
        }}
        disabled={saving}
        noDataLabel="no data in this plan yet"
        problem={problem}
        problemId={errorId}
        autoFocusSearch
      />
    </Modal>
  );
}
