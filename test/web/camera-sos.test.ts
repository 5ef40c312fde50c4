/** A red SOS with panic code 2 on the (fake) webcam: the card must name the fault and its code. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClipLabel } from '../../src/synth/scenario.js';
import { openPage, pageReport, renderModeClip, servePage, SHOT_DIR, waitForMode, type OpenedPage, type PageFixture } from './harness.js';

let fixture: PageFixture;
let opened: OpenedPage | undefined;
let clip: { path: string; label: ClipLabel };

beforeAll(async () => {
  fixture = await servePage();
  // the firmware's two SOS cycles (2 × 5.8 s); the fake camera loops them
  clip = await renderModeClip(fixture.dir, 'sos2', 'sos', { code: 2, device: 'argon' });
});

afterAll(async () => {
  await opened?.chromium.close();
  await fixture?.close();
});

describe('webcam page: SOS', () => {
  it('diagnoses sos with the panic code', async () => {
    expect(clip.label.expected).toEqual({ mode: 'sos', code: 2, color: 'red' });
    opened = await openPage(`${fixture.server.url}?device=argon`, { fakeVideo: clip.path });
    const { page } = opened;
    await page.click('[data-testid="start"]');
    // ~15 s on an idle machine (search, then one whole 5.8-s cycle in the window)
    const { attrs, seen } = await waitForMode(page, { mode: 'sos', code: '2' }, 75_000);
    mkdirSync(SHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SHOT_DIR, 'sos.png') });
    const report = await pageReport(opened);
    expect(`${attrs.mode}:${attrs.code}`, `card showed ${seen.join(' → ') || 'nothing'}; page: ${report}`).toBe('sos:2');
    expect(attrs.color, report).toBe('red');
    // the card spells the code out, as the CLI does
    expect(await page.locator('#card-meaning').textContent(), report).toContain('Code 2');
    expect(opened.errors).toEqual([]);
  });
});
