import { useId, useMemo, useState } from 'react';
import { Modal } from '../Modal';
import {
  leverOptions,
  typedLeverOptions,
  type LeverOption,
  type RegisterEntry,
  type TypedLever,
} from './workshopModel';
import { formatPercent } from '../../format/shares';
import { formatNumber } from '../../format/numbers';

export interface ChooseLeversDialogProps {
  /** The plan's assumption register (from the plan summary). */
  assumptions: readonly RegisterEntry[];
  chosen: readonly string[];
  onApply(keys: string[]): void;
  onCancel(): void;
}

/**
 * "Choose levers…": which of the plan's assumptions workshop mode shows: shares as sliders, every
 * other assumption (money, miles, ratios) as a box to type in. The choice is remembered on this
 * computer for this plan, not written into the plan file.
 */
export function ChooseLeversDialog({ assumptions, chosen, onApply, onCancel }: ChooseLeversDialogProps) {
  const descriptionId = useId();
  const options = useMemo(() => leverOptions(assumptions), [assumptions]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set(chosen));
  const projection = options.filter((o) => o.group === 'projection');
  const others = options.filter((o) => o.group === 'plan');
  const typed = useMemo(() => typedLeverOptions(assumptions), [assumptions]);

  function toggle(key: string, on: boolean) {
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  }

  const group = (legend: string, list: (LeverOption | TypedLever)[]) =>
    list.length > 0 && (
      <fieldset className="workshop-choice-group">
        <legend>{legend}</legend>
        <ul className="workshop-choice-list">
          {list.map((option) => (
            <li key={option.key}>
              <label className="workshop-choice" data-testid="lever-choice" data-key={option.key}>
                <input
                  type="checkbox"
                  checked={selected.has(option.key)}
                  onChange={(e) => toggle(option.key, e.target.checked)}
                />
                <span className="workshop-choice-label">{option.label}</span>
                <span className="workshop-choice-value">
                  now{' '}
                  {'percent' in option ? formatPercent(option.percent) : `${formatNumber(option.value)} ${option.unit}`}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    );

  return (
    <Modal
      title="Choose levers"
      onCancel={onCancel}
      describedBy={descriptionId}
      wide
      actions={
        <>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-primary"
            data-testid="lever-choice-apply"
            onClick={() => onApply([...options, ...typed].filter((o) => selected.has(o.key)).map((o) => o.key))}
          >
            Show these levers
          </button>
        </>
      }
    >
      <p id={descriptionId}>
        Tick the assumptions the meeting may want to change. Workshop mode shows shares as sliders and other assumptions
        as boxes to type a value in. This choice is remembered on this computer for this plan; it is not saved in the
        plan file.
      </p>
      {group('Projection', projection)}
      {group('Other assumptions in the plan', others)}
      {group('Assumptions typed in (money, distances, ratios)', typed)}
    </Modal>
  );
}
