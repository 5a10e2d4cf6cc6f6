import { useEffect, useMemo, useRef, useState } from 'react';
import { AboutDialog } from './dialogs/AboutDialog';
import { ConfirmDiscardDialog } from './dialogs/ConfirmDiscardDialog';
import { DataSourcesDialog } from './dialogs/DataSourcesDialog';
import { PathDialog } from './dialogs/PathDialog';
import { ErrorAlert } from './ErrorAlert';
import { ErrorBoundary } from './ErrorBoundary';
import { FileToolbar } from './FileToolbar';
import { PlanContext, type PlanContextValue } from './PlanContext';
import { shortcutCommand } from './shortcuts';
import { StartScreen } from './StartScreen';
import { TitleBar } from './TitleBar';
import { usePlanController } from './usePlanController';
import { ViewNav } from './ViewNav';
import { views } from './views';
import { transportKind } from '../api';
import { MembersDialog } from '../views/data/MembersDialog';

const appTitle = 'Sufficiency Planner';

// Choosing the transport also takes the browser-mode launch token from the address bar, before first render.
const fallbackMode = transportKind() === 'ipc' ? 'electron' : 'browser';

export function App() {
  const controller = usePlanController();
  const { appInfo, planState, summary, recent, error, busy, pendingDialog, infoDialog, dispatch, perform } = controller;
  const [currentViewId, setCurrentViewId] = useState<string>(views[0]?.id ?? 'data');
  const [membersOpen, setMembersOpen] = useState(false);

  // Until getAppInfo answers, a missing preload means browser mode.
  const mode = appInfo?.mode ?? fallbackMode;
  const planIsOpen = planState?.open ?? false;
  const showMembers = membersOpen && planIsOpen && summary !== null;
  const modalOpen = pendingDialog !== null || infoDialog !== null || showMembers;

  // When a plan opens or closes, the screen is replaced: move focus to the new main region.
  const planOpen = planState?.open ?? null;
  const previousPlanOpen = useRef<boolean | null>(null);
  useEffect(() => {
    if (planOpen === null) return;
    if (previousPlanOpen.current !== null && previousPlanOpen.current !== planOpen) {
      document.getElementById('main')?.focus();
    }
    previousPlanOpen.current = planOpen;
  }, [planOpen]);

  useEffect(() => {
    document.title = planState?.open ? `${planState.name}${planState.dirty ? ' •' : ''} — ${appTitle}` : appTitle;
  }, [planState]);

  // Browser mode has no native menu, so the app handles the usual file shortcuts itself.
  useEffect(() => {
    if (mode !== 'browser') return;
    function onKeyDown(event: KeyboardEvent) {
      const command = shortcutCommand(event);
      if (!command) return;
      event.preventDefault();
      if (!modalOpen) dispatch({ command });
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [mode, modalOpen, dispatch]);

  const context = useMemo<PlanContextValue | null>(
    () =>
      planState?.open && summary
        ? {
            appInfo,
            plan: planState,
            summary,
            perform,
            showDataSources: () => dispatch({ command: 'dataSources' }),
            editMembers: () => setMembersOpen(true),
          }
        : null,
    [appInfo, planState, summary, perform, dispatch],
  );

  const currentView = views.find((v) => v.id === currentViewId) ?? views[0];

  let body;
  if (!controller.ready) {
    body = (
      <main id="main" className="loading" tabIndex={-1} aria-busy="true">
        <p role="status">Loading…</p>
      </main>
    );
  } else if (context && currentView) {
    const { Component } = currentView;
    body = (
      <PlanContext.Provider value={context}>
        <div className="workspace">
          <ViewNav views={views} current={currentView.id} onSelect={setCurrentViewId} />
          <main id="main" className="view" tabIndex={-1} aria-busy={busy}>
            <ErrorBoundary key={currentView.id} what={`the ${currentView.label} view`}>
              <Component />
            </ErrorBoundary>
          </main>
        </div>
      </PlanContext.Provider>
    );
  } else if (planState?.open) {
    body = (
      <main id="main" className="loading" tabIndex={-1}>
        <p>The plan is open, but its figures could not be loaded.</p>
      </main>
    );
  } else {
    body = <StartScreen busy={busy} recent={recent} onCommand={dispatch} />;
  }

  return (
    <>
      <div className="app" inert={modalOpen}>
        <a className="skip-link" href="#main">
          Skip to main content
        </a>
        <header className="app-header">
          <TitleBar appName={appInfo?.appName ?? appTitle} planState={planState} />
          {mode === 'browser' && (
            <FileToolbar planOpen={planState?.open ?? false} busy={busy} recent={recent} onCommand={dispatch} />
          )}
        </header>
        <ErrorAlert error={error} onDismiss={controller.dismissError} />
        {body}
      </div>
      {pendingDialog?.kind === 'confirmDiscard' && (
        <ConfirmDiscardDialog
          planName={pendingDialog.planName}
          action={pendingDialog.action}
          onConfirm={() => pendingDialog.resolve(true)}
          onCancel={() => pendingDialog.resolve(false)}
        />
      )}
      {pendingDialog?.kind === 'path' && (
        <PathDialog
          purpose={pendingDialog.purpose}
          initialPath={pendingDialog.initialPath}
          recent={pendingDialog.recent}
          onSubmit={(path) => pendingDialog.resolve(path)}
          onCancel={() => pendingDialog.resolve(null)}
        />
      )}
      {showMembers && (
        <MembersDialog
          consortiumName={summary?.consortium.name ?? ''}
          perform={perform}
          onClose={() => setMembersOpen(false)}
        />
      )}
      {infoDialog === 'about' && <AboutDialog appInfo={appInfo} onClose={controller.closeInfoDialog} />}
      {infoDialog === 'dataSources' && (
        <DataSourcesDialog sources={summary?.sources ?? null} onClose={controller.closeInfoDialog} />
      )}
    </>
  );
}
