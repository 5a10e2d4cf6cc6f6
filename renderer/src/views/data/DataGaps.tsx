import type { DataGap } from '#shared/model/summary.js';

export const dataGapsId = 'plan-gaps';

/** What the plan lacks and which import fills each gap: information, not an error. */
export function DataGaps({ gaps }: { gaps: readonly DataGap[] }) {
  if (gaps.length === 0) return null;
  return (
    <section className="gaps" id={dataGapsId} aria-labelledby={`${dataGapsId}-heading`} tabIndex={-1}>
      <h2 id={`${dataGapsId}-heading`}>What this plan is missing</h2>
      <p className="muted section-intro">
        The planner works with what it has; each of these imports would make the plan more complete.
      </p>
      <ul className="gap-list">
        {gaps.map((gap, i) => (
          <li key={`${gap.measure}-${i}`} className="gap-item">
            <p className="gap-message">{gap.message}</p>
            <p className="gap-fill">
              <span className="gap-fill-label">Filled by:</span> {gap.fillWith}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
