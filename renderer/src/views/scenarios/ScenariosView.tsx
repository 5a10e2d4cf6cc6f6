/**
 * The Scenarios view: the plan's scenarios, the one chosen in a lever form checked as you type, and
 * its outcomes against the baseline, run in the view's workers as the levers change. Its selection
 * and unsaved edits live in the plan session (app/planSession/). docs/architecture.md walks the
 * path from a lever edit to the charts.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { BASELINE_SCENARIO_ID } from '#shared/scenario/builtin.js';
import type { Scenario } from '#shared/scenario/levers.js';
import { nonMemberLevers } from '#shared/scenario/repair.js';
import { api } from '../../api';
import { usePlan } from '../../app/PlanContext';
import { planKeyOf, planSession, type PlanSessionState } from '../../app/planSession/planSessionStore';
import { usePlanRevision, usePlanSession } from '../../app/planSession/usePlanSession';
import { toShownError } from '../../app/usePlanController';
import {
  draftLeverReferences,
  nonMemberNotRunText,
  sameDraft,
  scenarioToDraft,
  validateDraft,
  type DraftProblems,
  type ScenarioDraft,
} from './leverFields';
import { ConfirmDeleteDialog, NameDialog } from './ScenarioDialogs';
import { ScenarioEditor } from './ScenarioEditor';
import { ScenarioList } from './ScenarioList';
import { newScenarioId, repairHints, storedScenario } from './scenarioItems';
import { RecommendPanel } from './RecommendPanel';
import { ScenarioOutcomes, type OutcomeBasis } from './ScenarioOutcomes';
import { financialYearSpan } from '#shared/scenario/years.js';
import { useLiveScenarioRun } from './useLiveScenarioRun';
import { useScenarioList } from '../../app/useScenarios';
import { formatNumber } from '../../format/numbers';
import '../../panels/scenarios.css';

// The selection and unsaved edits live in the plan session, so that coming back finds them.
const selectScenarioId = (s: PlanSessionState) => s.scenarios.selectedId;
const selectDrafts = (s: PlanSessionState) => s.scenarios.drafts;
const selectYears = (s: PlanSessionState) => s.projectionYears;

type Dialog = 'new' | 'duplicate' | 'rename' | 'delete' | null;

/**
 * The Scenarios view: the plan's scenarios (the baseline read-only), each one's levers in a form
 * checked as you type, and its outcomes against the baseline, recomputed in the view's workers as
 * the levers are edited (saved or not): the central estimate at once, then the simulated ranges.
 * Another plan starts afresh.
 */
export function ScenariosView() {
  const { plan } = usePlan();
  return <ScenariosForPlan key={planKeyOf(plan)} />;
}

