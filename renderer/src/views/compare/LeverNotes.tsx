/**
 * Compare's "What each lever did": for each scenario compared, each lever's notes (what it changed,
 * what it could not) and a block contract's break-even price, or that its effect is in the figures.
 */
import type { LeverNoteGroup } from './compareModel';

export function LeverNotes({
  groups: leverNotes,
  headingId,
}: {
  groups: readonly LeverNoteGroup[];
  headingId: string;
}) {
  const ids = { levers: headingId };
  return (
    <section className="cmp-section" aria-labelledby={ids.levers} data-testid="compare-lever-notes">
      <h2 id={ids.levers}>What each lever did</h2>
      {leverNotes.map((g) => (
        <div key={g.scenarioId} data-id={g.scenarioId}>
          <h3>
            {g.name}
            {g.illustrative && (
              <>
                {' '}
                <span className="tag tag-illustrative">Illustrative</span>
              </>
            )}
          </h3>
          {g.changesNothing && (
            <p className="scn-notice">
              <strong>{g.changesNothing}</strong>
            </p>
          )}
          <ul className="scn-caption">
            {g.levers.map((l) => (
              <li key={l.key}>
                <strong>{l.label}</strong>
                {l.notes.length === 0 && !l.breakEven ? (
                  ': its effect is in the figures above.'
                ) : (
                  <ul>
                    {l.notes.map((n) => (
                      <li key={n}>{n}</li>
                    ))}
                    {l.breakEven && <li data-testid="compare-break-even">{l.breakEven}</li>}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
