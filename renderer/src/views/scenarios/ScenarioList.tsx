/**
 * The Scenarios view's list of the plan's scenarios (the baseline first): each one's tags (read-only,
 * illustrative, unsaved edits, needs repair), its number of levers and when it last changed, and the
 * New scenario button.
 */
import { BASELINE_SCENARIO_ID } from '#shared/scenario/builtin.js';
import { formatTimestamp } from '../../format/dates';
import { nonMemberListText, sameDraft, scenarioToDraft, type ScenarioDraft } from './leverFields';
import type { ScenarioListItem } from '../../app/useScenarios';

export interface ScenarioListProps {
  list: readonly ScenarioListItem[] | null;
  /** True while the list is on its way (and has not failed). */
  loading: boolean;
  currentId: string | null;
  /** The unsaved edits of each scenario, by id. */
  drafts: Readonly<Record<string, ScenarioDraft>>;
  headingId: string;
  onNew(): void;
  onSelect(id: string): void;
}

export function ScenarioList({ list, loading, currentId, drafts, headingId, onNew, onSelect }: ScenarioListProps) {
  return (
    <section className="scn-side" aria-labelledby={headingId}>
      <div className="scn-side-header">
        <h2 id={headingId}>Scenarios</h2>
        <button type="button" className="button button-small" onClick={onNew} disabled={!list}>
          New scenario…
        </button>
      </div>
      {loading && <p className="scn-loading">Loading…</p>}
      <ul className="scn-list" data-testid="scenario-list">
        {(list ?? []).map((s) => {
          const current = s.id === currentId;
          const baseline = s.id === BASELINE_SCENARIO_ID;
          const unsaved = Boolean(drafts[s.id]) && !sameDraft(drafts[s.id]!, scenarioToDraft(s));
          const outside = s.nonMembers ?? [];
          return (
            <li key={s.id} data-testid="scenario-item" data-id={s.id}>
              <button
                type="button"
                className="scn-item"
                aria-current={current ? 'true' : undefined}
                onClick={() => onSelect(s.id)}
              >
                <span className="scn-item-name">{s.name}</span>
                <span className="scn-item-tags">
                  {baseline && <span className="tag tag-baseline">Read-only</span>}
                  {s.illustrative && (
                    <span className="tag tag-illustrative" data-testid="illustrative-tag">
                      Illustrative
                    </span>
                  )}
                  {unsaved && <span className="tag tag-unsaved">Unsaved edits</span>}
                  {outside.length > 0 && (
                    <span className="tag tag-repair" data-testid="needs-repair-tag" title={nonMemberListText(outside)}>
                      Needs repair
                    </span>
                  )}
                </span>
                <span className="scn-item-meta">
                  {baseline
                    ? 'No levers'
                    : `${s.levers.length} ${s.levers.length === 1 ? 'lever' : 'levers'}${s.updatedAt ? ` · changed ${formatTimestamp(s.updatedAt)}` : ''}`}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