function ScenariosForPlan() {
  const { summary, perform } = usePlan();
  const revision = usePlanRevision();
  const selectedId = usePlanSession(selectScenarioId);
  const drafts = usePlanSession(selectDrafts);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const ids = { list: useId(), main: useId() };

  const { list, error: listError } = useScenarioList(revision);
  const item = list?.find((s) => s.id === selectedId) ?? list?.[0] ?? null;
  const isBaseline = item?.id === BASELINE_SCENARIO_ID;
  const members = useMemo(
    () =>
      summary.authorities
        .filter((a) => a.isMember)
        .map((a) => ({ code: a.code, name: a.name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
    [summary],
  );
  const years = usePlanSession(selectYears);
  const yearsKey = years.join(',');

  const baseDraft = useMemo(() => (item ? scenarioToDraft(item) : null), [item]);
  const draft = (item && drafts[item.id]) || baseDraft;
  const dirty = Boolean(item && drafts[item.id] && baseDraft && !sameDraft(drafts[item.id]!, baseDraft));

  // Levers naming an authority outside the consortium (the members changed, or the scenario was
  // written for another consortium): flagged with one-click repairs, and never sent to the workers.
  const hints = useMemo(() => repairHints(list, members), [list, members]);
  const outsideNames = useMemo(() => Object.fromEntries((hints.others ?? []).map((p) => [p.code, p.name])), [hints]);
  const nonMembers = useMemo(
    () => (item && draft && !isBaseline ? nonMemberLevers({ levers: draftLeverReferences(draft) }, hints) : []),
    [item, draft, isBaseline, hints],
  );

  const validated = useMemo(() => {
    if (!item || !draft || isBaseline) return null;
    const checked = validateDraft(item, draft, { members, years: yearsKey ? yearsKey.split(',') : [] });
    if (nonMembers.length === 0) return checked;
    // Name the authority in its field, in place of the member list, and never save it.
    const fields: DraftProblems['fields'] = { ...checked.problems.fields };
    for (const p of nonMembers) fields[`${p.leverIndex}.${p.field}`] = [p.message];
    return { scenario: null, problems: { ...checked.problems, fields } };
  }, [item, draft, isBaseline, members, yearsKey, nonMembers]);

  // What the outcomes are for: the levers as edited whenever they are valid (so every change is
  // recomputed at once, saved or not), otherwise the last valid levers of this scenario — unless
  // they name a non-member, when the outcomes panel says so instead.
  const [lastValid, setLastValid] = useState<Record<string, Scenario>>({});
  const editedScenario = validated?.scenario ?? null;
  if (item && editedScenario && lastValid[item.id] !== editedScenario) {
    setLastValid((prev) => ({ ...prev, [item.id]: editedScenario }));
  }
  const candidate = !item || isBaseline ? null : (editedScenario ?? lastValid[item.id] ?? storedScenario(item));
  const candidateNonMembers = useMemo(() => (candidate ? nonMemberLevers(candidate, hints) : []), [candidate, hints]);
  const notRun = nonMembers.length > 0 ? nonMembers : candidateNonMembers;
  const runFor = notRun.length > 0 ? null : candidate;
  const run = useLiveScenarioRun(runFor, revision);
  const result = run.result;
  const blockPrice = result?.baseline.assumptions.find((a) => a.key === 'price.blockContract')?.value;
  const basis: OutcomeBasis = !dirty ? 'saved' : editedScenario ? 'edited' : 'lastValid';

  // A lever change, until the outcomes on screen are for it (see changeDraft).
  const leverChange = useRef(false);
  useEffect(() => {
    if (!leverChange.current || run.updating || !run.result) return;
    leverChange.current = false;
    performance.mark('scenario-outcomes-updated');
    const measure = performance.measure(
      'scenario-lever-to-outcomes',
      'scenario-lever-change',
      'scenario-outcomes-updated',
    );
    document.body.dataset.scenarioUpdateMs = measure.duration.toFixed(1);
  }, [run.updating, run.result]);

  const outcome = result
    ? isBaseline
      ? result.baseline
      : (result.outcomes.find((o) => o.scenario.id === item?.id) ?? null)
    : null;
  const span = result ? financialYearSpan(result.baseline.years.map((y) => y.year)) : '';
  let status = '';
  if (notRun.length > 0) status = 'Not run until repaired';
  else if (run.updating) status = 'Updating…';
  else if (run.error) status = 'Could not update the outcomes.';
  else if (run.central && outcome) status = 'Central estimate — uncertainty updating…';
  else if (outcome) status = `Up to date: ${formatNumber(outcome.simulations)} simulations, ${span}`;

  /** Runs a change to the plan; resolves to an error message, or null when it was made. */
  const act = useCallback(
    async (task: () => Promise<void>): Promise<string | null> => {
      const out: { error: string | null } = { error: null };
      const ran = await perform(async () => {
        try {
          await task();
        } catch (e) {
          out.error = toShownError(e).message;
        }
      });
      if (!ran && !out.error) out.error = 'Another change is still being made: try again in a moment.';
      return out.error;
    },
    [perform],
  );

  function select(id: string) {
    planSession.selectScenario(id);
    setSaveError(null);
  }

  function changeDraft(next: ScenarioDraft) {
    if (!item) return;
    // Measured to the outcomes for the changed levers (only a valid change is run: an invalid one
    // is measured from the change that makes it valid again).
    performance.mark('scenario-lever-change');
    leverChange.current = true;
    planSession.changeDrafts((prev) => ({ ...prev, [item.id]: next }));
    setSaveError(null);
  }

  function dropDraft(id: string) {
    planSession.changeDrafts((prev) => {
      const next = { ...prev };
      delete next[id];
      return next;
    });
  }

  async function save() {
    const scenario = validated?.scenario;
    if (!item || !scenario) return;
    setSaving(true);
    const error = await act(() => api.saveScenario({ scenario }).then(() => undefined));
    setSaving(false);
    if (error) setSaveError(error);
    else {
      // Keep the saved values (tidied) until the list shows them, so nothing flickers back.
      planSession.changeDrafts((prev) => ({ ...prev, [item.id]: scenarioToDraft(scenario) }));
      setSaveError(null);
    }
  }

  const otherNames = (list ?? []).filter((s) => s.id !== item?.id).map((s) => s.name);
  const allNames = (list ?? []).map((s) => s.name);

  return (
    <div className="scenarios-view">
      <div className="view-header">
        <h1>Scenarios</h1>
        <p className="scn-subtitle">{summary.consortium.name}</p>
      </div>
      <p className="scn-intro">
        What could the consortium do? Each scenario applies levers — block contracts, new homes, access agreements,
        closures, prevention, step-down, price growth, a distance policy — to the baseline, and shows where children
        would be placed, how far from home, and what it would cost. Built-in scenarios use illustrative values.
      </p>

      {listError && (
        <div className="scn-error" role="alert">
          <p>The scenarios could not be loaded: {listError.message}</p>
        </div>
      )}

      <div className="scn-layout">
        <ScenarioList
          list={list}
          loading={!list && !listError}
          currentId={item?.id ?? null}
          drafts={drafts}
          headingId={ids.list}
          onNew={() => setDialog('new')}
          onSelect={select}
        />

        {item && draft && (
          <section className="scn-main" aria-labelledby={ids.main} data-scenario={item.id}>
            <div className="scn-main-header">
              <h2 id={ids.main} className="scn-title" data-testid="scenario-title">
                {item.name}
              </h2>
              {isBaseline && <span className="tag tag-baseline">Read-only</span>}
              {item.illustrative && <span className="tag tag-illustrative">Illustrative</span>}
              <div className="scn-actions">
                {!isBaseline && (
                  <button type="button" className="button button-small" onClick={() => setDialog('rename')}>
                    Rename…
                  </button>
                )}
                <button type="button" className="button button-small" onClick={() => setDialog('duplicate')}>
                  Duplicate…
                </button>
                {!isBaseline && (
                  <button type="button" className="button button-small" onClick={() => setDialog('delete')}>
                    Delete…
                  </button>
                )}
              </div>
            </div>

            {isBaseline ? (
              <div className="scn-baseline-note">
                <p>{item.notes}</p>
                <p>
                  The baseline has no levers and cannot be edited: every scenario is compared with it. Duplicate it to
                  start a scenario of your own.
                </p>
              </div>
            ) : (
              <ScenarioEditor
                key={item.id}
                draft={draft}
                problems={validated?.problems ?? { fields: {}, general: [] }}
                members={members}
                years={years}
                blockPrice={blockPrice}
                dirty={dirty}
                valid={Boolean(validated?.scenario)}
                saving={saving}
                saveError={saveError}
                nonMembers={nonMembers}
                otherNames={outsideNames}
                onChange={changeDraft}
                onSave={() => void save()}
                onDiscard={() => {
                  dropDraft(item.id);
                  setSaveError(null);
                }}
              />
            )}
          </section>
        )}
      </div>

      {item && (
        <ScenarioOutcomes
          scenarioName={item.name}
          outcome={outcome}
          baseline={result?.baseline ?? null}
          status={status}
          updating={run.updating}
          error={run.error}
          basis={basis}
          needsRepair={notRun.length > 0 ? nonMemberNotRunText(notRun) : null}
        />
      )}

      <RecommendPanel act={act} onScenarioCreated={select} />

      {dialog === 'new' && (
        <NameDialog
          title="New scenario"
          label="Name"
          initial=""
          confirm="Create scenario"
          otherNames={allNames}
          intro="A new scenario starts with no levers (the same as the baseline); add levers to it."
          onCancel={() => setDialog(null)}
          onSubmit={async (name) => {
            const id = newScenarioId();
            const error = await act(() =>
              api
                .saveScenario({ scenario: { id, name, notes: '', illustrative: false, levers: [] } })
                .then(() => undefined),
            );
            if (!error) {
              select(id);
              setDialog(null);
            }
            return error;
          }}
        />
      )}
      {dialog === 'duplicate' && item && (
        <NameDialog
          title="Duplicate scenario"
          label="Name of the copy"
          initial={`${item.name} (copy)`}
          confirm="Duplicate"
          otherNames={allNames}
          intro={`The copy starts with the saved levers and notes of “${item.name}”.`}
          onCancel={() => setDialog(null)}
          onSubmit={async (name) => {
            let newId: string | null = null;
            const error = await act(async () => {
              newId = (await api.duplicateScenario({ id: item.id, name })).id;
            });
            if (!error && newId) {
              select(newId);
              setDialog(null);
            }
            return error;
          }}
        />
      )}
      {dialog === 'rename' && item && !isBaseline && (
        <NameDialog
          title="Rename scenario"
          label="Name"
          initial={item.name}
          confirm="Rename"
          otherNames={otherNames}
          onCancel={() => setDialog(null)}
          onSubmit={async (name) => {
            if (name === item.name) {
              setDialog(null);
              return null;
            }
            const error = await act(() =>
              api.saveScenario({ scenario: { ...storedScenario(item), name } }).then(() => undefined),
            );
            if (!error) setDialog(null);
            return error;
          }}
        />
      )}
      {dialog === 'delete' && item && !isBaseline && (
        <ConfirmDeleteDialog
          name={item.name}
          onCancel={() => setDialog(null)}
          onConfirm={async () => {
            const error = await act(() => api.deleteScenario({ id: item.id }).then(() => undefined));
            if (!error) {
              dropDraft(item.id);
              select(BASELINE_SCENARIO_ID);
              setDialog(null);
            }
            return error;
          }}
        />
      )}
    </div>
  );
}
