/**
 * A dedicated worker serving one engine: each message in goes to `handle`, and a throw goes back to
 * the page as an error message (which it shows) instead of ending the worker silently.
 */
import type { WorkerError } from './protocol.js';

export function serveEngine<In, Out>(
  makeEngine: (post: (message: Out) => void) => { handle(message: In): void },
  transferOf: (message: Out) => Transferable[] = () => [],
): void {
  // the project's lib is DOM, not WebWorker: name only what a dedicated worker scope offers here
  const scope = self as unknown as {
    postMessage(message: Out | WorkerError, transfer?: Transferable[]): void;
    onmessage: ((event: MessageEvent<In>) => void) | null;
  };
  const engine = makeEngine((message) => scope.postMessage(message, transferOf(message)));
  scope.onmessage = (event) => {
    try {
      engine.handle(event.data);
    } catch (error) {
      scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };
}
