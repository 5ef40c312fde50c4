/**
 * The page's matcher worker: LED samples in (forwarded by the page in frame order), diagnoses out.
 * Its re-analyses of the window take tens of ms; here they run beside the tracker, not in its way.
 */
import { createMatcherEngine } from './engine.js';
import type { FromMatcher, ToMatcher } from './protocol.js';

// the project's lib is DOM, not WebWorker: name only what a dedicated worker scope offers here
const scope = self as unknown as {
  postMessage(message: FromMatcher): void;
  onmessage: ((event: MessageEvent<ToMatcher>) => void) | null;
};

const engine = createMatcherEngine((message) => scope.postMessage(message));

scope.onmessage = (event) => {
  try {
    engine.handle(event.data);
  } catch (error) {
    scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
