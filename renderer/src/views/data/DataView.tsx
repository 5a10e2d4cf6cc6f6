import { useMemo } from 'react';
import { usePlan } from '../../app/PlanContext';
import { AuthorityTable } from './AuthorityTable';
import { ConsortiumName } from './ConsortiumName';
import { buildAuthorityTable } from './tableModel';

/** The Data overview: the consortium's member authorities and their headline published figures, each traceable. */
export function DataView() {
  const { summary, showDataSources } = usePlan();
  const model = useMemo(() => buildAuthorityTable(summary), [summary]);
  const illustrative = summary.sources.filter((s) => s.illustrative).length;
  const memberCount = model.members.length;

  return (
    <div className="data-view">
      <div className="view-header">
        <h1>Data</h1>
        <ConsortiumName />
      </div>

      {memberCount === 0 ? (
        <div className="empty-state">
          <h2>No local authority data yet</h2>
          <p>
            This plan does not yet hold its member authorities or any published figures for them: no DfE children looked
            after statistics, Ofsted children’s homes data or ONS population estimates.
          </p>
          <p>
            Once that data has been imported into the plan, each member authority will be listed here with its headline
            figures and their sources.
          </p>
        </div>
      ) : (
        <>
          <div className="data-intro">
            <p>
              {memberCount} member {memberCount === 1 ? 'authority' : 'authorities'}, with the consortium total and
              comparators below. Figures come from {summary.sources.length}{' '}
              {summary.sources.length === 1 ? 'source' : 'sources'}
              {illustrative > 0 && <> ({illustrative} illustrative, not published)</>}. Select a figure to see where it
              comes from.
            </p>
            <button type="button" className="button button-small" onClick={showDataSources}>
              Data sources…
            </button>
          </div>
          <AuthorityTable model={model} />
        </>
      )}
    </div>
  );
}
