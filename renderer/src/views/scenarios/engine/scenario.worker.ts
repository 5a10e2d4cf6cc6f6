/**
 * The Scenarios view's worker: runs scenarios on the plan's context off the page's thread, so a
 * lever change is recomputed at once while the page stays responsive. See ./workerCore.ts.
 */
import { ScenarioWorkerCore } from './workerCore';

interface WorkerScope {
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  postMessage(message: unknown): void;
}

const scope = self as unknown as WorkerScope;
const core = new ScenarioWorkerCore();
scope.onmessage = (event) => {
  const answer = core.handle(event.data);
  if (answer) scope.postMessage(answer);
};
