/**
 * `ledscope synth`: render a synthetic phone clip of a device's status LED, with its label beside it.
 * The LED plays what the catalog says; the camera, the room and the hand are drawn from the seed.
 */
import type { Command } from 'commander';
import { catalogFor, getMode, isCatalogModeId, isColorName, isDeviceId, DEVICE_IDS } from '../../catalog/index.js';
import type { CatalogModeId, DeviceId } from '../../catalog/types.js';
import { BadInputError } from '../../errors.js';
import { defaultConditions, randomConditions, type RenderConditions, type Rotation } from '../../synth/conditions.js';
import { formatFromPath } from '../../synth/encode.js';
import { isPresetName, modeScenario, presetScenario, PRESET_NAMES, withDuration } from '../../synth/presets.js';
import { labelPathFor, renderClip } from '../../synth/render.js';
import type { Scenario } from '../../synth/scenario.js';

interface SynthOptions {
  mode?: string;
  preset?: string;
  code?: string;
  color?: string;
  variant?: string;
  device?: string;
  out: string;
  seed: string;
  fps?: string;
  width?: string;
  height?: string;
  duration?: string;
  ledRadius?: string;
  shake?: string | boolean;
  noise?: string;
  crf?: string;
  rotate?: string;
  vfr?: boolean;
  tint?: boolean;
  conditions?: string;
  json?: boolean;
}

function num(value: string | undefined, flag: string, check: (n: number) => boolean, want: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || !check(n)) throw new BadInputError(`${flag} ${value}: expected ${want}`);
  return n;
}

const isInt = (n: number) => Number.isInteger(n);

/** Scenario from --mode/--preset and their parameters. */
function scenarioFrom(o: SynthOptions, seed: number): Scenario {
  if ((o.mode === undefined) === (o.preset === undefined)) {
    throw new BadInputError(`give exactly one of --mode MODE or --preset NAME (presets: ${PRESET_NAMES.join(', ')})`);
  }
  let device: DeviceId | undefined;
  if (o.device !== undefined) {
    if (!isDeviceId(o.device)) throw new BadInputError(`--device ${o.device}: expected one of ${DEVICE_IDS.join(', ')}`);
    device = o.device;
  }
  const code = num(o.code, '--code', (n) => isInt(n) && n >= 0, 'a whole number');
  const durationS = num(o.duration, '--duration', (n) => n > 0 && n <= 600, 'seconds between 0 and 600');
  if (o.color !== undefined && !isColorName(o.color)) throw new BadInputError(`--color ${o.color}: expected red, orange, yellow, green, cyan, blue, magenta or white`);
  try {
    if (o.mode !== undefined) {
      if (!isCatalogModeId(o.mode)) throw new BadInputError(`--mode ${o.mode}: not a mode id (see \`ledscope catalog\`)`);
      const mode: CatalogModeId = o.mode;
      const catalog = device ? catalogFor(device) : undefined;
      if (device && !catalog?.modes.some((m) => m.id === mode)) {
        throw new BadInputError(`a ${device} does not show ${mode}; pick another --device (it shows on ${getMode(mode).devices.join(', ')})`);
      }
      const entry = getMode(mode);
      if (code !== undefined && entry.codes && (code < entry.codes.min || code > entry.codes.max)) {
        throw new BadInputError(`--code ${code}: ${mode} codes run from ${entry.codes.min} to ${entry.codes.max}`);
      }
      if (o.color !== undefined && !entry.colorParam) throw new BadInputError(`--color: ${mode} has a fixed colour`);
      if (o.color !== undefined && isColorName(o.color) && !entry.colorParam?.includes(o.color)) {
        throw new BadInputError(`--color ${o.color}: ${mode} can be ${entry.colorParam?.join(' or ')}`);
      }
      if (o.variant !== undefined && !entry.variants.some((v) => v.id === o.variant)) {
        throw new BadInputError(`--variant ${o.variant}: ${mode} has ${entry.variants.map((v) => v.id).join(', ')}`);
      }
      return modeScenario(mode, {
        device,
        code,
        color: o.color as never,
        variant: o.variant,
        durationMs: durationS !== undefined ? durationS * 1000 : undefined,
      });
    }
    const preset = o.preset as string;
    if (!isPresetName(preset)) throw new BadInputError(`--preset ${preset}: expected one of ${PRESET_NAMES.join(', ')}`);
    if (o.variant !== undefined || o.color !== undefined) throw new BadInputError('--variant and --color go with --mode, not --preset');
    const scenario = presetScenario(preset, { device, code, seed });
    if (durationS === undefined) return scenario;
    try {
      return withDuration(scenario, durationS * 1000);
    } catch (error) {
      throw new BadInputError(`--duration ${durationS}: preset ${preset}: ${(error as Error).message}`);
    }
  } catch (error) {
    if (error instanceof RangeError) throw new BadInputError(error.message);
    throw error;
  }
}

