/** No camera for the page: refused permission, or no camera at all. The page must say which. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, pageReport, servePage, SHOT_DIR, type OpenedPage, type PageFixture } from './harness.js';

let fixture: PageFixture;
const opened: OpenedPage[] = [];

beforeAll(async () => {
  fixture = await servePage();
});

afterAll(async () => {
  for (const o of opened) await o.chromium.close();
  await fixture?.close();
});

describe('webcam page: no camera', () => {
  it('explains a refused camera', async () => {
    // the fake camera exists, but the permission prompt is denied (no --use-fake-ui-for-media-stream)
    const o = await openPage(fixture.server.url, { fakeDevice: true, deny: true });
    opened.push(o);
    await o.page.click('[data-testid="start"]');
    const box = o.page.locator('[data-testid="camera-error"]');
    await box.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await box.getAttribute('data-error'), await pageReport(o)).toBe('NotAllowedError');
    expect(await box.textContent()).toMatch(/Camera access was refused.*Allow the camera/);
    expect(await box.textContent()).toContain('drop a video clip');
    // nothing was diagnosed, and the page stays usable
    expect(await o.page.locator('[data-testid="diagnosis"]').getAttribute('data-mode')).toBe('');
    expect(await o.page.locator('[data-testid="start"]').isEnabled()).toBe(true);
    mkdirSync(SHOT_DIR, { recursive: true });
    await o.page.screenshot({ path: join(SHOT_DIR, 'refused.png') });
  });

  it('explains a missing camera', async () => {
    // permission granted, but this headless machine has no camera at all
    const o = await openPage(fixture.server.url, { autoAllow: true });
    opened.push(o);
    await o.page.click('[data-testid="start"]');
    const box = o.page.locator('[data-testid="camera-error"]');
    await box.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await box.getAttribute('data-error'), await pageReport(o)).toBe('NotFoundError');
    expect(await box.textContent()).toMatch(/No camera was found/);
  });
});
