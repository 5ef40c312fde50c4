import { describe, expect, it } from 'vitest';
import { catalogFor, decodingCatalogFor } from '../../src/catalog/index.js';

describe('decodingCatalogFor', () => {
  const ids = (device?: Parameters<typeof decodingCatalogFor>[0]) => decodingCatalogFor(device).modes.map((m) => m.id);

  it('without a device decodes with the standard scheme only (no Tracker-scheme modes)', () => {
    expect(ids().filter((id) => id.startsWith('tracker-'))).toEqual([]);
    expect(ids()).toEqual(expect.arrayContaining(['connected', 'solid', 'sos', 'off']));
    // listing the catalog still shows everything
    expect(catalogFor().modes.map((m) => m.id)).toEqual(expect.arrayContaining(['tracker-connected']));
  });

  it('with --device tracker-som decodes the Tracker scheme and the standard one', () => {
    expect(ids('tracker-som')).toEqual(expect.arrayContaining(['tracker-connected', 'tracker-connecting-cloud', 'connected']));
  });

  it('with another device is exactly that device\'s catalog', () => {
    expect(ids('boron')).toEqual(catalogFor('boron').modes.map((m) => m.id));
  });
});
