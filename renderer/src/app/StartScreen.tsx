import type { MenuCommand, RecentPlan } from '#shared/api/contract.js';
import { RecentPlans } from './RecentPlans';

export interface StartScreenProps {
  busy: boolean;
  recent: RecentPlan[];
  onCommand(command: MenuCommand): void;
}

/** Shown when no plan is open. */
export function StartScreen({ busy, recent, onCommand }: StartScreenProps) {
  return (
    <main id="main" className="start-screen" tabIndex={-1} aria-busy={busy}>
      <div className="start-card">
        <h1>Start planning</h1>
        <p className="lead">
          Plan children’s homes places with the councils in your consortium. Everything you do is saved in one plan file
          on this computer.
        </p>
        <div className="start-actions">
          <button
            type="button"
            className="button button-primary button-large"
            disabled={busy}
            onClick={() => onCommand({ command: 'new' })}
          >
            New plan…
          </button>
          <button
            type="button"
            className="button button-large"
            disabled={busy}
            onClick={() => onCommand({ command: 'open' })}
          >
            Open…
          </button>
        </div>
        <section aria-labelledby="recent-heading" className="start-recent">
          <h2 id="recent-heading">Recent plans</h2>
          <RecentPlans recent={recent} disabled={busy} onOpen={(path) => onCommand({ command: 'openRecent', path })} />
        </section>
      </div>
    </main>
  );
}
