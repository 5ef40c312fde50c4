/**
 * Measuring helpers shared by the bench scripts. The machine is shared: every figure is printed
 * beside the load average, CPU time (user + sys, children included) is given beside wall time, and
 * `ceiling()` measures what 2 processes can get out of it at that moment.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** `uptime`'s load figures ("load average: 1.02, 0.87, 0.80"), as the brief asks to print them. */
export function loadText() {
  try {
    const line = execFileSync('uptime', { encoding: 'utf8' }).trim();
    const at = line.indexOf('load average');
    if (at >= 0) return line.slice(at);
  } catch {
    /* no uptime binary: os.loadavg reads the same kernel figures */
  }
  return `load average: ${loadavg().map((l) => l.toFixed(2)).join(', ')}`;
}

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU seconds of every finished descendant (Linux cutime + cstime of this process: the kernel
 * credits a child, and everything it waited for, once it has been reaped). NaN off Linux.
 */
export function childrenCpuS() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / clockTicks; // cutime, cstime (stat fields 16, 17)
  } catch {
    return NaN;
  }
}

/**
 * Run a command to its end: wall seconds, CPU seconds of it and all its descendants, its stdout, and
 * (with `nodeUsage`, for a node command) the node process's own peak RSS in MB and CPU seconds —
 * ffmpeg runs as a separate process and is in neither. Rejects when the exit code is not in
 * `okCodes`. One at a time: the CPU figure is this process's reaped-children total.
 */
export function run(cmd, args, { env = process.env, okCodes = [0], nodeUsage = false } = {}) {
  let usageDir;
  let fullArgs = args;
  let fullEnv = env;
  if (nodeUsage) {
    usageDir = mkdtempSync(join(tmpdir(), 'ledscope-bench-usage-'));
    fullArgs = ['--import', join(root, 'scripts/lib/own-usage.mjs'), ...args];
    fullEnv = { ...env, LEDSCOPE_BENCH_USAGE_OUT: join(usageDir, 'usage.json') };
  }
  const cpu0 = childrenCpuS();
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, fullArgs, { env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (t) => (stdout += t));
    child.stderr.setEncoding('utf8').on('data', (t) => (stderr += t));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const wallS = (performance.now() - t0) / 1000;
      const cpuS = childrenCpuS() - cpu0;
      let peakRssMb = null;
      let nodeCpuS = null;
      if (usageDir) {
        try {
          const usage = JSON.parse(readFileSync(join(usageDir, 'usage.json'), 'utf8'));
          peakRssMb = usage.maxRssKb / 1024;
          nodeCpuS = usage.cpuMs / 1000;
        } catch {
          /* the process died before its exit handler: figures stay null */
        }
        rmSync(usageDir, { recursive: true, force: true });
      }
      if (!okCodes.includes(code)) {
        const why = stderr.trim().split('\n').slice(-2).join(' ') || `signal ${signal}`;
        reject(new Error(`${cmd} ${args.join(' ')} exited ${code ?? signal}: ${why}`));
        return;
      }
      resolve({ code, wallS, cpuS, peakRssMb, nodeCpuS, stdout, stderr });
    });
  });
}

/**
 * The machine's 2-process ceiling right now: the same fixed amount of pure-JS arithmetic run as 1
 * process, then as 2 at once; 2 × t(1) / t(2). About 2× on an idle 2-core machine, less when other
 * work (or SMT siblings) take a share; a parallel speed-up divided by it is the part that is ours.
 */
export async function ceiling(count = 2) {
  const code = 'let x = 0; for (let i = 0; i < 4e8; i++) x += Math.sqrt(i); if (x < 0) console.log(x);';
  const loops = async (n) => {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: n }, () => new Promise((done) => spawn(process.execPath, ['-e', code], { stdio: 'ignore' }).on('close', done))),
    );
    return (performance.now() - started) / 1000;
  };
  const one = await loops(1);
  const many = await loops(count);
  return (count * one) / many;
}

/** `x.xx` with a fixed number of decimals, right-aligned to `width`. */
export const fmt = (value, decimals = 2, width = 0) => (value === null || Number.isNaN(value) ? '-' : value.toFixed(decimals)).padStart(width);