/** Conditions: the clean defaults or a random set, then each explicit flag on top. */
function conditionsFrom(o: SynthOptions, seed: number): RenderConditions {
  let c: RenderConditions;
  if (o.conditions === undefined || o.conditions === 'default') c = defaultConditions();
  else if (o.conditions === 'clean' || o.conditions === 'hard') c = randomConditions(seed, o.conditions);
  else throw new BadInputError(`--conditions ${o.conditions}: expected clean or hard`);
  const rotate = num(o.rotate, '--rotate', (n) => [0, 90, 180, 270].includes(n), '0, 90, 180 or 270');
  if (rotate !== undefined && rotate !== c.rotationDeg) {
    // width/height always name the displayed frame; a quarter turn of a random set keeps its orientation
    if ((rotate === 90 || rotate === 270) !== (c.rotationDeg === 90 || c.rotationDeg === 270) && o.width === undefined) {
      [c.width, c.height] = [c.height, c.width];
    }
    c.rotationDeg = rotate as Rotation;
  }
  const fps = num(o.fps, '--fps', (n) => n >= 1 && n <= 240, 'a frame rate between 1 and 240');
  if (fps !== undefined) c.fps = fps;
  const even = (n: number) => isInt(n) && n % 2 === 0 && n >= 16 && n <= 4096;
  const width = num(o.width, '--width', even, 'an even number of pixels, 16 to 4096');
  const height = num(o.height, '--height', even, 'an even number of pixels, 16 to 4096');
  if (width !== undefined) c.width = width;
  if (height !== undefined) c.height = height;
  const radius = num(o.ledRadius, '--led-radius', (n) => n >= 1 && n <= 80, 'a radius in pixels, 1 to 80');
  if (radius !== undefined) c.ledRadiusPx = radius;
  if (o.shake !== undefined && o.shake !== false) {
    c.shakePx = o.shake === true ? 4 : (num(o.shake, '--shake', (n) => n >= 0 && n <= 50, 'pixels, 0 to 50') ?? 4);
    c.driftPx = Math.max(c.driftPx, c.shakePx * 3);
  }
  const noise = num(o.noise, '--noise', (n) => n >= 0 && n <= 0.2, 'a read-noise sigma between 0 and 0.2 (e.g. 0.01)');
  if (noise !== undefined) c.noise = noise;
  const crf = num(o.crf, '--crf', (n) => isInt(n) && n >= 0 && n <= 51, 'a whole number 0 to 51');
  if (crf !== undefined) c.crf = crf;
  if (o.vfr) c.vfr = true;
  if (o.tint) c.tint = [1.18, 1, 0.78];
  return c;
}

export function register(program: Command): void {
  program
    .command('synth')
    .description('render a synthetic phone clip of the status LED (and a .json label beside it)')
    .requiredOption('--out <file>', 'output video: .mp4, .mov, .webm or .y4m')
    .option('--mode <id>', 'catalog mode to play (e.g. sos, connected, signal-strength)')
    .option('--preset <name>', `named sequence: ${PRESET_NAMES.join(', ')}`)
    .option('--code <n>', 'SOS panic code, signal bars, or cloud-error kind (1-3) for --preset cloud-error')
    .option('--color <name>', 'colour for solid and Tracker modes')
    .option('--variant <id>', 'pattern variant (firmware by default; docs = the documentation animation)')
    .option('--device <id>', `device (${DEVICE_IDS.join(', ')})`)
    .option('--seed <n>', 'random seed: same seed, same clip', '1')
    .option('--conditions <level>', 'draw camera conditions: clean or hard (flags below override)')
    .option('--fps <n>', 'frame rate (24, 25, 30, 60…)')
    .option('--width <px>', 'displayed frame width')
    .option('--height <px>', 'displayed frame height')
    .option('--duration <s>', 'clip length in seconds')
    .option('--led-radius <px>', 'status LED radius in pixels (2-40 typical)')
    .option('--shake [px]', 'hand shake amplitude (default 4 px when given)')
    .option('--noise <sigma>', 'sensor read noise (fraction of full scale, e.g. 0.01)')
    .option('--crf <n>', 'encoder quality (higher = more compression)')
    .option('--rotate <deg>', 'store the frames turned and tag the rotation (mp4/mov)')
    .option('--vfr', 'variable frame rate: jittered frame times and dropped frames')
    .option('--tint', 'warm white-balance cast')
    .option('--json', 'print the label as JSON')
    .action(async (o: SynthOptions) => {
      const seed = num(o.seed, '--seed', (n) => isInt(n) && n >= 0 && n < 2 ** 32, 'a whole number 0 to 4294967295') ?? 1;
      const format = formatFromPath(o.out);
      if (!format) throw new BadInputError(`--out ${o.out}: the extension must be .mp4, .mov, .webm or .y4m`);
      const scenario = scenarioFrom(o, seed);
      const conditions = conditionsFrom(o, seed);
      if (conditions.rotationDeg !== 0 && format !== 'mp4' && format !== 'mov') {
        throw new BadInputError(`--rotate needs an .mp4 or .mov output (${format} has no rotation tag)`);
      }
      if (format === 'y4m' && (conditions.vfr || !isInt(conditions.fps))) {
        throw new BadInputError('.y4m needs a constant whole frame rate: drop --vfr or pick an integer --fps');
      }
      let label;
      try {
        label = await renderClip({ scenario, out: o.out, seed, conditions });
      } catch (error) {
        if (error instanceof RangeError) throw new BadInputError(error.message);
        throw error;
      }
      if (o.json) {
        process.stdout.write(`${JSON.stringify(label, null, 2)}\n`);
        return;
      }
      const v = label.video;
      const e = label.expected;
      process.stdout.write(
        `wrote ${o.out} (${v.width}x${v.height}, ${v.fps} fps${v.vfr ? ' VFR' : ''}, ${v.durationS.toFixed(1)} s, ${v.frames} frames)\n` +
          `label ${labelPathFor(o.out)}: expected ${e.mode}${e.code !== null ? ` code ${e.code}` : ''}${e.color ? ` (${e.color})` : ''}` +
          `${label.conditions.length ? `; conditions ${label.conditions.join(', ')}` : ''}\n`,
      );
    });
}
