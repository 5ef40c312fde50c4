import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifySeries } from '../../src/classify/index.js';
import { seriesFromSamples } from '../../src/signal/series.js';
import type { LedSeries } from '../../src/signal/types.js';

/** A series extracted from a rendered clip, stored as [tMs, r, g, b, luma, clipped] rows (its frame timing is read back from them). */
function storedSeries(name: string): { series: LedSeries; expected: { mode: string; code: number | null; color: string | null } } {
  const raw = JSON.parse(readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8')) as { expected: { mode: string; code: number | null; color: string | null }; samples: number[][] };
  const series = seriesFromSamples(raw.samples.map(([tMs, r, g, b, luma, clipped]) => ({ tMs, r, g, b, luma, clipped: clipped === 1 })));
  return { series, expected: raw.expected };
}

describe('matcher: stored series it once lost', () => {
  it.each([
    {
      // the handshake's 10 Hz cyan reads as lit runs of one to six frames split by single dark frames:
      // no run fitted a 50 ms phase, the red hold after it went unexplained, and the clip was called
      // connecting-cloud at 0.91
      what: 'the handshake error after a fast cyan that beat with 24 fps frames',
      file: 'handshake-24fps-series.json',
      mode: 'handshake-error',
    },
    {
      // a camera that rotates hues by -10 degrees read the two orange blinks after blinking cyan as
      // red; no two-blink red pattern exists, and the three-blink "seen as red" cloud error claimed
      // them with its third blink missing and dark after it for three seconds (said as off at 0.6)
      what: 'two orange blinks read red as the two-blink cloud error',
      file: 'no-internet-red-read-series.json',
      mode: 'handshake-no-internet',
    },
    {
      // the other camera's look turned each clipped white reboot flash's halo blue (saturation 0.8):
      // no white was left to start the loop, and the green blinks between the flashes were called
      // connecting-network at 0.80 (confidently wrong)
      what: 'the power-issue loop whose white flashes read blue',
      file: 'power-issue-blue-flash-series.json',
      mode: 'power-issue',
    },
    {
      // a 10 Hz cyan locked in phase with 30 fps frames reads as one flickering lit run that never
      // goes dark: the walk through the intro blink by blink failed, and the orange hold after it was
      // left unproven (the clip was called off, what followed it)
      what: 'the handshake error after a cyan the frames smeared into one light',
      file: 'handshake-smeared-cyan-series.json',
      mode: 'handshake-decryption-error',
    },
    {
      // the fast cyan's last blinks ran together into a 210 ms lit run just before the magenta hold,
      // which no intro phase fits: connecting-cloud was proven, the hold fitted nothing, and the clip
      // was called off
      what: 'the handshake error after fast cyan whose last blinks ran together',
      file: 'handshake-lumpy-cyan-series.json',
      mode: 'handshake-auth-error',
    },
    {
      // a washed-out camera read the power-issue loop's 500 ms white flash as pale cyan, run together
      // with the first 100 ms green blink: the hue turned 75° one way, once, and the run passed for a
      // rainbow (confidently wrong at 0.985); each of a rainbow's colours holds a seventh of it
      what: 'the power-issue loop whose white flash ran into a green blink',
      file: 'power-issue-rainbow-flash-series.json',
      mode: 'power-issue',
    },
    {
      // blinking green at 25 fps: three frames lit, two dark, and the measurement's total light (the
      // white package around the LED) held through every dark pair, so each was bridged as a measuring
      // miss and the blink read as a steady green light (0.75)
      what: 'a 25 fps blink whose total light the package holds through its dark frames',
      file: 'green-25fps-package-luma-series.json',
      mode: 'connecting-network',
    },
    {
      // at 15 fps a 50 ms signal bar falls partly inside one exposure: the middle one of three bars
      // read as one frame at a fifth of the lit level, in darkness, and the readout counted 1 bar
      what: 'three signal bars, one of them caught only in part by a 15 fps exposure',
      file: 'bars-15fps-series.json',
      mode: 'signal-strength',
      code: 3,
    },
    {
      // a small LED at CRF 32 lost the second and the fourth of five bars whole: the three seen,
      // 800 ms apart, read as one bar (the dark before the first went to an off state of its own)
      what: 'five signal bars, two of them lost whole between seen ones',
      file: 'bars-lost-flashes-series.json',
      mode: 'signal-strength',
      code: 5,
    },
    {
      // the guard on the bars' dark lead: a 1.4 s dark in a Tracker's blinking green, credited in
      // full to a lead before any bar fitted, made the 586 ms green run after it one bar at 0.70
      what: 'a Tracker connecting to the cloud, once dark for 1.4 s',
      file: 'tracker-green-long-dark-series.json',
      mode: 'tracker-connecting-cloud',
      device: 'tracker-som' as const,
    },
    {
      // a solid green whose level drifts with shake and defocus (0.46 to 1 of its peak), lit for 5.6 s
      // after a 47 ms dip: the docs' 4 s breath forgave its lit half that length, and a Tracker's
      // solid green was said as breathing green (cloud not connected) at 0.72
      what: 'a Tracker\'s solid green lit for longer than any breath\'s period',
      file: 'tracker-solid-green-drift-series.json',
      mode: 'tracker-connected',
      device: 'tracker-som' as const,
    },
    {
      // a device powered on: 0.5 s dark, the white flash, ten green blinks and more, cyan. The
      // power-issue loop (white, ten green blinks, white again…) walked from its closing dark took the
      // dark before the flash for its loop seen again, and the boot was said as a brown-out at 0.83
      what: 'a boot at 15 fps that shows the white flash once',
      file: 'boot-15fps-series.json',
      mode: 'connected',
    },
  ])('finds $what', ({ file, mode, code, device }: { file: string; mode: string; code?: number; device?: 'tracker-som' }) => {
    const { series, expected } = storedSeries(file);
    expect(expected.mode).toBe(mode);
    const d = classifySeries(series, { device: device ?? 'boron' }).diagnosis;
    expect(d.mode).toBe(expected.mode);
    expect(d.color).toBe(expected.color);
    expect(d.code).toBe(code ?? null);
  });
});

describe('matcher: a count is read only from the pattern\'s start', () => {
  it('does not take the last of three signal bars, 90 ms after the one before, for one bar after its lead', () => {
    // the middle bar read 218 ms long, so no walk went through all three; the last bar alone was
    // read as one bar (its 750 ms dim lead standing in the 90 ms of dark before it) at 0.997
    const { series, expected } = storedSeries('bars-long-middle-series.json');
    expect(expected).toEqual({ mode: 'signal-strength', code: 3, color: 'green' });
    const { timeline } = classifySeries(series, { device: 'boron' });
    const oneBar = timeline.filter((s) => s.mode === 'signal-strength' && s.code === 1);
    expect(oneBar.map((s) => s.confidence)).toEqual([]);
  });
});

describe('matcher: a breath is not one short lit run', () => {
  it('reads a decryption error and the dark after it, not connecting-cloud and a breath refused too late', () => {
    // the orange hold (242 ms) and 3.8 s of dark won as one white breath; refused after the parse, it
    // left its time unknown and the fast cyan before it was said as connecting-cloud at 0.86
    const { series, expected } = storedSeries('decryption-then-dark-series.json');
    const { diagnosis, timeline } = classifySeries(series, { device: 'boron' });
    expect([diagnosis.mode, diagnosis.color]).toEqual([expected.mode, expected.color]);
    expect(timeline.map((s) => s.mode)).toEqual(['handshake-decryption-error', 'off']);
  });
});

describe('matcher: an intro shows where a composite is caught part-way through it', () => {
  it('does not take the gap after an SOS short blink for a cloud error intro\'s last gap', () => {
    // the red code blinks after the shorts were read as red three-blink cloud errors, each begun at
    // its intro's last 100 ms gap with a red SOS blink standing for the blinking cyan
    const { series, expected } = storedSeries('sos-red-blinks-after-shorts-series.json');
    expect(expected.mode).toBe('sos');
    const { timeline } = classifySeries(series, { device: 'boron' });
    expect(timeline.map((s) => s.mode)).not.toContain('handshake-cloud-unreachable');
    expect(timeline.filter((s) => s.mode === 'sos').length).toBeGreaterThan(0);
  });
});
