/**
 * The page's tracker worker: frames in (search, then crops), LED samples out. Off the main thread so
 * the preview stays smooth; apart from the matcher so a re-analysis never holds up a frame. A search
 * frame's buffer goes back to the page with its reply, for a later grab.
 */
import { createTrackerEngine } from './engine.js';
import type { FromTracker, ToTracker } from './protocol.js';
import { serveEngine } from './serve-engine.js';

serveEngine<ToTracker, FromTracker>(
  (post) => createTrackerEngine(post),
  (message) => (message.type === 'frame-done' && message.recycled ? [message.recycled] : []),
);
