import { useMemo, useState } from 'react';
import type { MeasureId } from '#shared/model/measures.js';
import { usePlan } from '../../app/PlanContext';
import { AssumptionRegister } from './AssumptionRegister';
import { AuthorityTable } from './AuthorityTable';
import { ConsortiumName } from './ConsortiumName';
import { DataGaps, dataGapsId } from './DataGaps';
import { HistoryPanel } from './HistoryPanel';
import { consortiumKey } from './historyModel';
import { buildAssumptionRows, planGaps } from './registerModel';
import { SectorTable } from './SectorTable';
import { buildSectorTable } from './sectorModel';
import { buildAuthorityTable } from './table';

/** The Data overview: the consortium's member authorities and their headline published figures, each traceable. */
export function DataView() {
  const { summary, showDataSources, editMembers } = usePlan();
  const model = useMemo(() => buildAuthorityTable(summary), [summary]);
  const sectors = useMemo(() => buildSectorTable(summary), [summary]);
  const assumptions = useMemo(() => buildAssumptionRows(summary), [summary]);
  const gaps = planGaps(summary);
  const measureOrder = useMemo(() => {
    const order: MeasureId[] = [];
    for (const c of model.columns) if (!order.includes(c.measure)) order.push(c.measure);
    return order;
  }, [model.columns]);
  const [historyKey, setHistoryKey] = useState<string>(consortiumKey);
  const [historyMeasure, setHistoryMeasure] = useState<MeasureId | null>(null);
  const illustrative = summary.sources.filter((s) => s.illustrative).length;
  const memberCount = model.members.length;

  return (
    <div className="data-view">
      <div className="view-header">
        <h1>Data</h1>
        <ConsortiumName />
      </div>

      {memberCount === 0 ? (
        <>
          <div className="empty-state">
            <h2>No member authorities yet</h2>
            <p>
              This plan does not yet have member authorities with published figures: no DfE children looked after
              statistics, Ofsted children’s homes data or ONS population estimates for its members.
            </p>
            <p>
              Choose the consortium’s members, then import their data; each member authority will be listed here with
              its headline figures and their sources.
            </p>
            <button type="button" className="button button-primary" onClick={editMembers}>
              Choose member authorities…
            </button>
          </div>
          <DataGaps gaps={gaps} />
        </>
      ) : (
        <>
          <div className="data-intro">
            <p>
              {memberCount} member {memberCount === 1 ? 'authority' : 'authorities'}, with the consortium total and
              comparators below. Figures come from {summary.sources.length}{' '}
              {summary.sources.length === 1 ? 'source' : 'sources'}
              {illustrative > 0 && <> ({illustrative} illustrative, not published)</>}. Select a figure to see where it
              comes from and its history.
              {gaps.length > 0 && (
                <>
                  {' '}
                  <a href={`#${dataGapsId}`} className="inline-link">
                    {gaps.length} {gaps.length === 1 ? 'thing is' : 'things are'} missing from this plan
                  </a>
                  .
                </>
              )}
            </p>
            <button type="button" className="button button-small" onClick={showDataSources}>
              Data sources…
            </button>
          </div>
          <AuthorityTable
            model={model}
            historyKey={historyKey}
            onShowHistory={(key, measure) => {
              setHistoryKey(key);
              setHistoryMeasure(measure ?? null);
            }}
            aside={
              <HistoryPanel
                summary={summary}
                order={measureOrder}
                areaKey={historyKey}
                onAreaChange={setHistoryKey}
                currentMeasure={historyMeasure}
              />
            }
          />
          {sectors.period !== null && <SectorTable model={sectors} />}
          <DataGaps gaps={gaps} />
          <AssumptionRegister rows={assumptions} />
        </>
      )}
    </div>
  );
}
