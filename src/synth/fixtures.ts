/**
 * Node edge: the committed fixture set (`npm run fixtures` regenerates it). Small labelled clips:
 * every catalog mode at least once, several SOS codes, the everyday sequences, a few hard shots, and
 * `example-connected.mp4` for the README. Fixture seeds are 1000–1999; evaluation sets use seeds from
 * 100000 up and never these (see fixtures/README.md).
 */
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMode, defaultCatalog } from '../catalog/index.js';
import type { CatalogModeId } from '../catalog/types.js';
import { randomConditions, type RenderConditions } from './conditions.js';
import { defaultDeviceFor, modeScenario, partLengthMs, presetScenario } from './presets.js';
import { Prng } from './prng.js';
import { renderClip } from './render.js';
import type { ClipLabel, Scenario } from './scenario.js';
import { partPattern, patternLengthMs } from './timeline.js';

export const FIXTURE_SEED_MIN = 1000;
export const FIXTURE_SEED_MAX = 1999;

export interface FixtureSpec {
  name: string;
  seed: number;
  scenario: Scenario;
  conditions: Partial<RenderConditions>;
}

/** Fixture-sized clean conditions: 640×360, CRF 28. */
function clean(seed: number): Partial<RenderConditions> {
  return { ...randomConditions(seed, 'clean'), width: 640, height: 360, crf: 28 };
}

/** Hard conditions at fixture size (portrait when the draw rotated the phone). */
function hard(seed: number): Partial<RenderConditions> {
  const c = randomConditions(seed, 'hard');
  const portrait = c.rotationDeg === 90 || c.rotationDeg === 270;
  return { ...c, width: portrait ? 360 : 640, height: portrait ? 640 : 360 };
}

/**
 * A mode on its own; a mode whose pattern ends by itself (handshake errors, signal bars) is framed
 * by what the device shows around it, so the clip does not end in an unexplained dark LED.
 */
function modeFixture(mode: CatalogModeId, seed: number): Scenario {
  const scenario = modeScenario(mode, { device: defaultDeviceFor(mode) });
  const part = scenario.parts[0];
  const natural = patternLengthMs(partPattern(part));
  if (!Number.isFinite(natural)) {
    part.durationMs = Math.max(6000, Math.min(10000, partLengthMs(part)));
    return scenario;
  }
  const rng = new Prng(seed);
  const ms = (lo: number, hi: number) => Math.round(rng.uniform(lo, hi) / 25) * 25;
  const severity = getMode(mode).severity;
  // A finite state (network reset) ends the clip, so it is the last stable state; errors retry
  // the cloud connection; user events interrupt breathing cyan.
  if (severity === 'state') return { ...scenario, parts: [{ mode: 'connected', durationMs: ms(1500, 3000) }, part] };
  const around: CatalogModeId = severity === 'event' ? 'connected' : 'connecting-cloud';
  return { ...scenario, parts: [{ mode: around, durationMs: ms(1000, 2500) }, part, { mode: around, durationMs: ms(1500, 2500) }] };
}

/** SOS clips start somewhere in the first cycle (as a real recording would) and run one full cycle. */
function sosFixture(code: number, seed: number): Scenario {
  const cycleMs = patternLengthMs(partPattern({ mode: 'sos', code })) / 2;
  const rng = new Prng(seed);
  const startMs = Math.round(rng.uniform(0, cycleMs * 0.4) / 25) * 25;
  return { device: 'boron', startMs, parts: [{ mode: 'sos', code, durationMs: startMs + cycleMs + 800 }] };
}

export function fixtureSpecs(): FixtureSpec[] {
  const specs: FixtureSpec[] = [];
  let seed = FIXTURE_SEED_MIN;
  const next = () => seed++;

  const boot = next();
  specs.push({ name: 'example-connected', seed: boot, scenario: presetScenario('boot', { seed: boot }), conditions: { ...clean(boot), ledRadiusPx: 9 } });

  for (const entry of defaultCatalog().modes) {
    if (entry.id === 'sos') continue;
    const s = next();
    specs.push({ name: `mode-${entry.id}`, seed: s, scenario: modeFixture(entry.id, s), conditions: clean(s) });
  }
  for (const code of [1, 8, 13]) {
    const s = next();
    specs.push({ name: `sos-${code}`, seed: s, scenario: sosFixture(code, s), conditions: clean(s) });
  }
  {
    // An SOS that resets and reboots: filmed from just before its second cycle.
    const s = next();
    const code = 3;
    const cycleMs = patternLengthMs(partPattern({ mode: 'sos', code })) / 2;
    const scenario = presetScenario('sos-reboot', { code, seed: s });
    scenario.startMs = cycleMs - 300;
    specs.push({ name: `sos-${code}-reboot`, seed: s, scenario, conditions: clean(s) });
  }
  for (const [name, code] of [['signal-bars', 2], ['signal-bars', 5], ['cloud-error', 3], ['rainbow', undefined], ['power-issue', undefined], ['ota', undefined]] as const) {
    const s = next();
    const scenario = presetScenario(name, { seed: s, code });
    specs.push({ name: code === undefined ? `preset-${name}` : `preset-${name}-${code}`, seed: s, scenario, conditions: clean(s) });
  }
  {
    const s = next();
    specs.push({ name: 'docs-breathing-cyan', seed: s, scenario: modeScenario('connected', { variant: 'docs', durationMs: 8000 }), conditions: clean(s) });
  }
  const hardCases: [string, Scenario][] = [
    ['hard-sos-8', sosFixture(8, seed)],
    ['hard-connecting-cloud', modeScenario('connecting-cloud', { durationMs: 5000 })],
    ['hard-connected', modeScenario('connected', { durationMs: 8000 })],
    ['hard-listening', modeScenario('listening', { durationMs: 5000 })],
    ['hard-signal-bars', presetScenario('signal-bars', { seed, code: 4 })],
    ['hard-boot', presetScenario('boot', { seed })],
  ];
  for (const [name, scenario] of hardCases) {
    const s = next();
    specs.push({ name, seed: s, scenario, conditions: hard(s) });
  }
  if (seed > FIXTURE_SEED_MAX) throw new Error('fixture seeds ran past 1999');
  return specs;
}

export interface FixtureReport {
  dir: string;
  clips: { name: string; bytes: number; label: ClipLabel }[];
  totalBytes: number;
}

/** Regenerates every fixture clip and label in `dir` (stale .mp4/.json files there are removed first). */
export async function makeFixtures(dir: string, log: (line: string) => void = () => undefined): Promise<FixtureReport> {
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (/\.(mp4|json)$/.test(f)) rmSync(join(dir, f));
  const clips: FixtureReport['clips'] = [];
  for (const spec of fixtureSpecs()) {
    const out = join(dir, `${spec.name}.mp4`);
    const label = await renderClip({ scenario: spec.scenario, out, seed: spec.seed, conditions: spec.conditions });
    const bytes = statSync(out).size;
    clips.push({ name: spec.name, bytes, label });
    log(`${spec.name}.mp4  ${(bytes / 1024).toFixed(0)} KB  ${label.video.durationS.toFixed(1)} s  expected ${label.expected.mode}${label.expected.code !== null ? ` ${label.expected.code}` : ''}`);
  }
  const totalBytes = clips.reduce((s, c) => s + c.bytes, 0) + clips.length * 2000;
  const index = clips.map((c) => ({ file: `${c.name}.mp4`, expected: c.label.expected, conditions: c.label.conditions, seed: c.label.seed }));
  writeFileSync(join(dir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  return { dir, clips, totalBytes };
}
