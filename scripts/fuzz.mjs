/**
 * Damaged-video fuzzing of `ledscope diagnose`: mutate short valid clips (bit flips, byte-range
 * overwrites, truncation, MP4 box damage) and check the output contract on every result — exit 0,
 * 2 or 3; for 2/3 exactly one stderr line starting `ledscope: `; never a stack, a stray throw or a
 * hang. Most cases run in a long-lived worker (scripts/fuzz-worker.mjs) that maps errors with the
 * CLI's own reportError; every --cli-every'th case spawns the real built CLI instead.
 *
 *   npm run fuzz -- [--cases N] [--seconds S] [--seed K] [--parallel P] [--timeout T] [--cli-every M]
 *
 * Violations keep their mutated file (and a .json saying what was done) in .cache/fuzz/violations/.
 */
import { execFileSync, fork, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist/cli/main.js');
if (!existsSync(cli)) {
  console.error('dist/cli/main.js is missing: run `npm run build` first (npm run fuzz does)');
  process.exit(2);
}
const { resolveFfmpeg } = await import('../dist/source/binaries.js');
const { Prng } = await import('../dist/synth/prng.js');

// ---------- arguments ----------
const args = process.argv.slice(2);
function arg(name, fallback) {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`--${name} needs a non-negative number`);
    process.exit(2);
  }
  return value;
}
const CASES = arg('cases', 1000);
const SECONDS = arg('seconds', 1200);
const SEED = arg('seed', 1);
const PARALLEL = Math.max(1, arg('parallel', 2));
const TIMEOUT_S = arg('timeout', 60);
const CLI_EVERY = Math.max(1, arg('cli-every', 10));
/** Restart a worker now and then so one case's leftovers (memory, handles) cannot mask another's. */
const WORKER_CASES = 150;

// ---------- seed clips: short, so a thousand cases are affordable ----------
const cacheDir = join(root, '.cache/fuzz');
const seedDir = join(cacheDir, 'seeds');
const workDir = join(cacheDir, 'work');
const violationDir = join(cacheDir, 'violations');
for (const d of [seedDir, workDir, violationDir]) mkdirSync(d, { recursive: true });

const ffmpeg = resolveFfmpeg().path;
const SOURCES = ['mode-connected.mp4', 'sos-8.mp4', 'hard-connected.mp4'];
const seeds = [];
for (const name of SOURCES) {
  const input = join(root, 'fixtures', name);
  if (!existsSync(input)) continue;
  // moov at the end (as a camera writes it) and at the front (faststart): damage hits different boxes
  for (const [suffix, flags] of [['end', []], ['front', ['-movflags', '+faststart']]]) {
    const out = join(seedDir, name.replace('.mp4', `-1.5s-${suffix}.mp4`));
    if (!existsSync(out)) {
      execFileSync(ffmpeg, ['-v', 'error', '-y', '-i', input, '-t', '1.5', '-c', 'copy', '-an', ...flags, out]);
    }
    seeds.push({ name: out.split('/').pop(), bytes: readFileSync(out) });
  }
}
if (seeds.length === 0) {
  console.error('no fixture clips found under fixtures/: run `npm run fixtures` first');
  process.exit(2);
}


// ---------- MP4 boxes ----------
const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts', 'dinf', 'udta', 'mvex']);
/** Every box header in the file: offset, size, type (walks into container boxes). */
function listBoxes(buf, start = 0, end = buf.length, out = []) {
  let at = start;
  while (at + 8 <= end) {
    let size = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    let header = 8;
    if (size === 1 && at + 16 <= end) {
      size = Number(buf.readBigUInt64BE(at + 8));
      header = 16;
    } else if (size === 0) size = end - at;
    if (size < header || at + size > end) break;
    out.push({ at, size, type });
    if (CONTAINERS.has(type)) listBoxes(buf, at + header, at + size, out);
    else if (type === 'stsd') listBoxes(buf, at + 16, at + size, out); // avc1 etc. after version+count
    else if (type === 'avc1' || type === 'hvc1') listBoxes(buf, at + 86, at + size, out); // avcC inside
    at += size;
  }
  return out;
}
/** Tables whose entry count sits after version/flags: a lying count is a classic parser killer. */
const COUNTED = new Set(['stsz', 'stco', 'co64', 'stts', 'stsc', 'stss', 'ctts', 'elst', 'stsd']);

