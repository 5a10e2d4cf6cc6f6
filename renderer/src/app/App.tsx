import { useEffect, useMemo, useRef, useState } from 'react';
import { AboutDialog } from './dialogs/AboutDialog';
import { ConfirmDiscardDialog } from './dialogs/ConfirmDiscardDialog';
import { DataSourcesDialog } from './dialogs/DataSourcesDialog';
import { ExportPathDialog } from './dialogs/ExportPathDialog';
import { PathDialog } from './dialogs/PathDialog';
import { ChangedOnDiskDialog } from './dialogs/ChangedOnDiskDialog';
import { NewPlanDialog } from './dialogs/NewPlanDialog';
import { RecoveryDialog } from './dialogs/RecoveryDialog';
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
import { ChooseLeversDialog } from './workshop/ChooseLeversDialog';
import { LeverPanel } from './workshop/LeverPanel';
import { useWorkshop } from './workshop/useWorkshop';
import { WorkshopBar } from './workshop/WorkshopBar';
import { WorkshopToggle } from './workshop/WorkshopToggle';
import { stepView, viewPosition } from './workshop/workshopModel';
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
  // the recovery offer waits until no other dialog is up
  const showRecovery = controller.recoverable.length > 0 && pendingDialog === null && !busy;
  const shellModalOpen = pendingDialog !== null || infoDialog !== null || showMembers || showRecovery;
  const viewIds = useMemo(() => views.map((v) => v.id), []);
  const workshop = useWorkshop({
    available: planIsOpen && summary !== null,
    viewIds,
    currentViewId,
    onNavigate: setCurrentViewId,
    otherModalOpen: shellModalOpen,
    planPath: planState?.open ? planState.path : null,
  });
  const modalOpen = shellModalOpen || workshop.chooserOpen;

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
  const viewLabel = (step: 'previous' | 'next') => {
    const id = currentView ? stepView(viewIds, currentView.id, step) : null;
    return views.find((v) => v.id === id)?.label ?? null;
  };
  const go = (step: 'previous' | 'next') => {
    const id = currentView ? stepView(viewIds, currentView.id, step) : null;
    if (id) setCurrentViewId(id);
  };

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
          <main id="main" className="view" tabIndex={workshop.active ? 0 : -1} aria-busy={busy}>
            <ErrorBoundary key={currentView.id} what={`the ${currentView.label} view`}>
              <Component />
            </ErrorBoundary>
          </main>
          {workshop.active && workshop.panelShown && (
            <LeverPanel
              assumptions={context.summary.assumptions}
              chosen={workshop.chosen}
              perform={perform}
              onChoose={workshop.openChooser}
            />
          )}
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
      <div className={workshop.active ? 'app workshop' : 'app'} inert={modalOpen}>
        <a className="skip-link" href="#main">
          Skip to main content
        </a>
        <header className="app-header">
          <TitleBar
            appName={appInfo?.appName ?? appTitle}
            planState={planState}
            actions={context && <WorkshopToggle mode={mode} active={workshop.active} onToggle={workshop.toggle} />}
          />
          {mode === 'browser' && (
            <FileToolbar planOpen={planState?.open ?? false} busy={busy} recent={recent} onCommand={dispatch} />
          )}
        </header>
        {workshop.active && context && currentView && (
          <WorkshopBar
            consortiumName={context.summary.consortium.name}
            viewLabel={currentView.label}
            position={viewPosition(viewIds, currentView.id)}
            previousLabel={viewLabel('previous')}
            nextLabel={viewLabel('next')}
            onPrevious={() => go('previous')}
            onNext={() => go('next')}
            dirty={context.plan.dirty}
            panelShown={workshop.panelShown}
            onTogglePanel={() => workshop.setPanelShown(!workshop.panelShown)}
            onChooseLevers={workshop.openChooser}
            onExit={workshop.exit}
          />
        )}
        <ErrorAlert error={error} onDismiss={controller.dismissError} />
        <div aria-live="polite">
          {controller.notice && (
            <div className="alert alert-notice" role="status" data-testid="app-notice">
              <p className="alert-message">{controller.notice}</p>
              {!busy && (
                <button type="button" className="button button-quiet" onClick={controller.dismissNotice}>
                  Dismiss<span className="visually-hidden"> message</span>
                </button>
              )}
            </div>
          )}
        </div>
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
      {pendingDialog?.kind === 'changedOnDisk' && (
        <ChangedOnDiskDialog
          planName={pendingDialog.planName}
          message={pendingDialog.message}
          onChoose={(choice) => pendingDialog.resolve(choice)}
        />
      )}
      {pendingDialog?.kind === 'newPlan' && (
        <NewPlanDialog onCreate={pendingDialog.create} onCancel={pendingDialog.cancel} />
      )}
      {showRecovery && (
        <RecoveryDialog
          plans={controller.recoverable}
          onRecover={controller.recoverPlan}
          onDiscard={controller.discardRecoverable}
          onLater={controller.postponeRecovery}
        />
      )}
      {pendingDialog?.kind === 'exportPath' && (
        <ExportPathDialog
          format={pendingDialog.format}
          initialPath={pendingDialog.initialPath}
          onSubmit={(path) => pendingDialog.resolve(path)}
          onCancel={() => pendingDialog.resolve(null)}
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
      {workshop.chooserOpen && summary && (
        <ChooseLeversDialog
          assumptions={summary.assumptions}
          chosen={workshop.chosen}
          onApply={(keys) => {
            workshop.choose(keys);
            workshop.closeChooser();
          }}
          onCancel={workshop.closeChooser}
        />
      )}
      {infoDialog === 'about' && <AboutDialog appInfo={appInfo} onClose={controller.closeInfoDialog} />}
      {infoDialog === 'dataSources' && (
        <DataSourcesDialog sources={summary?.sources ?? null} onClose={controller.closeInfoDialog} />
      )}
    </>
  );
}
