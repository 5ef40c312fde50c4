import { describe, expect, it } from 'vitest';
import { decodingCatalogFor } from '../../src/catalog/index.js';
import { parseElements } from '../../src/classify/match.js';
import { buildTemplates } from '../../src/classify/templates.js';
import { elementsOf } from './elements.js';

const MAGENTA: [number, number, number] = [1, 0.05, 1];

/**
 * hard-2650001's runs (60 fps): an OTA flicker whose lit runs last up to 684 ms, longer than one
 * toggle (500 ms at most), because a dark toggle of one LED tick (25 ms) fell between exposures.
 */
const OTA_RUNS: Array<['on' | 'off', number]> = [
  ['on', 150], ['off', 391], ['on', 257], ['off', 118], ['on', 402], ['off', 124], ['on', 309], ['off', 238],
  ['on', 508], ['off', 166], ['on', 684], ['off', 316], ['on', 584], ['off', 366], ['on', 651], ['off', 71], ['on', 479],
];

describe('matcher: an irregular flicker whose short dark toggles the frames missed', () => {
  const templates = buildTemplates(decodingCatalogFor('boron').modes, { device: 'boron', horizonMs: 20000 });
  /** The modes of the spans that explain most of the runs' time at `fps`. */
  const modesAt = (fps: number): string[] => {
    const frameMs = 1000 / fps;
    const obs = elementsOf(OTA_RUNS.map(([kind, ms]) => ({ kind, ms, rgb: MAGENTA })), frameMs);
    return parseElements(obs, templates, { frameMs, jitterMs: 0 })
      .spans.filter((s) => obs[s.j - 1].endMs - obs[s.i].startMs >= 1000)
      .map((s) => s.template.mode);
  };

  it('reads lit runs of two toggles as the OTA flicker when one toggle is under a frame and a half', () => {
    // at 60 fps: a 25 ms dark toggle fits between exposures (listening blue at 0.37 on the old matcher)
    expect(modesAt(60)).toEqual(['ota-update']);
  });

  it('does not stretch a toggle where the frames would have shown the dark between', () => {
    // at 120 fps a 25 ms dark spans three frames: a 684 ms lit run is no toggle of the flicker
    expect(modesAt(120)).not.toEqual(['ota-update']);
  });
});
