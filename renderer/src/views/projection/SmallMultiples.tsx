import { useEffect, useId, useRef } from 'react';
import type { AreaProjection, ForecastAssumption } from '#shared/forecast/types.js';
import { FanChart } from '../../charts/fan/FanChart';
import { BedsTable } from './BedsTable';
import { describeModel, gapWords, headline } from '../../models/projectionModel';
import { formatWhole } from '../../format/numbers';

export interface SmallMultiplesProps {
  areas: readonly AreaProjection[];
  selected: string | null;
  onSelect(code: string | null): void;
  /** Says where the figures come from, under the selected authority's table. */
  sourceNote: string;
  /** The projection's assumptions, named beside each chance of being short. */
  assumptions?: readonly ForecastAssumption[];
}

/**
 * One compact fan chart per member authority, each on its own scale. Selecting one shows its chart
 * at full size, how its trend was formed and its table by year.
 */
export function SmallMultiples({ areas, selected, onSelect, sourceNote, assumptions = [] }: SmallMultiplesProps) {
  const detailId = useId();
  const detailRef = useRef<HTMLDivElement>(null);
  // Bring the chosen authority's figures into view (they open below the cards).
  useEffect(() => {
    if (selected) detailRef.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [selected]);
  const chosen = areas.find((a) => a.code === selected) ?? null;
  const chosenModel = chosen ? describeModel(chosen.model) : null;
  const chosenHeadline = chosen ? headline(chosen) : null;
  return (
    <>
      <ul className="proj-multiples">
        {areas.map((area) => {
          const last = area.years[area.years.length - 1];
          const model = describeModel(area.model);
          const isSelected = area.code === selected;
          return (
            <li key={area.code}>
              <button
                type="button"
                className={isSelected ? 'proj-la-card is-selected' : 'proj-la-card'}
                aria-pressed={isSelected}
                aria-controls={detailId}
                data-code={area.code}
                onClick={() => onSelect(isSelected ? null : area.code)}
              >
                <span className="proj-la-name">{area.name}</span>
                {last && (
                  <span className="proj-la-figures">
                    {last.year}: {formatWhole(last.demand.p50)} children,{' '}
                    <span className={`proj-gap-inline proj-gap-${gapWords(last.gap.p50).kind}`}>
                      {gapWords(last.gap.p50).text}
                    </span>
                  </span>
                )}
                <FanChart area={area} variant="compact" decorative testId="la-fan-chart" />
                {model && <span className="proj-la-model">{model.short}</span>}
              </button>
            </li>
          );
        })}
      </ul>
      <div id={detailId} ref={detailRef} className="proj-la-detail">
        {chosen ? (
          <>
            <div className="proj-la-detail-header">
              <h3>{chosen.name}</h3>
              <button type="button" className="button button-small" onClick={() => onSelect(null)}>
                Close<span className="visually-hidden"> {chosen.name}’s figures</span>
              </button>
            </div>
            {chosenHeadline && <p className="proj-headline">{chosenHeadline}</p>}
            <FanChart area={chosen} testId="la-detail-fan-chart" />
            {chosenModel && <p className="proj-model-text">{chosenModel.long}</p>}
            <BedsTable
              area={chosen}
              rowTestId="la-projection-row"
              assumptions={assumptions}
              caption={
                <>
                  {chosen.name}: beds needed and places by year. <span className="proj-caption-note">{sourceNote}</span>
                </>
              }
            />
          </>
        ) : (
          <p className="muted">Select an authority to see its chart at full size and its figures by year.</p>
        )}
      </div>
    </>
  );
}
