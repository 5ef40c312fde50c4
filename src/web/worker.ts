/**
 * The page's worker: tracker + matcher off the main thread, so the preview stays smooth while the
 * classifier re-analyses its window.
 */
import { createWebEngine } from './engine.js';
import type { FromWorker, ToWorker } from './protocol.js';

// the project's lib is DOM, not WebWorker: name only what a dedicated worker scope offers here
const scope = self as unknown as {
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
};

const engine = createWebEngine((message) => scope.postMessage(message));

scope.onmessage = (event) => {
  try {
    engine.handle(event.data);
  } catch (error) {
    scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
