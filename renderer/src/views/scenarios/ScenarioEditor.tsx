import { useEffect, useId, useRef, useState } from 'react';
import type { LeverType } from '#shared/scenario/levers.js';
import type { LeverRepair, NonMemberLever } from '#shared/scenario/repair.js';
import { LeverForm, type MemberOption } from './LeverForm';
import {
  leverToDraft,
  leverTypeDescriptions,
  leverTypes,
  newLever,
  nonMemberSummary,
  repairDraft,
  type DraftProblems,
  type ScenarioDraft,
} from './leverFields';
import { NonMemberNotice } from './NonMemberNotice';

export interface ScenarioEditorProps {
  draft: ScenarioDraft;
  problems: DraftProblems;
  members: readonly MemberOption[];
  years: readonly string[];
  /** The plan's reference block price, £ a week, for new block contracts. */
  blockPrice: number | undefined;
  dirty: boolean;
  valid: boolean;
  saving: boolean;
  saveError: string | null;
  /** Lever fields naming an authority outside the consortium, each with a suggested member. */
  nonMembers?: readonly NonMemberLever[];
  /** Names of authorities that are not members, by code (for levers still naming one). */
  otherNames?: Readonly<Record<string, string>>;
  onChange(draft: ScenarioDraft): void;
  onSave(): void;
  onDiscard(): void;
}

/**
 * The lever editor: notes, whether the values are illustrative, and one form per lever; levers are
 * added by type from a menu. Checked as you type with the host's own schema; Save sends it. A lever
 * naming an authority outside the consortium gets a notice with one-click repairs (move it to the
 * nearest member or one chosen, or remove it).
 */
