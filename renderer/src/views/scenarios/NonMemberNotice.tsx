/**
 * The notice on a lever that names an authority outside the consortium (the members changed, or the
 * scenario was written for another consortium): what is wrong, and one-click repairs — move the
 * lever to the member nearest that authority, to another member chosen from a list (or "all"
 * members / the consortium where the field allows), or remove the lever.
 */
import { useId, useState } from 'react';
import type { NonMemberLever } from '#shared/scenario/repair.js';
import type { MemberOption } from './LeverForm';
import { leverTypeDescriptions } from './leverFields';

const alternativeLabels = { all: 'All members', consortium: 'The consortium (any member)' } as const;

export interface NonMemberNoticeProps {
  problem: NonMemberLever;
  members: readonly MemberOption[];
  onMove(to: string): void;
  onRemove(): void;
}

export function NonMemberNotice({ problem, members, onMove, onRemove }: NonMemberNoticeProps) {
  const pickerId = useId();
  const [choice, setChoice] = useState('');
  const field = leverTypeDescriptions[problem.leverType].fields.find((f) => f.key === problem.field);
  const suggested = problem.suggested;
  const distance =
    suggested && suggested.miles !== null
      ? ` The nearest member is ${suggested.name}, ${suggested.miles.toFixed(1)} miles away.`
      : '';
  return (
    <div className="scn-repair" data-testid="nonmember-notice" data-path={problem.path} data-code={problem.code}>
      <p className="scn-repair-text">
        <strong>{field?.label ?? problem.field}:</strong> {problem.message}
        {distance}
      </p>
      <div className="scn-repair-actions">
        {suggested && (
          <button
            type="button"
            className="button button-small button-primary"
            onClick={() => onMove(suggested.code)}
            data-testid="repair-move-nearest"
          >
            Move to {suggested.name}
          </button>
        )}
        <span className="scn-repair-picker">
          <label htmlFor={pickerId} className="visually-hidden">
            Move lever {problem.leverIndex + 1} to
          </label>
          <select
            id={pickerId}
            className="select scn-select"
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
            data-testid="repair-picker"
          >
            <option value="">Another member…</option>
            {problem.alternatives.map((a) => (
              <option key={a} value={a}>
                {alternativeLabels[a]}
              </option>
            ))}
            {members.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button-small"
            disabled={choice === ''}
            onClick={() => onMove(choice)}
            data-testid="repair-move-chosen"
          >
            Move
          </button>
        </span>
        <button
          type="button"
          className="button button-small button-quiet"
          onClick={onRemove}
          data-testid="repair-remove"
        >
          Remove lever<span className="visually-hidden"> {problem.leverIndex + 1}</span>
        </button>
      </div>
    </div>
  );
}
