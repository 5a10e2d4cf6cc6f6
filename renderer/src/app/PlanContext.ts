import { createContext, useContext } from 'react';
import type { AppInfo, OpenPlanState } from '#shared/api/contract.js';
import type { PlanSummary } from '#shared/model/summary.js';

/** What every view receives about the open plan, and how it changes it. */
export interface PlanContextValue {
  appInfo: AppInfo | null;
  plan: OpenPlanState;
  summary: PlanSummary;
  /**
   * Runs a call that changes the plan: reports any error in the app's alert region, then refreshes
   * the plan state and summary. Resolves true when the call succeeded.
   */
  perform(task: () => Promise<unknown>): Promise<boolean>;
  showDataSources(): void;
  /** Opens the membership editor (a modal over the whole app). */
  editMembers(): void;
}

export const PlanContext = createContext<PlanContextValue | null>(null);

export function usePlan(): PlanContextValue {
  const value = useContext(PlanContext);
  if (!value) throw new Error('usePlan() is only available inside an open plan.');
  return value;
}