export function ScenarioEditor({
  draft,
  problems,
  members,
  years,
  blockPrice,
  dirty,
  valid,
  saving,
  saveError,
  nonMembers = [],
  otherNames = {},
  onChange,
  onSave,
  onDiscard,
}: ScenarioEditorProps) {
  const ids = { notes: useId(), menu: useId(), levers: useId(), illustrative: useId() };
  const [menuOpen, setMenuOpen] = useState(false);
  const focusNewLever = useRef(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const leversRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (menuOpen) menuRef.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [menuOpen]);

  // After adding a lever, move to its first input.
  const leverCount = draft.levers.length;
  useEffect(() => {
    if (!focusNewLever.current) return;
    focusNewLever.current = false;
    const forms = leversRef.current?.querySelectorAll<HTMLElement>('[data-testid="lever-form"]');
    const last = forms?.[forms.length - 1];
    last?.scrollIntoView({ block: 'nearest' });
    last?.querySelector<HTMLElement>('select, input')?.focus();
  }, [leverCount]);

  function add(type: LeverType) {
    const lever = leverToDraft(newLever(type, { members, years, ...(blockPrice ? { blockPrice } : {}) }));
    onChange({ ...draft, levers: [...draft.levers, lever] });
    setMenuOpen(false);
    focusNewLever.current = true;
  }

  const errorCount = problems.general.length + Object.values(problems.fields).reduce((n, list) => n + list.length, 0);

  function repair(problem: NonMemberLever, choice: LeverRepair) {
    onChange(repairDraft(draft, problem, choice));
  }

  function moveAllToNearest() {
    onChange(nonMembers.reduce((d, p) => repairDraft(d, p, { action: 'move' }), draft));
  }

  return (
    <div className="scn-editor" data-workshop-keep>
      <div className="scn-save-bar">
        <button
          type="button"
          className="button button-primary"
          disabled={!dirty || !valid || saving}
          onClick={onSave}
          data-testid="save-scenario"
        >
          Save scenario
        </button>
        <button type="button" className="button" disabled={!dirty || saving} onClick={onDiscard}>
          Discard changes
        </button>
        <p className="scn-save-status" aria-live="polite">
          {saving
            ? 'Saving…'
            : errorCount > 0
              ? `${errorCount} ${errorCount === 1 ? 'problem' : 'problems'} to fix before saving.`
              : dirty
                ? 'Changes not saved yet.'
                : 'No changes.'}
        </p>
        {saveError && (
          <p className="field-error scn-save-error" role="alert">
            {saveError}
          </p>
        )}
      </div>
      {nonMembers.length > 0 && (
        <div className="scn-repair-summary" role="alert" data-testid="nonmember-summary">
          <p>{nonMemberSummary(nonMembers)}</p>
          {nonMembers.every((p) => p.suggested) && (
            <button
              type="button"
              className="button button-small"
              onClick={moveAllToNearest}
              data-testid="repair-all-nearest"
            >
              Move {nonMembers.length === 1 ? 'it' : 'each'} to the nearest member
            </button>
          )}
        </div>
      )}
      <div className="scn-editor-meta">
        <div className="field scn-notes">
          <label htmlFor={ids.notes}>Notes</label>
          <textarea
            id={ids.notes}
            className="text-input scn-textarea"
            rows={3}
            maxLength={10_000}
            value={draft.notes}
            onChange={(e) => onChange({ ...draft, notes: e.target.value })}
          />
          <p className="field-hint">What the scenario is for, where its figures come from, who agreed them.</p>
        </div>
        <label className="scn-check-label scn-illustrative-check" htmlFor={ids.illustrative}>
          <input
            id={ids.illustrative}
            type="checkbox"
            checked={draft.illustrative}
            onChange={(e) => onChange({ ...draft, illustrative: e.target.checked })}
          />
          Illustrative values (not the consortium’s own figures)
        </label>
      </div>

      <div className="scn-levers-header">
        <h3 id={ids.levers}>
          Levers <span className="scn-heading-note">({draft.levers.length})</span>
        </h3>
        <div
          className="scn-add-menu"
          onBlur={(e) => {
            // Close the menu when focus leaves it (a click elsewhere, Tab away).
            if (menuOpen && !e.currentTarget.contains(e.relatedTarget as Node | null)) setMenuOpen(false);
          }}
        >
          <button
            ref={menuButton}
            type="button"
            className="button button-small"
            aria-expanded={menuOpen}
            aria-controls={ids.menu}
            onClick={() => setMenuOpen((open) => !open)}
          >
            Add lever <span aria-hidden="true">▾</span>
          </button>
          {menuOpen && (
            <ul
              id={ids.menu}
              ref={menuRef}
              className="scn-menu"
              aria-label="Lever types"
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.preventDefault();
                  setMenuOpen(false);
                  menuButton.current?.focus();
                }
                if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                  e.preventDefault();
                  const items = Array.from(menuRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
                  const at = items.indexOf(document.activeElement as HTMLButtonElement);
                  const next = items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length];
                  next?.focus();
                }
              }}
            >
              {leverTypes.map((type) => (
                <li key={type}>
                  <button type="button" className="scn-menu-item" data-type={type} onClick={() => add(type)}>
                    <span className="scn-menu-name">{leverTypeDescriptions[type].name}</span>
                    <span className="scn-menu-summary">{leverTypeDescriptions[type].summary}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>

      <div ref={leversRef} className="scn-levers" aria-labelledby={ids.levers} role="group">
        {draft.levers.length === 0 && (
          <p className="scn-empty">
            No levers yet: this scenario is the same as the baseline. Add a lever to change it.
          </p>
        )}
        {draft.levers.map((lever, i) => {
          const prefix = `${i}.`;
          const errors = Object.fromEntries(
            Object.entries(problems.fields)
              .filter(([key]) => key.startsWith(prefix))
              .map(([key, list]) => [key.slice(prefix.length), list]),
          );
          const outside = nonMembers.filter((p) => p.leverIndex === i);
          return (
            <div key={lever.key} className="scn-lever-wrap">
              {outside.map((problem) => (
                <NonMemberNotice
                  key={problem.path}
                  problem={problem}
                  members={members}
                  onMove={(to) => repair(problem, { action: 'move', to })}
                  onRemove={() => repair(problem, { action: 'remove' })}
                />
              ))}
              <LeverForm
                draft={lever}
                index={i}
                members={members}
                otherNames={otherNames}
                years={years}
                errors={errors}
                readOnly={false}
                onChange={(values) =>
                  onChange({ ...draft, levers: draft.levers.map((l, j) => (j === i ? { ...l, values } : l)) })
                }
                onRemove={() => onChange({ ...draft, levers: draft.levers.filter((_, j) => j !== i) })}
              />
            </div>
          );
        })}
      </div>

      {problems.general.length > 0 && (
        <ul className="scn-problems">
          {problems.general.map((p) => (
            <li key={p} className="field-error">
              {p}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
