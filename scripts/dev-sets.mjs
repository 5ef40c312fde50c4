#!/usr/bin/env node
/**
 * The development sets of the accuracy work (#4), in one command: renders, extracts and scores each
 * set with scripts/eval.mjs into ROOT/NAME (ROOT defaults to .cache/dev), then prints every set's
 * summary and its wrong clips, and a total. A set already rendered is reused; `--reuse-series` also
 * skips decoding (for replaying a classifier change on the cached series).
 *
 *   node scripts/dev-sets.mjs [--root DIR] [--sets NAME,NAME…|core|all] [--reuse-series]
 *                             [--workers N] [--list]
 *
 * `core` (the default) is the 24 sets sessions 13–17 measured changes on (the last two fresh at the
 * end of session 16 and in session 17), about 2,800 clips: rendering them on a new machine takes hours (6–15 s of machine time
 * a clip, the long SOS clips the most); replaying them with `--reuse-series` takes a few minutes.
 * `all` adds the older tuning, stress and camera sets. None of these seeds is a report seed
 * (100000–199999): those stay for the report run alone.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');

const HARD_OTHER = ['--clean', '0', '--hard', '60', '--other', '60'];
const SOS = ['--only', 'sos', '--clean', '0', '--hard', '60', '--other', '40'];

/** Each set: its name (the cache folder), eval.mjs's arguments, and whether it is in `core`. */
const SETS = [
  // tuning seeds
  { name: 't200', core: true, args: ['--seed-base', '200000', '--clean', '90', '--hard', '90', '--other', '40'] },
  { name: 't300', args: ['--seed-base', '300000', '--clean', '40', '--hard', '40', '--other', '30'] },
  { name: 't400', args: ['--seed-base', '400000', '--clean', '40', '--hard', '40', '--other', '40'] },
  { name: 't500', args: ['--seed-base', '500000', '--clean', '60', '--hard', '30', '--other', '30'] },
  // stress sets, one weakness each
  { name: 's600', core: true, args: ['--only', 'sos', '--seed-base', '600000', '--clean', '0', '--hard', '30', '--other', '30'] },
  {
    name: 'b610',
    core: true,
    args: ['--only', 'connected,cloud-not-connected,network-not-connected,network-off,safe-mode,tracker-connected', '--seed-base', '610000', '--clean', '0', '--hard', '40', '--other', '40'],
  },
  { name: 'ce620', core: true, args: ['--only', 'cloud-error', '--seed-base', '620000', '--clean', '20', '--hard', '30', '--other', '20'] },
  { name: 'st630', core: true, args: ['--only', 'solid,off', '--seed-base', '630000', '--clean', '20', '--hard', '30', '--other', '20'] },
  { name: 'off660', args: ['--only', 'off', '--seed-base', '660000', '--clean', '40', '--hard', '40', '--other', '20'] },
  // other cameras
  { name: 'w1400', args: ['--camera', 'wide', '--seed-base', '1400000', '--clean', '0', '--hard', '0', '--other', '60'] },
  { name: 'r1410', args: ['--camera', 'rates', '--seed-base', '1410000', '--clean', '0', '--hard', '0', '--other', '60'] },
  { name: 'w1800', args: ['--camera', 'wide', '--seed-base', '1800000', '--clean', '0', '--hard', '0', '--other', '60'] },
  { name: 'r1810', args: ['--camera', 'rates', '--seed-base', '1810000', '--clean', '0', '--hard', '0', '--other', '60'] },
  { name: 'r2800', args: ['--camera', 'rates', '--seed-base', '2800000', '--clean', '0', '--hard', '0', '--other', '60'] },
  { name: 'w2810', args: ['--camera', 'wide', '--seed-base', '2810000', '--clean', '0', '--hard', '0', '--other', '60'] },
  // held-out sets, development sets once their misses were looked at
  { name: 'c1420', core: true, args: ['--seed-base', '1420000', ...HARD_OTHER] },
  { name: 'c1430', args: ['--seed-base', '1430000', ...HARD_OTHER] },
  { name: 'c1500', args: ['--seed-base', '1500000', '--clean', '300', '--hard', '0', '--other', '0'] },
  { name: 'c1600', core: true, args: ['--seed-base', '1600000', ...SOS] },
  { name: 'c1700', args: ['--seed-base', '1700000', ...HARD_OTHER] },
  { name: 'c1900', core: true, args: ['--seed-base', '1900000', ...HARD_OTHER] },
  { name: 'c2000', core: true, args: ['--seed-base', '2000000', ...SOS] },
  { name: 'c2100', core: true, args: ['--seed-base', '2100000', ...HARD_OTHER] },
  { name: 'c2200', core: true, args: ['--seed-base', '2200000', ...SOS] },
  { name: 'c2300', core: true, args: ['--seed-base', '2300000', ...SOS] },
  { name: 'c2400', core: true, args: ['--seed-base', '2400000', ...HARD_OTHER] },
  { name: 'c2500', core: true, args: ['--seed-base', '2500000', ...SOS] },
  { name: 'c2600', core: true, args: ['--seed-base', '2600000', ...HARD_OTHER] },
  { name: 'c2700', core: true, args: ['--seed-base', '2700000', ...HARD_OTHER] },
  { name: 'c2900', core: true, args: ['--seed-base', '2900000', '--clean', '60', '--hard', '60', '--other', '60'] },
  { name: 'c2920', core: true, args: ['--seed-base', '2920000', ...HARD_OTHER] },
  { name: 'c2930', core: true, args: ['--seed-base', '2930000', ...SOS] },
  { name: 'c3100', core: true, args: ['--seed-base', '3100000', ...SOS] },
  { name: 'c3200', core: true, args: ['--seed-base', '3200000', '--clean', '60', '--hard', '60', '--other', '60'] },
  { name: 'c3300', core: true, args: ['--seed-base', '3300000', ...HARD_OTHER] },
  { name: 'w3400', args: ['--camera', 'wide', '--seed-base', '3400000', '--clean', '0', '--hard', '0', '--other', '60'] },
  { name: 'r3410', args: ['--camera', 'rates', '--seed-base', '3410000', '--clean', '0', '--hard', '0', '--other', '60'] },
  { name: 'c3500', core: true, args: ['--seed-base', '3500000', ...HARD_OTHER] },
  { name: 'w3600', args: ['--camera', 'wide', '--seed-base', '3600000', '--clean', '0', '--hard', '0', '--other', '120'] },
  { name: 'c3700', core: true, args: ['--seed-base', '3700000', '--clean', '40', '--hard', '60', '--other', '60'] },
  { name: 'off3800', args: ['--only', 'off', '--seed-base', '3800000', '--clean', '20', '--hard', '20', '--other', '20'] },
];

