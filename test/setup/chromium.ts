/**
 * Real headless Chromium for the web tests: Debian's `chromium` package driven by playwright-core.
 * A fresh machine does not have it, so this installs it (apt, as root) the first time; when that is
 * impossible the tests fail with one line that says what to do — they never skip silently.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.LEDSCOPE_CHROMIUM ?? '/usr/bin/chromium';

/** Flags every launch needs on this machine (root, no GPU, no network chatter). */
export const BASE_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const sleepMs = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Installs Debian's chromium when missing; throws one clear line when it cannot. */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(`web tests need Chromium at ${CHROMIUM_PATH}: run \`sudo apt-get install -y chromium\` (or set LEDSCOPE_CHROMIUM to a Chromium binary)`);
  }
  // test files run in parallel: one installs, the others wait for it (apt holds a lock anyway)
  const lock = join(tmpdir(), 'ledscope-chromium-install.lock');
  const deadline = Date.now() + 25 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
      if (Date.now() > deadline) throw new Error(`waited too long for another test's Chromium install (remove ${lock} if it is stale)`);
      sleepMs(2000);
    }
  }
  try {
    if (!existsSync(CHROMIUM_PATH)) installChromium();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return CHROMIUM_PATH;
}

function installChromium(): void {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update'], { stdio: 'inherit', env, timeout: 600_000 });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env, timeout: 1_200_000 });
  } catch (error) {
    throw new Error(`could not install chromium with apt-get (${(error as Error).message.split('\n')[0]}); install it by hand or set LEDSCOPE_CHROMIUM`);
  }
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`apt-get installed chromium but ${CHROMIUM_PATH} is still missing; set LEDSCOPE_CHROMIUM`);
}

export interface LaunchOptions {
  /** A .y4m clip for the fake camera (4:2:0, whole frame rate); implies `fakeDevice`. */
  fakeVideo?: string;
  /** Offer Chromium's fake camera (its own test pattern unless `fakeVideo` is given). */
  fakeDevice?: boolean;
  /** Grant camera access without a prompt (default: true unless `deny`). */
  autoAllow?: boolean;
  /** Deny permission prompts (the refused-camera case). */
  deny?: boolean;
}

export interface LaunchedChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches Chromium headless with a fresh profile directory (playwright takes it as the persistent
 * context's user-data-dir), so no permission or setting leaks between tests.
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<LaunchedChromium> {
  const executablePath = ensureChromium();
  const profile = mkdtempSync(join(tmpdir(), 'ledscope-chromium-'));
  const args = [...BASE_FLAGS];
  if (options.fakeVideo || options.fakeDevice) args.push('--use-fake-device-for-media-stream');
  if (options.fakeVideo) args.push(`--use-file-for-fake-video-capture=${options.fakeVideo}`);
  if (options.deny) args.push('--deny-permission-prompts');
  else if (options.autoAllow ?? true) args.push('--use-fake-ui-for-media-stream');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    args,
    headless: true,
    viewport: { width: 1360, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** vitest globalSetup: make sure Chromium is there before any web test starts. */
export default function setup(): void {
  ensureChromium();
}
