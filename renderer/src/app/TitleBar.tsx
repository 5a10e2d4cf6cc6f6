import type { ReactNode } from 'react';
import type { PlanState } from '#shared/api/contract.js';

export interface TitleBarProps {
  appName: string;
  planState: PlanState | null;
  /** Buttons at the end of the bar (the Workshop toggle). */
  actions?: ReactNode;
}

/** Plan name, consortium, the read-only and unsaved-changes markers, always in view. */
export function TitleBar({ appName, planState, actions }: TitleBarProps) {
  return (
    <div className="titlebar">
      <span className="app-name">{appName}</span>
      {planState?.open && (
        <>
          <span className="titlebar-divider" aria-hidden="true" />
          <span className="plan-identity">
            <span className="plan-name" data-testid="plan-name" title={planState.path ?? undefined}>
              {planState.name}
            </span>
            {planState.readOnly && (
              <span
                className="read-only-marker"
                data-testid="read-only-marker"
                title={planState.readOnlyReason ?? undefined}
              >
                Read-only
                <span className="visually-hidden">: {planState.readOnlyReason}</span>
              </span>
            )}
            {planState.dirty && (
              <span className="unsaved-marker" data-testid="unsaved-marker" title="Unsaved changes">
                <span aria-hidden="true">•</span>
                <span className="visually-hidden">unsaved changes</span>
              </span>
            )}
          </span>
          <span className="consortium-name">
            <span className="visually-hidden">Consortium: </span>
            {planState.consortiumName}
          </span>
        </>
      )}
      {actions && <span className="titlebar-actions">{actions}</span>}
    </div>
  );
}
