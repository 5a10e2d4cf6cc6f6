/**
 * Compare's choice of scenarios: a tick box for each of the plan's scenarios (at most
 * {@link maxCompared} at once), marking the illustrative ones and those needing repair.
 */
import type { ScenarioListItem } from '../../app/useScenarios';

/** At most this many scenarios beside the baseline (the host's limit). */
export const maxCompared = 4;

export interface ScenarioPickerProps {
  choices: readonly ScenarioListItem[];
  picked: readonly string[];
  /** True once the list has arrived (an empty list then says so). */
  listLoaded: boolean;
  hintId: string;
  onToggle(id: string, on: boolean): void;
}

export function ScenarioPicker({ choices, picked, listLoaded, hintId, onToggle }: ScenarioPickerProps) {
  return (
    <fieldset className="cmp-picker" aria-describedby={hintId} data-workshop-keep>
      <legend>Compare with the baseline</legend>
      <span id={hintId} className="field-hint cmp-picker-hint">
        Tick one to four scenarios; build and change them in the Scenarios view.
      </span>
      <ul className="cmp-choices">
        {choices.map((c) => {
          const on = picked.includes(c.id);
          return (
            <li key={c.id}>
              <label className="scn-check-label">
                <input
                  type="checkbox"
                  checked={on}
                  disabled={!on && picked.length >= maxCompared}
                  onChange={(e) => onToggle(c.id, e.target.checked)}
                  data-id={c.id}
                />
                {c.name}
                {c.illustrative && <span className="tag tag-illustrative">Illustrative</span>}
                {(c.nonMembers?.length ?? 0) > 0 && (
                  <span className="tag tag-repair" data-testid="needs-repair-tag">
                    Needs repair
                  </span>
                )}
              </label>
            </li>
          );
        })}
        {listLoaded && choices.length === 0 && (
          <li className="muted">This plan has no scenarios yet: create one in the Scenarios view.</li>
        )}
      </ul>
    </fieldset>
  );
}
