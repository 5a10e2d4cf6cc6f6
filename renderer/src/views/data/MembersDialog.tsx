import { useEffect, useId, useMemo, useState } from 'react';
import type { AuthorityChoice } from '../../../../shared/api/contract.js';
import { api } from '../../api';
import { Modal } from '../../app/Modal';
import type { PlanContextValue } from '../../app/PlanContext';
import { toShownError } from '../../app/usePlanController';
import { groupByRegion, membershipChanged, validateMembership } from './membersModel';
import { joinNames } from './tableModel';

export interface MembersDialogProps {
  consortiumName: string;
  perform: PlanContextValue['perform'];
  onClose(): void;
}

const figuresFormat = new Intl.NumberFormat('en-GB');

/**
 * Chooses the consortium's member authorities from every English upper-tier authority the plan knows,
 * grouped by region with a filter. Saving changes the plan (it then has unsaved changes) and every
 * consortium total follows.
 */
export function MembersDialog({ consortiumName, perform, onClose }: MembersDialogProps) {
  const filterId = useId();
  const introId = useId();
  const errorId = useId();
  const statusId = useId();
  const [authorities, setAuthorities] = useState<AuthorityChoice[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [filter, setFilter] = useState('');
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

  const groups = useMemo(() => groupByRegion(authorities ?? [], filter), [authorities, filter]);
  const chosenNames = useMemo(
    () => (authorities ?? []).filter((a) => chosen.has(a.onsCode)).map((a) => a.name),
    [authorities, chosen],
  );

  function toggle(code: string, on: boolean) {
    setProblem(null);
    setChosen((previous) => {
      const next = new Set(previous);
      if (on) next.add(code);
      else next.delete(code);
      return next;
    });
  }

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
      <div className="field">
        <label htmlFor={filterId}>Filter by name, region or code</label>
        <input
          id={filterId}
          type="search"
          className="text-input text-input-full"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          data-autofocus
        />
      </div>
      <p id={statusId} className="members-status" role="status">
        {authorities === null
          ? loadError
            ? ''
            : 'Loading the list of authorities…'
          : chosen.size === 0
            ? 'No authority chosen.'
            : `${chosen.size} ${chosen.size === 1 ? 'authority' : 'authorities'} chosen${chosen.size <= 12 ? `: ${joinNames(chosenNames)}` : ''}.`}
      </p>
      {problem && (
        <p id={errorId} className="field-error" role="alert">
          {problem}
        </p>
      )}
      {loadError && (
        <p className="field-error" role="alert">
          The list of authorities could not be loaded: {loadError}
        </p>
      )}
      {authorities !== null && groups.length === 0 && (
        <p className="muted">
          {filter.trim() ? `No authority matches “${filter.trim()}”.` : 'This plan lists no authorities.'}
        </p>
      )}
      <div className="member-groups">
        {groups.map((group) => {
          const inGroup = group.authorities.filter((a) => chosen.has(a.onsCode)).length;
          return (
            <fieldset key={group.region} className="member-group">
              <legend>
                {group.region}{' '}
                <span className="member-group-count">
                  ({inGroup} of {group.authorities.length} chosen)
                </span>
              </legend>
              <ul className="member-list">
                {group.authorities.map((a) => (
                  <li key={a.onsCode}>
                    <label className="member-choice">
                      <input
                        type="checkbox"
                        checked={chosen.has(a.onsCode)}
                        onChange={(e) => toggle(a.onsCode, e.target.checked)}
                        data-code={a.onsCode}
                        disabled={saving}
                      />
                      <span className="member-text">
                        <span className="member-name">{a.name}</span>
                        <span className="member-meta">
                          {a.onsCode}
                          {a.observationCount > 0 ? (
                            <> · {figuresFormat.format(a.observationCount)} figures</>
                          ) : (
                            <>
                              {' '}
                              <span className="tag tag-nodata">no data in this plan yet</span>
                            </>
                          )}
                        </span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          );
        })}
      </div>
    </Modal>
  );
}
