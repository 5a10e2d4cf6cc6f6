/**
 * The recommendation worker: runs the optimiser off the page's thread, posting progress as it goes,
 * so the Scenarios view stays responsive and can cancel (by stopping this worker). See
 * ./recommendWorkerCore.ts.
 */
import { handleRecommend } from './recommendWorkerCore';

interface WorkerScope {
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  postMessage(message: unknown): void;
}

const scope = self as unknown as WorkerScope;
scope.onmessage = (event) => handleRecommend(event.data, (answer) => scope.postMessage(answer));