// ---------- mutations ----------
function mutate(bytes, rand) {
  const buf = Buffer.from(bytes);
  const pick = (n) => Math.floor(rand() * n);
  const steps = 1 + pick(3);
  const done = [];
  let out = buf;
  for (let s = 0; s < steps; s++) {
    const kind = ['bitflip', 'overwrite', 'truncate', 'box', 'box', 'splice'][pick(6)];
    if (kind === 'bitflip') {
      const flips = 1 + pick(32);
      for (let i = 0; i < flips; i++) out[pick(out.length)] ^= 1 << pick(8);
      done.push(`bitflip×${flips}`);
    } else if (kind === 'overwrite') {
      const len = 1 + pick(Math.max(1, Math.min(4096, out.length >> 2)));
      const at = pick(Math.max(1, out.length - len));
      const fill = ['random', 'zero', 'ff'][pick(3)];
      for (let i = at; i < Math.min(out.length, at + len); i++) out[i] = fill === 'zero' ? 0 : fill === 'ff' ? 0xff : pick(256);
      done.push(`overwrite ${fill} ${len}B@${at}`);
    } else if (kind === 'truncate') {
      const at = pick(out.length);
      out = out.subarray(0, at);
      done.push(`truncate@${at}`);
      if (out.length === 0) break;
    } else if (kind === 'splice') {
      const len = 1 + pick(Math.max(1, out.length >> 3));
      const at = pick(Math.max(1, out.length - len));
      out = rand() < 0.5
        ? Buffer.concat([out.subarray(0, at), out.subarray(at + len)]) // cut a chunk out
        : Buffer.concat([out.subarray(0, at + len), out.subarray(at)]); // repeat a chunk
      done.push(`splice ${len}B@${at}`);
    } else {
      const boxes = listBoxes(out);
      if (boxes.length === 0) {
        done.push('box(none)');
        continue;
      }
      const box = boxes[pick(boxes.length)];
      const action = pick(7);
      if (action === 0) out.writeUInt32BE(0, box.at);
      else if (action === 1) out.writeUInt32BE(0xffffffff, box.at);
      else if (action === 2) out.writeUInt32BE(1 + pick(7), box.at); // smaller than its own header
      else if (action === 3) out.writeUInt32BE(Math.max(0, box.size + pick(64) - 32), box.at);
      else if (action === 4) out.write(['free', 'moov', 'mdat', '\0\0\0\0', 'trak'][pick(5)], box.at + 4, 'latin1');
      else if (action === 5 && COUNTED.has(box.type) && box.at + 16 <= out.length) {
        out.writeUInt32BE([0, 0xffffffff, 0x7fffffff, 1 + pick(1000)][pick(4)], box.at + 12);
      } else if (box.at + 8 + 4 <= out.length) {
        // scribble inside the payload: timescales, durations, widths, avcC parameter sets
        const at = box.at + 8 + pick(Math.max(1, Math.min(box.size - 8, out.length - box.at - 12)));
        out.writeUInt32BE([0, 0xffffffff, pick(2 ** 32)][pick(3)], Math.min(at, out.length - 4));
      }
      done.push(`box ${box.type}@${box.at} action${action}`);
    }
  }
  return { bytes: out, what: done.join(', ') };
}

// ---------- running a case ----------
const STACK = /\n\s+at\s|^\s+at\s.*\(.*:\d+:\d+\)/m;

/** The contract, or the reason it is broken. */
function judge(result) {
  if (result.timedOut) return `timeout: no answer in ${TIMEOUT_S} s`;
  if (result.stray) return `stray throw from an event handler: ${result.stray}`;
  if (![0, 2, 3].includes(result.exitCode)) return `exit ${result.exitCode}: ${result.stderr.trim()}`;
  if (STACK.test(result.stderr)) return 'stack trace on stderr';
  if (result.exitCode !== 0) {
    const lines = result.stderr.split('\n').filter((l) => l !== '');
    if (lines.length !== 1) return `${lines.length} stderr lines`;
    if (!lines[0].startsWith('ledscope: ')) return `stderr does not start "ledscope: ": ${lines[0]}`;
  } else if (result.mode === 'INVALID-JSON') return 'exit 0 but stdout is not one JSON object';
  return null;
}

function runCli(file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'diagnose', file, '--json'], { cwd: root, detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, TIMEOUT_S * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let mode = null;
      if (code === 0) {
        try {
          mode = JSON.parse(stdout).diagnosis?.mode ?? null;
        } catch {
          mode = 'INVALID-JSON';
        }
      }
      resolve({ exitCode: code ?? `signal ${signal}`, stderr, mode, timedOut, via: 'cli' });
    });
  });
}

/** Our own child and whatever it spawned (ffmpeg): it runs in its own process group. */
function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

