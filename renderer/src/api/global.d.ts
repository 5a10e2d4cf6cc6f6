import type { PlannerBridge } from '#shared/api/contract.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in browser mode, where the HTTP bridge is used instead. */
    planner?: PlannerBridge;
  }
}

export {};
