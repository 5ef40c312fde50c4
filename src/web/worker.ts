/**
 * The page's tracker worker: frames in (search, then crops), LED samples out. Off the main thread so
 * the preview stays smooth; apart from the matcher so a re-analysis never holds up a frame.
 */
import { createTrackerEngine } from './engine.js';
import type { FromTracker, ToTracker } from './protocol.js';

// the project's lib is DOM, not WebWorker: name only what a dedicated worker scope offers here
const scope = self as unknown as {
  postMessage(message: FromTracker, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToTracker>) => void) | null;
};

const engine = createTrackerEngine((message) => scope.postMessage(message, message.type === 'frame-done' && message.recycled ? [message.recycled] : []));

scope.onmessage = (event) => {
  try {
    engine.handle(event.data);
  } catch (error) {
    scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
