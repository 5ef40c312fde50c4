/**
 * What the page tests share: build the page from the current sources (Vite, into a temp dir), serve
 * it with the real static server, render a clip with the synth renderer, and drive real headless
 * Chromium whose fake camera plays that clip.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import type { CatalogModeId, DeviceId } from '../../src/catalog/types.js';
import { startStaticServer, type StaticServer } from '../../src/server/static-server.js';
import type { RenderConditions } from '../../src/synth/conditions.js';
import { modeScenario } from '../../src/synth/presets.js';
import { renderClip } from '../../src/synth/render.js';
import type { ClipLabel } from '../../src/synth/scenario.js';
import { launchChromium, type LaunchedChromium, type LaunchOptions } from '../setup/chromium.js';

export const SHOT_DIR = fileURLToPath(new URL('../../.cache/web-shots/', import.meta.url));

export interface PageFixture {
  dir: string;
  server: StaticServer;
  close(): Promise<void>;
}

/** Serves the page the web project's globalSetup built (test/setup/web-build.ts); clips go to a temp dir of this fixture. */
export async function servePage(): Promise<PageFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'ledscope-web-'));
  const root = inject('webPageDir');
  if (!root) throw new Error('the page tests run in the vitest "web" project, whose globalSetup builds the page');
  const server = await startStaticServer({ root });
  return {
    dir,
    server,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A .y4m clip of one mode for Chromium's fake camera (which loops it). */
export async function renderModeClip(
  dir: string,
  name: string,
  mode: CatalogModeId,
  options: { code?: number; device?: DeviceId; durationS?: number; conditions?: Partial<RenderConditions>; seed?: number } = {},
): Promise<{ path: string; label: ClipLabel }> {
  const path = join(dir, `${name}.y4m`);
  const scenario = modeScenario(mode, { code: options.code, device: options.device, durationMs: options.durationS !== undefined ? options.durationS * 1000 : undefined });
  const label = await renderClip({ scenario, out: path, seed: options.seed ?? 1, conditions: { width: 640, height: 360, fps: 30, ...options.conditions } });
  return { path, label };
}

export interface OpenedPage {
  page: Page;
  chromium: LaunchedChromium;
  /** Errors the page threw or logged (a test fails on any). */
  errors: string[];
}

export async function openPage(url: string, launch: LaunchOptions): Promise<OpenedPage> {
  const chromium = await launchChromium(launch);
  const page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url);
  return { page, chromium, errors };
}

export interface DiagnosisAttrs {
  mode: string;
  code: string;
  color: string;
  state: string;
}

export async function diagnosisAttrs(page: Page): Promise<DiagnosisAttrs> {
  return page.locator('[data-testid="diagnosis"]').evaluate((el: HTMLElement) => ({
    mode: el.dataset.mode ?? '',
    code: el.dataset.code ?? '',
    color: el.dataset.color ?? '',
    state: el.dataset.state ?? '',
  }));
}

export interface WaitResult {
  attrs: DiagnosisAttrs;
  /** Every distinct diagnosis the card showed, in order ("mode:code"), for failure messages. */
  seen: string[];
  /** Seconds from the call until the expected diagnosis appeared (or the timeout). */
  afterS: number;
}

/**
 * Watches the card until it shows `mode` (and `code`, when given) or the time runs out. A live
 * diagnosis may change as evidence grows; what is asserted is what it settles on.
 */
export async function waitForMode(page: Page, want: { mode: string; code?: string }, timeoutMs: number): Promise<WaitResult> {
  const t0 = Date.now();
  const seen: string[] = [];
  let attrs = await diagnosisAttrs(page);
  for (;;) {
    attrs = await diagnosisAttrs(page);
    const key = `${attrs.mode || '-'}:${attrs.code}`;
    if (attrs.mode && seen[seen.length - 1] !== key) seen.push(key);
    if (attrs.mode === want.mode && (want.code === undefined || attrs.code === want.code)) break;
    if (Date.now() - t0 > timeoutMs) break;
    await page.waitForTimeout(250);
  }
  return { attrs, seen, afterS: (Date.now() - t0) / 1000 };
}

/**
 * What the page knew, for failure messages: tracker state and LED, frames sent / skipped / missed,
 * samples, the matcher's analyses, the card's attributes and text, the status and error lines, the
 * page's own errors, and the machine's load.
 */
export async function pageReport(opened: OpenedPage): Promise<string> {
  const info = await opened.page
    .evaluate(() => {
      const s = window.__ledscopeStats;
      const text = (sel: string) => document.querySelector(sel)?.textContent?.trim() ?? '';
      return {
        tracker: { state: s.state, led: s.led, source: s.source, grab: s.grabMethod, size: `${s.videoWidth}x${s.videoHeight}` },
        frames: { sent: s.framesSent, searchSeen: s.searchFramesSeen, skipped: s.framesSkipped, missed: s.framesMissed, samples: s.samples, last: s.perFrame.slice(-2) },
        matcher: { samples: s.matcher.samples, analyses: s.matcher.analyses.length, totalMs: Math.round(s.matcher.totalMs) },
        card: { ...(document.querySelector('[data-testid="diagnosis"]') as HTMLElement).dataset, title: text('#card-title') },
        status: text('[data-testid="tracker-status"]'),
        error: text('[data-testid="camera-error"]'),
        perf: text('#perf'),
      };
    })
    .catch((e: unknown) => ({ unreadable: String(e) }));
  return JSON.stringify({ ...info, pageErrors: opened.errors, load: loadavg().map((x) => Number(x.toFixed(1))) });
}

/** `page.waitForFunction` that fails with what the page knew instead of a bare timeout. */
export async function waitForPage(opened: OpenedPage, what: string, predicate: () => boolean, timeoutMs: number): Promise<void> {
  try {
    await opened.page.waitForFunction(predicate, undefined, { timeout: timeoutMs });
  } catch (error) {
    throw new Error(`page did not reach "${what}" within ${timeoutMs / 1000} s (${(error as Error).message.split('\n')[0]}); page: ${await pageReport(opened)}`);
  }
}
