/**
 * `ledscope doctor [--json]`: does every part ledscope needs load and work here? Each check runs
 * the part for real (ffmpeg decodes a test pattern, opencv builds a Mat, tfjs sums a tensor),
 * because "installed" and "works" differ (npm may skip the ffmpeg chmod; a wasm file may be missing).
 * Exit 0 when all required parts work, 1 otherwise.
 */
import { createRequire } from 'node:module';
import type { Command } from 'commander';
import { EXIT, firstLine } from '../../errors.js';
import { resolveFfmpeg, resolveFfprobe, type ResolvedBinary } from '../../source/binaries.js';
import { spawnRawVideo } from '../../source/ffmpeg-driver.js';

interface Check {
  name: string;
  ok: boolean;
  required: boolean;
  /** One line for people. */
  summary: string;
  details: Record<string, unknown>;
}

export function register(program: Command): void {
  program
    .command('doctor')
    .description('check that ffmpeg, ffprobe, sharp, opencv-wasm and tfjs load and work here')
    .option('--json', 'print one JSON object instead of text')
    .action(async (options: { json?: boolean }) => {
      const checks = await runChecks();
      const ok = checks.every((c) => c.ok || !c.required);
      if (options.json) {
        const out: Record<string, unknown> = { ok };
        for (const c of checks) out[c.name] = { ok: c.ok, required: c.required, ...c.details };
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      } else {
        const width = Math.max(...checks.map((c) => c.name.length));
        for (const c of checks) {
          const mark = c.ok ? 'ok  ' : c.required ? 'FAIL' : 'warn';
          process.stdout.write(`${mark}  ${c.name.padEnd(width)}  ${c.summary}\n`);
        }
        process.stdout.write(ok ? 'all required parts work\n' : 'some required parts do not work (see FAIL above)\n');
      }
      process.exitCode = ok ? EXIT.ok : EXIT.failed;
    });
}

export async function runChecks(): Promise<Check[]> {
  return [
    checkNode(),
    await checkFfmpeg(),
    checkFfprobe(),
    await checkSharp(),
    checkOpencv(),
    await checkTfjs(),
  ];
}

function checkNode(): Check {
  const major = Number(process.versions.node.split('.')[0]);
  const ok = major >= 20;
  return {
    name: 'node',
    ok,
    required: true,
    summary: ok ? process.version : `${process.version} is too old: ledscope needs Node 20 or newer`,
    details: { version: process.version },
  };
}

function describe(binary: ResolvedBinary): string {
  const dated = binary.major === null && binary.year !== null ? ` (a ${binary.year} build)` : '';
  return `${binary.version}${dated}, ${binary.origin}: ${binary.reason}; ${binary.path}`;
}

function binaryDetails(binary: ResolvedBinary): Record<string, unknown> {
  return { path: binary.path, origin: binary.origin, version: binary.version, year: binary.year, reason: binary.reason };
}

async function checkFfmpeg(): Promise<Check> {
  let binary: ResolvedBinary;
  try {
    binary = resolveFfmpeg();
  } catch (error) {
    return failed('ffmpeg', error);
  }
  // Decode a 4-frame test pattern through the same driver the video source uses.
  const width = 64;
  const height = 48;
  const proc = spawnRawVideo('testsrc2=size=64x48:rate=30', {
    inputOptions: ['-f', 'lavfi', '-t', String(4 / 30)],
    filters: ['format=rgb24'],
    pixFmt: 'rgb24',
    stallTimeoutS: 10,
  });
  let bytes = 0;
  for await (const chunk of proc.stdout as AsyncIterable<Uint8Array>) bytes += chunk.length;
  const exit = await proc.done;
  const frames = bytes / (width * height * 3);
  const ok = !exit.error && frames >= 1;
  const how = describe(binary);
  return {
    name: 'ffmpeg',
    ok,
    required: true,
    summary: ok ? how : `${how}: test decode failed: ${exit.error?.message.split('\n')[0] ?? `${frames} frames`}`,
    details: { ...binaryDetails(binary), testDecodeFrames: frames },
  };
}

function checkFfprobe(): Check {
  try {
    const binary = resolveFfprobe();
    return {
      name: 'ffprobe',
      ok: true,
      required: true,
      summary: describe(binary),
      details: binaryDetails(binary),
    };
  } catch (error) {
    return failed('ffprobe', error);
  }
}

async function checkSharp(): Promise<Check> {
  try {
    const { default: sharp } = await import('sharp');
    const { data } = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#ff6000' } })
      .png()
      .toBuffer()
      .then((png) => sharp(png).raw().toBuffer({ resolveWithObject: true }));
    const ok = data.length === 12 && data[0] === 0xff && data[1] === 0x60;
    const versions = sharp.versions as Record<string, string | undefined>;
    return {
      name: 'sharp',
      ok,
      required: true,
      summary: `${versions.sharp} (libvips ${versions.vips})${ok ? '' : ': PNG round trip gave wrong pixels'}`,
      details: { version: versions.sharp, libvips: versions.vips },
    };
  } catch (error) {
    return failed('sharp', error);
  }
}

function checkOpencv(): Check {
  try {
    const require = createRequire(import.meta.url);
    const { cv } = require('opencv-wasm') as {
      cv: { getBuildInformation(): string; Mat: new (rows: number, cols: number, type: number) => { rows: number; delete(): void }; CV_8UC3: number };
    };
    const build = cv.getBuildInformation();
    const version = /OpenCV\s+(\d+\.\d+\.\d+)/.exec(build)?.[1] ?? 'unknown';
    const mat = new cv.Mat(4, 4, cv.CV_8UC3);
    const ok = mat.rows === 4;
    mat.delete();
    return {
      name: 'opencv',
      ok,
      required: true,
      summary: `opencv-wasm loads: OpenCV ${version}`,
      details: { version, package: 'opencv-wasm' },
    };
  } catch (error) {
    return failed('opencv', error);
  }
}

async function checkTfjs(): Promise<Check> {
  // tfjs greets Node users on console.warn; keep doctor's output to its own lines.
  const warn = console.warn;
  console.warn = () => {};
  try {
    const tf = await import('@tensorflow/tfjs');
    let wasmProblem: string | null = null;
    try {
      await import('@tensorflow/tfjs-backend-wasm');
    } catch (error) {
      wasmProblem = firstLine(error);
    }
    const backends: Record<string, boolean> = {};
    for (const name of Object.keys(tf.engine().registryFactory)) {
      try {
        backends[name] = (await tf.setBackend(name)) && (await tf.tensor1d([1, 2, 3]).sum().data())[0] === 6;
      } catch {
        backends[name] = false;
      }
    }
    if (wasmProblem !== null) backends.wasm = false;
    const working = Object.entries(backends).filter(([, ok]) => ok).map(([name]) => name);
    const ok = working.length > 0;
    const list = Object.entries(backends).map(([name, works]) => `${name} ${works ? 'ok' : 'fails'}`).join(', ');
    return {
      name: 'tfjs',
      ok,
      required: true,
      summary: `${tf.version.tfjs}; backends: ${list}${wasmProblem ? ` (wasm: ${wasmProblem})` : ''}`,
      details: { version: tf.version.tfjs, backends, working },
    };
  } catch (error) {
    return failed('tfjs', error);
  } finally {
    console.warn = warn;
  }
}

function failed(name: string, error: unknown): Check {
  const message = firstLine(error);
  return { name, ok: false, required: true, summary: message, details: { error: message } };
}
