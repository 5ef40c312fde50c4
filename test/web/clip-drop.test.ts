/**
 * A clip dropped onto the page is decoded by the browser (object URL → <video>), read frame by
 * frame, and diagnosed in the page once it ends — as `ledscope diagnose` would, nothing uploaded.
 */
import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, pageReport, servePage, SHOT_DIR, waitForMode, waitForPage, type OpenedPage, type PageFixture } from './harness.js';
import { renderClip } from '../../src/synth/render.js';
import { modeScenario } from '../../src/synth/presets.js';
import type { ClipLabel } from '../../src/synth/scenario.js';

let fixture: PageFixture;
let opened: OpenedPage | undefined;
let clipPath: string;
let label: ClipLabel;

beforeAll(async () => {
  fixture = await servePage();
  clipPath = join(fixture.dir, 'listening.webm');
  label = await renderClip({
    scenario: modeScenario('listening', { device: 'photon', durationMs: 5000 }),
    out: clipPath,
    seed: 4,
    conditions: { width: 640, height: 360, fps: 30 },
  });
});

afterAll(async () => {
  await opened?.chromium.close();
  await fixture?.close();
});

describe('clip dropped on the page', () => {
  it('is diagnosed in the browser when it ends', async () => {
    expect(label.expected.mode).toBe('listening');
    // the canvas way of reading pixels (browsers without WebCodecs); the camera tests use WebCodecs
    opened = await openPage(`${fixture.server.url}?device=photon&grab=canvas`, {});
    const { page } = opened;
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const bytes = readFileSync(clipPath).toString('base64');
    // a real drop event carrying the file, as a person dragging it from the desktop
    const transfer = await page.evaluateHandle((b64: string) => {
      const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bin], 'listening.webm', { type: 'video/webm' }));
      return dt;
    }, bytes);
    await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
    // the clip pauses while the workers catch up, so a loaded machine only makes it slower
    const { attrs, seen } = await waitForMode(page, { mode: 'listening' }, 60_000);
    await waitForPage(opened, 'the whole-clip diagnosis', () => (document.querySelector('[data-testid="diagnosis"]') as HTMLElement).dataset.state === 'final', 45_000);
    const final = await page.locator('[data-testid="diagnosis"]').evaluate((el: HTMLElement) => ({ ...el.dataset }));
    mkdirSync(SHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SHOT_DIR, 'clip-drop.png') });
    const report = await pageReport(opened);
    expect(attrs.mode, `card showed ${seen.join(' → ') || 'nothing'}; page: ${report}`).toBe('listening');
    expect(final.mode, report).toBe('listening');
    expect(final.color, report).toBe('blue');
    const stats = await page.evaluate(() => window.__ledscopeStats);
    expect(stats.source).toBe('file');
    expect(stats.grabMethod).toBe('canvas');
    expect(stats.samples, report).toBeGreaterThan(50);
    // the clip never went over the network: only the page's own files were requested
    expect(requests.every((u) => u.startsWith(fixture.server.url) || u.startsWith('blob:') || u.startsWith('data:'))).toBe(true);
    expect(opened.errors).toEqual([]);
  });
});
