import { describe, expect, it } from 'vitest';
import { colorClipSpec, contractColorOfDrive, inMemorySamples, modesShowing } from '../../src/classify/model/dataset.js';
import { COLOR_NAMES } from '../../src/catalog/types.js';

// training seeds (300000+): the dev set (100000+) and fixtures (1000–1999) are not touched here
describe('colour dataset', () => {
  it('every contract colour has modes that show it', () => {
    for (const c of COLOR_NAMES) expect(modesShowing(c).length, c).toBeGreaterThanOrEqual(2);
    expect(modesShowing('orange')).toContain('handshake-no-internet');
  });

  it('names a drive level by its chromaticity only', () => {
    expect(contractColorOfDrive(96 / 255, 36 / 255, 0)).toBe('orange');
    expect(contractColorOfDrive(0.2, 0.2, 0.2)).toBe('white');
    expect(contractColorOfDrive(1, 0.65, 0)).toBeNull(); // the rainbow's CSS orange is not the contract's
    expect(contractColorOfDrive(0, 0, 0)).toBeNull();
  });

  it('is deterministic by seed', async () => {
    expect(colorClipSpec(300013, 'hard')).toEqual(colorClipSpec(300013, 'hard'));
    expect(colorClipSpec(300013, 'hard').color).toBe(COLOR_NAMES[300013 % 8]);
    const a = inMemorySamples(300011, 'clean');
    const b = inMemorySamples(300011, 'clean');
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
    for (const s of a) {
      expect(COLOR_NAMES).toContain(s.label);
      expect(s.seed).toBe(300011);
      expect(s.evidence.clippedFraction).toBeGreaterThanOrEqual(0);
    }
  });
});
