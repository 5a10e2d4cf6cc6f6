/**
 * How components read the plan session (./planSessionStore.ts): `usePlanSession(select)` returns a
 * part of it and renders again when that part changes (React's useSyncExternalStore; no other
 * library). Select a part held in the state as it is (a slice or a field), not a new object made
 * from it, or the component renders on every change to the session.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { planSession, type PlanSessionState, type PlanSessionStore } from './planSessionStore';

export function usePlanSession<T>(select: (state: PlanSessionState) => T, store: PlanSessionStore = planSession): T {
  const getSnapshot = useCallback(() => select(store.getState()), [select, store]);
  return useSyncExternalStore(store.subscribe, getSnapshot, getSnapshot);
}

const selectRevision = (state: PlanSessionState) => state.revision;

/** The plan's revision: changes whenever the plan does (pass it to what must run again then). */
export function usePlanRevision(): number {
  return usePlanSession(selectRevision);
}
