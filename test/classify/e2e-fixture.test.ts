import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDiagnose } from '../../src/cli/commands/diagnose.js';
import type { ClipLabel } from '../../src/synth/scenario.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

function label(name: string): ClipLabel {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as ClipLabel;
}

/** The whole pipeline (ffmpeg → locate → series → classify → JSON) on committed fixture clips. */
describe('diagnose on committed fixture clips', () => {
  it.each(['mode-connected', 'sos-1', 'preset-cloud-error-3'])('%s', async (name) => {
    const l = label(name);
    let printed = '';
    const { json } = await runDiagnose(join(FIXTURES, `${name}.mp4`), { device: l.device, json: true }, (t) => (printed += t));
    expect(JSON.parse(printed)).toEqual(json);
    expect({ mode: json.diagnosis.mode, code: json.diagnosis.code, color: json.diagnosis.color }).toEqual(l.expected);
    expect(json.video.width).toBe(l.video.width);
    expect(json.led).not.toBeNull();
    expect(Math.hypot(json.led!.x - l.led.x, json.led!.y - l.led.y)).toBeLessThan(Math.max(4, 2 * l.led.radius));
  });

  it('a bad device is a one-line bad-input error (exit 2)', async () => {
    await expect(runDiagnose(join(FIXTURES, 'mode-connected.mp4'), { device: 'toaster' }, () => {})).rejects.toMatchObject({ exitCode: 2 });
  });
});
