/**
 * Breathing cyan held up to the (fake) webcam: the page finds the LED, rings it, traces it, and the
 * card says "connected" with the CLI's own meaning and advice.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogFor } from '../../src/catalog/index.js';
import { explain } from '../../src/report/diagnosis-json.js';
import type { ClipLabel } from '../../src/synth/scenario.js';
import { diagnosisAttrs, openPage, pageReport, renderModeClip, servePage, SHOT_DIR, waitForMode, waitForPage, type OpenedPage, type PageFixture } from './harness.js';

let fixture: PageFixture;
let opened: OpenedPage | undefined;
let clip: { path: string; label: ClipLabel };

beforeAll(async () => {
  fixture = await servePage();
  // one 4 s breath: the fake camera loops it seamlessly
  clip = await renderModeClip(fixture.dir, 'connected', 'connected', { device: 'boron', durationS: 4 });
});

afterAll(async () => {
  await opened?.chromium.close();
  await fixture?.close();
});

describe('webcam page: breathing cyan', () => {
  it('diagnoses connected, with the CLI text, and rings the LED', async () => {
    opened = await openPage(`${fixture.server.url}?device=boron`, { fakeVideo: clip.path });
    const { page } = opened;
    await page.click('[data-testid="start"]');
    // ~8 s on an idle machine (search ~2 s, 1.5 breaths); a loaded one delays frames, not verdicts
    const { attrs: d, seen } = await waitForMode(page, { mode: 'connected' }, 60_000);
    mkdirSync(SHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SHOT_DIR, 'connected.png') });
    const report = await pageReport(opened);
    expect(d.mode, `card showed ${seen.join(' → ') || 'nothing'}; page: ${report}`).toBe('connected');
    expect(d.code, report).toBe('');
    expect(d.color, report).toBe('cyan');
    expect(['confirmed', 'final'], report).toContain(d.state);

    // the same meaning and advice the CLI prints for this device
    const text = explain('connected', null, catalogFor('boron'), 'boron');
    expect(await page.locator('#card-meaning').textContent()).toBe(text.meaning);
    expect(await page.locator('#card-advice').textContent()).toBe(text.advice);
    expect(await page.locator('#card-title').textContent()).not.toBe('');

    // the tracked LED is the one the renderer drew
    const stats = await page.evaluate(() => window.__ledscopeStats);
    expect(stats.state, report).toBe('tracking');
    expect(stats.videoWidth).toBe(640);
    expect(stats.samples, report).toBeGreaterThan(60);
    // the search read the camera's own YUV planes (WebCodecs), one camera frame in a few
    expect(new Set(stats.perFrame.filter((f) => f.kind === 'search').map((f) => f.format)), report).not.toContain('RGBA');
    expect(stats.searchFramesSeen).toBeGreaterThan(0);
    // every sample the tracker measured reached the matcher worker
    expect(stats.matcher.samples, report).toBeGreaterThan(0);
    expect(stats.matcher.samples).toBeLessThanOrEqual(stats.samples);
    const led = clip.label.led!;
    expect(Math.hypot(stats.led!.x - led.x, stats.led!.y - led.y), report).toBeLessThan(Math.max(4, led.radius));

    expect(opened.errors).toEqual([]);
    expect((await diagnosisAttrs(page)).mode).toBe('connected');
  });

  it('lets the person click another spot to read, and go back to the automatic LED', async () => {
    const { page } = opened!;
    const led = clip.label.led!;
    const toScreen = (x: number, y: number) =>
      page.evaluate(([vx, vy]) => {
        const stage = document.getElementById('stage')!;
        const video = document.getElementById('video') as HTMLVideoElement;
        const r = stage.getBoundingClientRect();
        const s = Math.min(stage.clientWidth / video.videoWidth, stage.clientHeight / video.videoHeight);
        const ox = (stage.clientWidth - video.videoWidth * s) / 2, oy = (stage.clientHeight - video.videoHeight * s) / 2;
        return { x: r.left + stage.clientLeft + ox + vx * s, y: r.top + stage.clientTop + oy + vy * s };
      }, [x, y] as const);
    const target = { x: led.x - 110, y: led.y + 20 };
    const at = await toScreen(target.x, target.y);
    await page.mouse.click(at.x, at.y);
    await waitForPage(opened!, 'tracking the clicked spot', () => window.__ledscopeStats.state === 'tracking' && window.__ledscopeStats.led !== null, 30_000);
    const clicked = await page.evaluate(() => window.__ledscopeStats.led!);
    // video px per screen px is ~0.7 here: the click lands within a pixel or two of where it was aimed
    expect(Math.hypot(clicked.x - target.x, clicked.y - target.y), await pageReport(opened!)).toBeLessThan(3);
    expect(await page.locator('[data-testid="tracker-status"]').textContent()).toContain('you clicked');

    await page.click('[data-testid="auto-locate"]');
    await waitForPage(opened!, 'tracking the LED found again', () => window.__ledscopeStats.state === 'tracking' && window.__ledscopeStats.led !== null, 30_000);
    const auto = await page.evaluate(() => window.__ledscopeStats.led!);
    expect(Math.hypot(auto.x - led.x, auto.y - led.y), await pageReport(opened!)).toBeLessThan(Math.max(4, led.radius));
    expect(opened!.errors).toEqual([]);
  });
});