function parseArgs(argv) {
  const a = { root: join(root, '.cache', 'dev'), sets: 'core', reuseSeries: false, workers: '2', list: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${k} needs a value`);
      return argv[++i];
    };
    if (k === '--root') a.root = resolve(next());
    else if (k === '--sets') a.sets = next();
    else if (k === '--reuse-series') a.reuseSeries = true;
    else if (k === '--workers') a.workers = next();
    else if (k === '--list') a.list = true;
    else throw new Error(`unknown option ${k}`);
  }
  return a;
}

function chosen(which) {
  if (which === 'all') return SETS;
  if (which === 'core') return SETS.filter((s) => s.core);
  const names = which.split(',');
  const unknown = names.filter((n) => !SETS.some((s) => s.name === n));
  if (unknown.length > 0) throw new Error(`unknown set ${unknown.join(', ')} (--list shows them)`);
  return SETS.filter((s) => names.includes(s.name));
}

/** Runs eval.mjs on one set; resolves with its summary line ("all …") and its wrong-clip lines. */
function runSet(set, a) {
  const dir = join(a.root, set.name);
  mkdirSync(dir, { recursive: true });
  const args = [join(root, 'scripts', 'eval.mjs'), ...set.args, '--cache', dir, '--list-wrong', '--workers', a.workers, ...(a.reuseSeries ? ['--reuse-series'] : [])];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0) return fail(new Error(`${set.name}: eval.mjs exited ${code}`));
      const lines = out.split('\n');
      done({ all: lines.find((l) => l.startsWith('all ')) ?? '(no summary)', wrong: lines.filter((l) => /^ {2}(clean|hard|other)-\d+ /.test(l)) });
    });
  });
}

async function main() {
  const a = parseArgs(process.argv.slice(2));
  const sets = chosen(a.sets);
  if (a.list) {
    for (const s of sets) console.log(`${s.name.padEnd(6)} ${s.core ? 'core' : '    '}  node scripts/eval.mjs ${s.args.join(' ')} --cache ${join(a.root, s.name)}`);
    return;
  }
  let clips = 0;
  let wrong = 0;
  for (const s of sets) {
    const r = await runSet(s, a);
    console.log(`${s.name.padEnd(6)} ${r.all}`);
    for (const w of r.wrong) console.log(`${s.name.padEnd(6)} W ${w.trim()}`);
    clips += Number(/n=\s*(\d+)/.exec(r.all)?.[1] ?? 0);
    wrong += r.wrong.length;
  }
  console.log(`total  ${clips} clips in ${sets.length} sets, ${wrong} wrong`);
}

main().catch((e) => {
  console.error(`dev-sets: ${e.message}`);
  process.exit(1);
});
