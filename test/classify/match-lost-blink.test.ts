import { describe, expect, it } from 'vitest';
import { decodingCatalogFor } from '../../src/catalog/index.js';
import { parseElements } from '../../src/classify/match.js';
import type { Element } from '../../src/classify/segment.js';
import { buildTemplates } from '../../src/classify/templates.js';
import { elementsOf } from './elements.js';

const FRAME_MS = 1000 / 30;
const CYAN: [number, number, number] = [0.1, 1, 0.95];
const MAGENTA: [number, number, number] = [1, 0.1, 0.95];
const YELLOW: [number, number, number] = [1, 0.9, 0.05];

const templates = buildTemplates(decodingCatalogFor('boron').modes, { device: 'boron', horizonMs: 20000 });
const ctx = { frameMs: FRAME_MS, jitterMs: 0, clipHeavy: false };

/** The spans the parse explains the clip with, as "mode elements-covered". */
function parse(obs: Element[]): string[] {
  return parseElements(obs, templates, ctx).spans.map((s) => `${s.template.mode} ${s.j - s.i}`);
}

/** Runs of whole frames at 30 fps: [kind, frames, colour when lit]. */
function runs(frames: Array<['on' | 'off', number, ([number, number, number] | undefined)?]>): Element[] {
  return elementsOf(frames.map(([kind, n, rgb]) => ({ kind, ms: n * FRAME_MS, rgb: rgb ?? CYAN })), FRAME_MS);
}

/**
 * A failed handshake at 30 fps: 2 s of the fast cyan blink (50 ms lit, 50 ms dark: one and a half
 * frame intervals per phase, so runs of one or two frames), then magenta held 250 ms. `lostLast`: the
 * last cyan blink falls between exposures, so three phases read as one dark run of four or five frames.
 */
function authError(lostLast: boolean): Element[] {
  const spec: Array<['on' | 'off', number, ([number, number, number] | undefined)?]> = [];
  for (let k = 0; k < 20; k++) spec.push(['on', 1 + (k % 2)], ['off', 2 - (k % 2)]);
  if (lostLast) {
    spec.splice(spec.length - 3, 3);
    spec.push(['off', 4]);
  }
  spec.push(['on', 8, MAGENTA], ['off', 30]);
  return runs(spec);
}

const TINTED_CYAN: [number, number, number] = [0.44, 1, 0.82];
const GREENISH_CYAN: [number, number, number] = [0.47, 1, 0.59];
const ORANGE: [number, number, number] = [1, 0.66, 0.2];

/**
 * A decryption error at 30 fps through a tint: 2 s of the fast cyan (read pale cyan), the 250 ms
 * orange hold, then dark. `lastGreen`: the last cyan blink's hue drifted to green (hard-3250015).
 */
function decryptionError(lastGreen: boolean): Element[] {
  const spec: Array<['on' | 'off', number, ([number, number, number] | undefined)?]> = [];
  for (let k = 0; k < 20; k++) spec.push(['on', 1 + (k % 2), lastGreen && k === 19 ? GREENISH_CYAN : TINTED_CYAN], ['off', 2 - (k % 2)]);
  spec.push(['on', 8, ORANGE], ['off', 100]);
  return runs(spec);
}

describe('matcher: the last blink of a fast cyan train read off its colour', () => {
  it('finds the decryption error after a train whose blinks all read cyan (the reference)', () => {
    expect(parse(decryptionError(false))).toContain('handshake-decryption-error 41');
  });

  it('still finds it when the last cyan blink read green', () => {
    // the walk broke on that blink, and the orange hold could not start after it (the blink before
    // an error must show the intro's colour): the error was lost and the clip said as off at 0.60
    expect(parse(decryptionError(true))).toContain('handshake-decryption-error 41');
  });
});

describe('matcher: a fast blink at 30 fps that loses a blink between frames', () => {
  it('reads the failed handshake whole when every blink is seen (the reference)', () => {
    expect(parse(authError(false))[0]).toMatch(/^handshake-auth-error /);
  });

  it('still reads it whole when the last cyan blink before the magenta is lost', () => {
    // hard-550018's shape: the fast cyan ended in a dark run of 147 ms before the magenta, and the
    // span ended there; the cyan was named a decryption error and the magenta an OTA update
    expect(parse(authError(true))[0]).toMatch(/^handshake-auth-error /);
  });

  it('does not read a 200 ms DFU blink (100 ms lit, 100 ms dark) as the 51 ms firmware-reset toggle', () => {
    const spec: Array<['on' | 'off', number, ([number, number, number] | undefined)?]> = [];
    for (let k = 0; k < 30; k++) spec.push(['on', 3, YELLOW], ['off', 3]);
    expect(parse(runs(spec))).toEqual(['dfu 60']);
  });
});