class Worker {
  constructor() {
    this.cases = 0;
    this.proc = fork(join(root, 'scripts/fuzz-worker.mjs'), [], { cwd: root, detached: true, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    this.stderr = '';
    this.proc.stderr.on('data', (d) => (this.stderr += d));
    this.pending = null;
    this.ready = new Promise((resolve) => {
      this.proc.on('message', (msg) => {
        if (msg.type === 'ready') return resolve();
        if (this.pending && msg.id === this.pending.id) {
          const { finish } = this.pending;
          this.pending = null;
          finish({ ...msg, via: 'worker' });
        }
      });
    });
    this.proc.on('exit', (code, signal) => {
      if (this.pending) {
        const { finish } = this.pending;
        this.pending = null;
        finish({ exitCode: `worker died (${code ?? signal})`, stderr: this.stderr.slice(-2000), via: 'worker' });
      }
      this.dead = true;
    });
  }
  async run(id, file) {
    await this.ready;
    this.cases++;
    this.stderr = '';
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending = null;
        this.kill();
        resolve({ timedOut: true, exitCode: null, stderr: '', via: 'worker' });
      }, TIMEOUT_S * 1000);
      this.pending = { id, finish: (r) => (clearTimeout(timer), resolve(r)) };
      this.proc.send({ type: 'case', id, file });
    });
  }
  kill() {
    this.dead = true;
    killGroup(this.proc.pid);
  }
}

// ---------- main loop ----------
const prng = new Prng(SEED);
const rand = () => prng.next();
const started = Date.now();
const counts = new Map();
const messages = new Map();
const violations = [];
let next = 0;
let finished = 0;
let stoppedForTime = false;

function bump(map, key) {
  map.set(key, (map.get(key) ?? 0) + 1);
}

async function lane(laneIndex) {
  let worker = null;
  while (true) {
    if (next >= CASES) break;
    if ((Date.now() - started) / 1000 >= SECONDS) {
      stoppedForTime = true;
      break;
    }
    const id = next++;
    const seed = seeds[Math.floor(rand() * seeds.length)];
    const { bytes, what } = mutate(seed.bytes, rand);
    const file = join(workDir, `case-${id}.mp4`);
    writeFileSync(file, bytes);
    const viaCli = id % CLI_EVERY === CLI_EVERY - 1;
    const t0 = Date.now();
    let result;
    if (viaCli) result = await runCli(file);
    else {
      if (!worker || worker.dead || worker.cases >= WORKER_CASES) {
        worker?.kill();
        worker = new Worker();
      }
      result = await worker.run(id, file);
    }
    const ms = Date.now() - t0;
    const problem = judge(result);
    finished++;
    if (problem) {
      bump(counts, 'VIOLATION');
      const keep = join(violationDir, `case-${id}-${seed.name}`);
      copyFileSync(file, keep);
      writeFileSync(`${keep}.json`, JSON.stringify({ id, seed: seed.name, mutation: what, via: result.via, problem, result, ms }, null, 2));
      violations.push({ id, seed: seed.name, what, via: result.via, problem, keep });
      console.log(`VIOLATION case ${id} (${seed.name}; ${what}; ${result.via}): ${problem}`);
    } else {
      const outcome = result.exitCode === 0 ? (result.mode === 'unknown' ? 'exit 0 (unknown)' : 'exit 0 (diagnosed)') : `exit ${result.exitCode}`;
      bump(counts, outcome);
      if (result.exitCode !== 0) {
        // group messages by their shape: file names and numbers vary from case to case
        const shape = result.stderr.trim().replaceAll(file, 'FILE').replaceAll(`case-${id}.mp4`, 'FILE').replace(/\d+(\.\d+)?/g, 'N').slice(0, 110);
        bump(messages, shape);
      }
    }
    bump(counts, result.via === 'cli' ? '(via cli)' : '(via worker)');
    rmSync(file, { force: true });
    if (finished % 50 === 0) {
      process.stderr.write(`  ${finished}/${CASES} cases, ${((Date.now() - started) / 1000).toFixed(0)} s, ${violations.length} violations (lane ${laneIndex}: last ${ms} ms)\n`);
    }
  }
  worker?.kill();
}

await Promise.all(Array.from({ length: PARALLEL }, (_, i) => lane(i)));

const elapsedS = (Date.now() - started) / 1000;
console.log(`\nfuzz: ${finished} cases in ${elapsedS.toFixed(1)} s (seed ${SEED}, ${PARALLEL} in parallel, per-case timeout ${TIMEOUT_S} s, every ${CLI_EVERY}th case through the real CLI)${stoppedForTime ? ` — stopped at --seconds ${SECONDS}` : ''}`);
console.log(`seed clips: ${seeds.map((s) => `${s.name} (${s.bytes.length} B)`).join(', ')}`);
for (const [k, v] of [...counts].sort()) console.log(`  ${k.padEnd(22)} ${v}`);
console.log('most common error lines:');
for (const [k, v] of [...messages].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${String(v).padStart(5)}  ${k}`);
if (violations.length > 0) {
  console.log(`${violations.length} contract violations; files kept in ${violationDir}`);
  process.exitCode = 1;
} else console.log('no contract violations');
rmSync(workDir, { recursive: true, force: true });
