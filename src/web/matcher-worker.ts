/**
 * The page's matcher worker: LED samples in (forwarded by the page in frame order), diagnoses out.
 * Its re-analyses of the window take tens of ms; here they run beside the tracker, not in its way.
 */
import { createMatcherEngine } from './engine.js';
import type { FromMatcher, ToMatcher } from './protocol.js';
import { serveEngine } from './serve-engine.js';

serveEngine<ToMatcher, FromMatcher>((post) => createMatcherEngine(post));
