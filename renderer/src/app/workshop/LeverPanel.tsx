import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { api } from '../../api';
import {
  chosenLevers,
  LeverCommitQueue,
  leverOptions,
  typedLeverOptions,
  type CommitOutcome,
  type LeverOption,
  type RegisterEntry,
  type TypedLever,
} from './workshopModel';
import { formatPercent, percentToShare } from '../../format/shares';

/** How long a lever must stay still before its value is saved in the plan (and the views recompute). */
export const leverDebounceMs = 300;

export interface LeverPanelProps {
  /** The plan's assumption register (from the plan summary). */
  assumptions: readonly RegisterEntry[];
  chosen: readonly string[];
  /** The shell's perform: runs a change, reports any error, then refreshes plan state and summary. */
  perform(task: () => Promise<unknown>): Promise<boolean>;
  onChoose(): void;
}

/**
 * The chosen levers as large sliders. Moving one shows its new value at once; once it stays still
 * for {@link leverDebounceMs} the value is saved with setAssumption through the shell's perform,
 * which refreshes the plan summary, and every view recomputes from the new summary. Marked
 * data-workshop-lever so workshop mode does not hide its controls.
 */
export function LeverPanel({ assumptions, chosen, perform, onChoose }: LeverPanelProps) {
  const headingId = useId();
  const levers = useMemo(() => chosenLevers(leverOptions(assumptions), chosen), [assumptions, chosen]);
  const typed = useMemo(() => {
    const wanted = new Set(chosen);
    return typedLeverOptions(assumptions).filter((t) => wanted.has(t.key));
  }, [assumptions, chosen]);
  // Typed-in assumptions are saved as typed; sliders are per cent of a share.
  const typedKeysRef = useRef<ReadonlySet<string>>(new Set());
  useEffect(() => {
    typedKeysRef.current = new Set(typed.map((t) => t.key));
  }, [typed]);
  // Values moved to but not yet saved, by plan key (per cent).
  const [drafts, setDrafts] = useState<Readonly<Record<string, number>>>({});

  const queueRef = useRef<LeverCommitQueue | null>(null);
  useEffect(() => {
    const queue = new LeverCommitQueue({
      delayMs: leverDebounceMs,
      commit: async (key, percent): Promise<CommitOutcome> => {
        let started = false;
        const ok = await perform(async () => {
          started = true;
          const value = typedKeysRef.current.has(key) ? percent : percentToShare(percent);
          await api.setAssumption({ key, value });
        });
        if (ok) return 'saved';
        return started ? 'failed' : 'busy';
      },
      // The refreshed summary now holds the saved value (or the old one, after a failure).
      onSettled: (key, percent) =>
        setDrafts((prev) => {
          if (prev[key] !== percent) return prev;
          const next = { ...prev };
          delete next[key];
          return next;
        }),
    });
    queueRef.current = queue;
    return () => {
      // A value still waiting when the panel closes is saved straight away rather than lost.
      queue.flush();
      if (queueRef.current === queue) queueRef.current = null;
    };
  }, [perform]);

  function move(key: string, percent: number) {
    setDrafts((prev) => ({ ...prev, [key]: percent }));
    queueRef.current?.change(key, percent);
  }

  return (
    <aside className="workshop-levers" data-workshop-lever aria-labelledby={headingId} data-testid="workshop-levers">
      <h2 id={headingId} className="workshop-levers-heading">
        Levers
      </h2>
      {levers.length === 0 && typed.length === 0 ? (
        <p className="workshop-levers-empty">
          No levers chosen yet. Choose the assumptions the meeting may want to change; they appear here as sliders.
        </p>
      ) : (
        <ul className="workshop-lever-list">
          {levers.map((lever) => (
            <LeverSlider
              key={lever.key}
              lever={lever}
              value={drafts[lever.key] ?? lever.percent}
              updating={drafts[lever.key] !== undefined}
              onMove={(percent) => move(lever.key, percent)}
            />
          ))}
          {typed.map((lever) => (
            <TypedLeverInput
              key={lever.key}
              lever={lever}
              updating={drafts[lever.key] !== undefined}
              onChange={(value) => move(lever.key, value)}
            />
          ))}
        </ul>
      )}
      <p className="workshop-levers-note">
        Every view follows a change. Changes go into the plan: save it to keep them.
      </p>
      <button type="button" className="button workshop-choose" onClick={onChoose}>
        Choose levers…
      </button>
    </aside>
  );
}

interface LeverSliderProps {
  lever: LeverOption;
  value: number;
  updating: boolean;
  onMove(percent: number): void;
}

function LeverSlider({ lever, value, updating, onMove }: LeverSliderProps) {
  const id = useId();
  const rangeId = `${id}-range`;
  return (
    <li className="workshop-lever" data-testid="workshop-lever" data-key={lever.key}>
      <div className="workshop-lever-head">
        <label htmlFor={id} className="workshop-lever-label">
          {lever.label}
        </label>
        <output htmlFor={id} className="workshop-lever-value" aria-hidden="true" data-testid="workshop-lever-value">
          {formatPercent(value)}
        </output>
      </div>
      <input
        id={id}
        type="range"
        className="workshop-slider"
        min={lever.min}
        max={lever.max}
        step={lever.step}
        value={value}
        aria-valuetext={formatPercent(value)}
        aria-describedby={rangeId}
        onChange={(e) => onMove(Number(e.target.value))}
      />
      <p id={rangeId} className="workshop-lever-range">
        <span className="visually-hidden">Per cent, from </span>
        <span>{formatPercent(lever.min)}</span>
        <span className="workshop-lever-status" aria-hidden="true">
          {updating ? 'updating…' : ''}
        </span>
        <span className="visually-hidden"> to </span>
        <span>{formatPercent(lever.max)}</span>
      </p>
    </li>
  );
}

interface TypedLeverInputProps {
  lever: TypedLever;
  updating: boolean;
  onChange(value: number): void;
}

/** An assumption in its own unit, typed in; a value that is not a number is not sent. */
function TypedLeverInput({ lever, updating, onChange }: TypedLeverInputProps) {
  const id = useId();
  const [text, setText] = useState(String(lever.value));
  const [shown, setShown] = useState(lever.value);
  // A new value from the plan (saved, or changed elsewhere) replaces what is in the box.
  if (shown !== lever.value) {
    setShown(lever.value);
    setText(String(lever.value));
  }
  const number = Number(text.replace(/[£,\s]/g, ''));
  const invalid = text.trim() === '' || !Number.isFinite(number);
  return (
    <li className="workshop-lever" data-testid="workshop-typed-lever" data-key={lever.key}>
      <div className="workshop-lever-head">
        <label htmlFor={id} className="workshop-lever-label">
          {lever.label} <span className="workshop-lever-unit">({lever.unit})</span>
        </label>
        <span className="workshop-lever-status" aria-hidden="true">
          {updating ? 'updating…' : ''}
        </span>
      </div>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        className="workshop-typed-input"
        value={text}
        aria-invalid={invalid}
        onChange={(e) => {
          setText(e.target.value);
          const value = Number(e.target.value.replace(/[£,\s]/g, ''));
          if (e.target.value.trim() !== '' && Number.isFinite(value)) onChange(value);
        }}
      />
    </li>
  );
}
